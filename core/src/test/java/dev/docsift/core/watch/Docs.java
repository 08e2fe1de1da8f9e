package dev.docsift.core.watch;

import dev.docsift.core.export.ExportFormat;
import dev.docsift.core.pipeline.PipelineConfig;
import dev.docsift.samples.SampleFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Tiny generated documents and fast settings for watch tests. */
final class Docs {
  private Docs() {}

  /** A 600x300 grey PNG with a name and "TOTAL 9.00"; {@code n} makes each one's bytes unique. */
  static byte[] png(int n) throws IOException {
    BufferedImage page = new BufferedImage(600, 300, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 600, 300);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 32));
    g.drawString("Cafe " + n, 40, 80);
    g.drawString("TOTAL 9.00", 40, 200);
    g.dispose();
    Path tmp = Files.createTempFile("docsift-watch", ".png");
    try {
      SampleFiles.writePng(page, 150, tmp);
      return Files.readAllBytes(tmp);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static WatchConfig config(Path inbox, Path outbox, ExportFormat format, boolean once) {
    PipelineConfig pipeline =
        new PipelineConfig(PipelineConfig.defaults().intake(), PipelineConfig.defaults().ocr(), 2);
    return WatchConfig.defaults(inbox, outbox, pipeline)
        .withFormat(format)
        .withTiming(Duration.ofMillis(200), Duration.ofMillis(50))
        .withOnce(once);
  }

  /** Bytes of a PNG, streamed to a string for tests that want it. */
  static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
