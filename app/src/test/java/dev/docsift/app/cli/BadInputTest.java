package dev.docsift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.docsift.samples.Degradation;
import dev.docsift.samples.DocumentType;
import dev.docsift.samples.Sample;
import dev.docsift.samples.SampleFiles;
import dev.docsift.samples.SampleGenerator;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bad input gets one sentence with its code, the run exits 1, and the good files of the same
 * run are still written. Never a stack trace, never a hang.
 */
class BadInputTest {
  @TempDir static Path dir;
  private static Path good;
  private static byte[] goodBytes;

  @BeforeAll
  static void makeInputs() throws Exception {
    assumeThat(Tesseract.installed()).as("tesseract-ocr is not installed").isTrue();
    Sample sample =
        new SampleGenerator(Degradation.CLEAN.atDpi(200)).generate(DocumentType.RECEIPT, 3);
    good = dir.resolve("good.pdf");
    SampleFiles.writePdf(sample, good);
    goodBytes = Files.readAllBytes(good);
    SampleFiles.writeJpeg(sample.page(), sample.dpi(), 0.9f, dir.resolve("photo-named.pdf"));
    Files.createFile(dir.resolve("empty.pdf"));
    byte[] bytes = Files.readAllBytes(good);
    Files.write(dir.resolve("truncated.pdf"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
    try (PDDocument doc = Loader.loadPDF(good.toFile())) {
      StandardProtectionPolicy policy =
          new StandardProtectionPolicy("owner", "secret", new AccessPermission());
      policy.setEncryptionKeyLength(128);
      doc.protect(policy);
      doc.save(dir.resolve("locked.pdf").toFile());
    }
    Files.createDirectory(dir.resolve("folder.pdf"));
    Files.write(dir.resolve("huge.png"), pngHeader(30_000, 30_000));
    Files.writeString(dir.resolve("notes.pdf"), "just some text, not a document");
  }

  /** The signature and IHDR chunk of a PNG claiming a size, with no pixel data at all. */
  static byte[] pngHeader(int width, int height) throws Exception {
    ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    DataOutputStream c = new DataOutputStream(chunk);
    c.writeBytes("IHDR");
    c.writeInt(width);
    c.writeInt(height);
    c.write(new byte[] {8, 0, 0, 0, 0}); // 8-bit grey, deflate, no filter, no interlace
    CRC32 crc = new CRC32();
    crc.update(chunk.toByteArray());
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    DataOutputStream p = new DataOutputStream(png);
    p.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    p.writeInt(13);
    p.write(chunk.toByteArray());
    p.writeInt((int) crc.getValue());
    return png.toByteArray();
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void everyBadFileGetsItsCodeAndTheGoodOnesAreStillWritten() throws Exception {
    Path out = dir.resolve("out");
    CliRun run =
        CliRun.of(
            "extract",
            "--out",
            out.toString(),
            "--progress",
            "none",
            dir.resolve("empty.pdf").toString(),
            dir.resolve("truncated.pdf").toString(),
            dir.resolve("locked.pdf").toString(),
            dir.resolve("folder.pdf").toString(),
            dir.resolve("huge.png").toString(),
            dir.resolve("notes.pdf").toString(),
            dir.resolve("missing.pdf").toString(),
            good.toString(),
            dir.resolve("photo-named.pdf").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.showsStackTrace()).as(run.err()).isFalse();
    assertThat(run.err())
        .contains("empty.pdf: DS104")
        .contains("truncated.pdf: DS106")
        .contains("locked.pdf: DS107")
        .contains("folder.pdf: DS102")
        .contains("huge.png: DS109")
        .contains("notes.pdf: DS105")
        .contains("missing.pdf: DS101")
        .contains("2 of 9 documents extracted, 7 failed.");
    assertThat(run.err().lines().filter(l -> l.matches(".*: DS\\d{3} .*"))).hasSize(7);
    assertThat(out.resolve("good.json")).exists();
    assertThat(out.resolve("photo-named.json")).as("a JPEG named .pdf is read as a JPEG").exists();
    assertThat(Files.readAllBytes(good)).as("inputs are never changed").isEqualTo(goodBytes);
  }

  @Test
  void thePasswordOpensAnEncryptedPdf() {
    CliRun run =
        CliRun.of(
            "extract",
            dir.resolve("locked.pdf").toString(),
            "--password",
            "secret",
            "--progress",
            "none");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"file\" : \"locked.pdf\"");
    CliRun wrong =
        CliRun.of(
            "extract",
            dir.resolve("locked.pdf").toString(),
            "--password",
            "guess",
            "--progress",
            "none");
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.err()).contains("DS108");
  }
}
