package dev.docsift.core.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrLine;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.core.model.PageImage;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedOcrReaderTest {
  @TempDir Path dir;

  /** Reads every page as one word, counting its calls. */
  private static final class Counting implements OcrReader {
    final AtomicInteger calls = new AtomicInteger();
    final String revision;

    Counting(String revision) {
      this.revision = revision;
    }

    @Override
    public String name() {
      return "counting";
    }

    @Override
    public String revision() {
      return revision;
    }

    @Override
    public Reading read(PageImage page) {
      calls.incrementAndGet();
      OcrWord w = new OcrWord("TOTAL", new Box(1, 2, 30, 12), 0.75);
      OcrPage ocr = new OcrPage(page.number(), 40, 20, List.of(OcrLine.of(List.of(w))), 0, 0);
      return new Reading(ocr, page.image());
    }

    @Override
    public void close() {}
  }

  private static PageImage page(int number, int shade) {
    BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setSample(3, 4, 0, shade);
    return new PageImage(number, image, 300);
  }

  @Test
  void aSecondReadingOfTheSamePixelsComesFromTheCacheWithItsPageNumber() throws Exception {
    Counting reader = new Counting("1");
    try (CachedOcrReader cached = new CachedOcrReader(reader, dir, "eng")) {
      OcrPage first = cached.recognize(page(1, 200));
      OcrPage again = cached.recognize(page(2, 200));
      assertThat(reader.calls).hasValue(1);
      assertThat(again.number()).isEqualTo(2);
      assertThat(again.lines()).isEqualTo(first.lines());
      cached.recognize(page(1, 201)); // one pixel differs: another page
      assertThat(reader.calls).hasValue(2);
    }
  }

  @Test
  void anotherRevisionOrSettingReadsAgain() throws Exception {
    Counting one = new Counting("1");
    new CachedOcrReader(one, dir, "eng").recognize(page(1, 9));
    Counting two = new Counting("2");
    new CachedOcrReader(two, dir, "eng").recognize(page(1, 9));
    Counting deu = new Counting("1");
    new CachedOcrReader(deu, dir, "deu").recognize(page(1, 9));
    assertThat(two.calls).hasValue(1);
    assertThat(deu.calls).hasValue(1);
  }
}
