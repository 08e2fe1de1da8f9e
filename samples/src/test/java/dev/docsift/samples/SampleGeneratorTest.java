package dev.docsift.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SampleGeneratorTest {
  private static final Degradation SMALL_SCAN = Degradation.SCANNED.atDpi(100);

  @ParameterizedTest
  @EnumSource(DocumentType.class)
  void theSameSeedGivesTheSamePixelsTruthAndPdfBytes(DocumentType type, @TempDir Path dir)
      throws Exception {
    SampleGenerator generator = new SampleGenerator(SMALL_SCAN);
    Sample a = generator.generate(type, 99);
    Sample b = generator.generate(type, 99);
    assertThat(pixels(a.page())).isEqualTo(pixels(b.page()));
    assertThat(a.truth()).isEqualTo(b.truth());
    assertThat(a.id()).isEqualTo(b.id()).startsWith(type.schemaId() + "-");

    SampleFiles.writePdf(a, dir.resolve("a.pdf"));
    SampleFiles.writePdf(b, dir.resolve("b.pdf"));
    assertThat(Files.readAllBytes(dir.resolve("a.pdf")))
        .isEqualTo(Files.readAllBytes(dir.resolve("b.pdf")));
  }

  @ParameterizedTest
  @EnumSource(DocumentType.class)
  void truthDoesNotDependOnTheDegradation(DocumentType type) {
    Sample scanned = new SampleGenerator(SMALL_SCAN).generate(type, 5);
    Sample clean = new SampleGenerator(Degradation.CLEAN.atDpi(100)).generate(type, 5);
    assertThat(scanned.truth()).isEqualTo(clean.truth()).isEqualTo(SampleGenerator.truth(type, 5));
  }

  @Test
  void differentSeedsGiveDifferentPages() {
    SampleGenerator generator = new SampleGenerator(SMALL_SCAN);
    Sample a = generator.generate(DocumentType.RECEIPT, 1);
    Sample b = generator.generate(DocumentType.RECEIPT, 2);
    assertThat(a.truth()).isNotEqualTo(b.truth());
    assertThat(a.id()).isNotEqualTo(b.id());
  }

  @Test
  void pagesAreGreyAtTheDrawnResolutionAndSizedLikePaper() {
    Sample invoice = new SampleGenerator(Degradation.CLEAN).generate(DocumentType.INVOICE, 3);
    assertThat(invoice.dpi()).isEqualTo(300);
    assertThat(invoice.page().getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    // A4 or Letter.
    assertThat(invoice.widthPoints()).isBetween(594f, 613f);
    assertThat(invoice.heightPoints()).isBetween(791f, 843f);

    Sample receipt = new SampleGenerator(SMALL_SCAN).generate(DocumentType.RECEIPT, 3);
    assertThat(receipt.dpi()).isEqualTo(100);
    assertThat(receipt.widthPoints()).isLessThan(300f);
    assertThat(receipt.heightPoints()).isGreaterThan(receipt.widthPoints());
  }

  @Test
  void cleanPagesAreBlackOnWhiteAndScannedOnesAreNot() {
    int[] clean =
        histogram(
            new SampleGenerator(Degradation.CLEAN.atDpi(100))
                .generate(DocumentType.RECEIPT, 8)
                .page());
    assertThat(clean[255]).isPositive();
    assertThat(clean[0]).isPositive();
    int[] scanned =
        histogram(new SampleGenerator(SMALL_SCAN).generate(DocumentType.RECEIPT, 8).page());
    // Tinted paper and noise: hardly any pure white is left.
    assertThat(scanned[255]).isLessThan(clean[255] / 10);
  }

  @Test
  void scannedDpiStaysInItsRange() {
    SampleGenerator generator =
        new SampleGenerator(new Degradation(60, 80, 3, 0.5, 3, 60, 90, true, 0.8f));
    for (long seed = 0; seed < 5; seed++) {
      assertThat(generator.generate(DocumentType.RECEIPT, seed).dpi()).isBetween(60, 80);
    }
  }

  @Test
  void seedsForASetAreDistinct() {
    assertThat(SampleGenerator.seedFor(1, DocumentType.RECEIPT, 0))
        .isNotEqualTo(SampleGenerator.seedFor(1, DocumentType.RECEIPT, 1))
        .isNotEqualTo(SampleGenerator.seedFor(1, DocumentType.INVOICE, 0))
        .isNotEqualTo(SampleGenerator.seedFor(2, DocumentType.RECEIPT, 0))
        .isEqualTo(SampleGenerator.seedFor(1, DocumentType.RECEIPT, 0));
  }

  @Test
  void degradationRejectsEmptyOrWildRanges() {
    assertThatThrownBy(() -> new Degradation(300, 200, 0, 0, 0, 0, 0, false, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Degradation(200, 200, 90, 0, 0, 0, 0, false, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Degradation(200, 200, 0, 2, 0, 0, 0, false, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Degradation(200, 200, 0, 0, 0, 90, 60, false, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Degradation(200, 200, 0, 0, 0, 0, 0, false, 1.5f))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Degradation.SCANNED.atDpi(200).minDpi()).isEqualTo(200);
    assertThat(Degradation.SCANNED.atDpi(200).maxSkewDegrees())
        .isEqualTo(Degradation.SCANNED.maxSkewDegrees());
  }

  private static byte[] pixels(BufferedImage image) {
    return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
  }

  private static int[] histogram(BufferedImage image) {
    int[] counts = new int[256];
    for (byte b : pixels(image)) {
      counts[b & 0xff]++;
    }
    return counts;
  }
}
