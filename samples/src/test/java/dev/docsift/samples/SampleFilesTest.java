package dev.docsift.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleFilesTest {
  private static Sample receipt;

  @TempDir Path dir;

  @BeforeAll
  static void generate() {
    receipt =
        new SampleGenerator(Degradation.SCANNED.atDpi(120)).generate(DocumentType.RECEIPT, 11);
  }

  @Test
  void pdfHasOnePageHoldingOneImageThatCoversIt() throws Exception {
    Path pdf = dir.resolve("receipt.pdf");
    SampleFiles.writePdf(receipt, pdf);
    try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      PDPage page = document.getPage(0);
      assertThat(page.getMediaBox().getWidth()).isCloseTo(receipt.widthPoints(), within());
      assertThat(page.getMediaBox().getHeight()).isCloseTo(receipt.heightPoints(), within());
      List<PDImageXObject> images = images(page.getResources());
      assertThat(images).hasSize(1);
      assertThat(images.get(0).getWidth()).isEqualTo(receipt.page().getWidth());
      assertThat(images.get(0).getHeight()).isEqualTo(receipt.page().getHeight());
      assertThat(images.get(0).getSuffix()).isEqualTo("jpg");
      // Image only: no fonts, so no text layer.
      assertThat(page.getResources().getFontNames()).isEmpty();
    }
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void cleanSamplesAreEmbeddedLosslessly() throws Exception {
    Sample clean =
        new SampleGenerator(Degradation.CLEAN.atDpi(100)).generate(DocumentType.RECEIPT, 4);
    Path pdf = dir.resolve("clean.pdf");
    SampleFiles.writePdf(clean, pdf);
    try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
      PDImageXObject image = images(document.getPage(0).getResources()).get(0);
      assertThat(image.getSuffix()).isEqualTo("png");
      BufferedImage decoded = image.getImage();
      assertThat(decoded.getRaster().getSample(7, 9, 0))
          .isEqualTo(clean.page().getRaster().getSample(7, 9, 0));
    }
  }

  @Test
  void repeatedPagePdfHasFiveHundredPagesAndStoresTheImageOnce() throws Exception {
    Path pdf = dir.resolve("long.pdf");
    SampleFiles.writeRepeatedPagePdf(pdf, 500, receipt.page(), receipt.dpi());
    Path one = dir.resolve("one.pdf");
    SampleFiles.writeRepeatedPagePdf(one, 1, receipt.page(), receipt.dpi());
    try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
      assertThat(document.getNumberOfPages()).isEqualTo(500);
      assertThat(images(document.getPage(499).getResources())).hasSize(1);
    }
    // 499 more pages cost well under a kilobyte each.
    assertThat(Files.size(pdf) - Files.size(one)).isLessThan(499 * 1024L);
    assertThatThrownBy(() -> SampleFiles.writeRepeatedPagePdf(pdf, 0, receipt.page(), 100))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void multiPagePdfFromSeveralImages() throws Exception {
    Path pdf = dir.resolve("two.pdf");
    SampleFiles.writePdf(List.of(receipt.page(), receipt.page()), receipt.dpi(), 0.8f, pdf);
    try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
      assertThat(document.getNumberOfPages()).isEqualTo(2);
    }
    assertThatThrownBy(() -> SampleFiles.writePdf(List.of(), 100, 0.8f, pdf))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tiffHoldsEveryFrameAndTheResolution() throws Exception {
    Path tiff = dir.resolve("pages.tif");
    SampleFiles.writeTiff(List.of(receipt.page(), receipt.page(), receipt.page()), 120, tiff);
    try (ImageInputStream in = ImageIO.createImageInputStream(tiff.toFile())) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      reader.setInput(in);
      assertThat(reader.getFormatName()).isEqualToIgnoringCase("tif");
      assertThat(reader.getNumImages(true)).isEqualTo(3);
      assertThat(reader.read(2).getWidth()).isEqualTo(receipt.page().getWidth());
      assertThat(dpi(reader)).isCloseTo(120, within());
      reader.dispose();
    }
  }

  @Test
  void pngAndJpegReadBackWithTheirSizeAndResolution() throws Exception {
    Path png = dir.resolve("page.png");
    Path jpeg = dir.resolve("page.jpg");
    SampleFiles.writePng(receipt.page(), receipt.dpi(), png);
    SampleFiles.writeJpeg(receipt.page(), receipt.dpi(), 0.8f, jpeg);
    for (Path file : List.of(png, jpeg)) {
      try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
        ImageReader reader = ImageIO.getImageReaders(in).next();
        reader.setInput(in);
        BufferedImage image = reader.read(0);
        assertThat(image.getWidth()).isEqualTo(receipt.page().getWidth());
        assertThat(image.getHeight()).isEqualTo(receipt.page().getHeight());
        assertThat(dpi(reader)).as(file.toString()).isCloseTo(120, within());
        reader.dispose();
      }
    }
    // The PNG is lossless.
    assertThat(ImageIO.read(png.toFile()).getRaster().getSample(20, 30, 0))
        .isEqualTo(receipt.page().getRaster().getSample(20, 30, 0));
  }

  @Test
  void truthIsPrettyJsonWithUnixLineEnds() throws Exception {
    Path json = dir.resolve("receipt.json");
    SampleFiles.writeTruth(receipt, json);
    String text = Files.readString(json, StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("\r").endsWith("}\n").contains("\n  \"company\"");
    assertThat(new ObjectMapper().readTree(text)).isEqualTo(receipt.truth());
  }

  @Test
  void writingReplacesAnExistingFileAndLeavesNoTemporaryFiles() throws Exception {
    Path json = dir.resolve("receipt.json");
    Files.writeString(json, "old");
    SampleFiles.writeTruth(receipt, json);
    assertThat(Files.readString(json)).startsWith("{");
    assertThat(leftovers()).isEmpty();
  }

  private List<Path> leftovers() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  private static List<PDImageXObject> images(PDResources resources) throws Exception {
    List<PDImageXObject> images = new ArrayList<>();
    for (COSName name : resources.getXObjectNames()) {
      if (resources.getXObject(name) instanceof PDImageXObject image) {
        images.add(image);
      }
    }
    return images;
  }

  /** The horizontal resolution from the plugin-neutral metadata of the first image. */
  private static float dpi(ImageReader reader) throws Exception {
    IIOMetadataNode root =
        (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_1.0");
    IIOMetadataNode size =
        (IIOMetadataNode) root.getElementsByTagName("HorizontalPixelSize").item(0);
    return (float) (25.4 / Double.parseDouble(size.getAttribute("value")));
  }

  private static org.assertj.core.data.Offset<Float> within() {
    return org.assertj.core.data.Offset.offset(0.5f);
  }
}
