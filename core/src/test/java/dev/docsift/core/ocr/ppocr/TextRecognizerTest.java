package dev.docsift.core.ocr.ppocr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.core.model.OcrWord;
import dev.docsift.core.ocr.GreyImage;
import dev.docsift.core.ocr.ppocr.TextRecognizer.Glyph;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CTC decoding and the split into words, on probability matrices made up here. */
class TextRecognizerTest {
  // Classes: 0 blank, 1 'a', 2 'b', 3 full-width comma, 4 '1', 5 space.
  private static final String[] CHARSET = TextRecognizer.charset(List.of("a", "b", "\uFF0C", "1"));

  /** A (steps, classes) matrix whose most likely class at step t is labels[t], with prob 0.9. */
  private static float[] probs(int... labels) {
    int classes = CHARSET.length;
    float[] out = new float[labels.length * classes];
    for (int t = 0; t < labels.length; t++) {
      for (int c = 0; c < classes; c++) {
        out[t * classes + c] = 0.1f / (classes - 1);
      }
      out[t * classes + labels[t]] = 0.9f;
    }
    return out;
  }

  @Test
  void charsetIsBlankDictionaryNormalisedThenSpace() {
    assertThat(CHARSET).containsExactly("", "a", "b", ",", "1", " ");
  }

  @Test
  void greedyDecodingCollapsesRunsAndDropsBlanks() {
    List<Glyph> glyphs =
        TextRecognizer.decode(probs(0, 1, 1, 0, 1, 2, 5, 3, 0, 4), 0, 10, CHARSET.length, CHARSET);
    assertThat(glyphs).extracting(Glyph::text).containsExactly("a", "a", "b", " ", ",", "1");
    assertThat(glyphs.get(0).first()).isEqualTo(1);
    assertThat(glyphs.get(0).last()).isEqualTo(2);
    assertThat(glyphs.get(5).first()).isEqualTo(9);
    assertThat(glyphs).allSatisfy(g -> assertThat(g.prob()).isEqualTo(0.9f));
  }

  @Test
  void wordsSplitAtSpacesAndAtWideGapsAndMapToThePage() {
    // 40 steps over a 320-pixel input, the crop 320 x 48 at (100, 200) on the page: a step is 8
    // pixels. "ab" at steps 2 and 5, then after a gap of 12 steps "ba" at 17 and 20 (no space
    // class: the recogniser dropped it), then a written space and "1" at 30.
    int[] labels = new int[40];
    labels[2] = 1;
    labels[5] = 2;
    labels[8] = 1;
    labels[17] = 2;
    labels[20] = 1;
    labels[23] = 2;
    labels[26] = 5;
    labels[30] = 4;
    List<Glyph> glyphs = TextRecognizer.decode(probs(labels), 0, 40, CHARSET.length, CHARSET);
    TextRecognizer.Line line = new TextRecognizer.Line(glyphs, 40, 8, 1);
    Quad quad = new Quad(new double[] {100, 420, 420, 100}, new double[] {200, 200, 248, 248});
    byte[] white = new byte[320 * 48];
    java.util.Arrays.fill(white, (byte) 255);
    GreyImage page = new GreyImage(new byte[1000 * 500], 1000, 500);
    Crop crop = new Crop(white, 320, 48, quad, 0);
    List<OcrWord> words = Words.split(line, crop, page.width(), page.height());
    assertThat(words).extracting(OcrWord::text).containsExactly("aba", "bab", "1");
    // "aba": centres at 2.5, 5.5, 8.5 steps = 20, 44, 68 px; pitch 24: 8 .. 80 px in the crop.
    assertThat(words.get(0).box()).isEqualTo(new dev.docsift.core.model.Box(108, 200, 180, 248));
    assertThat(words.get(0).confidence())
        .isEqualTo(0.9f, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(words.get(2).box().left()).isGreaterThan(words.get(1).box().right());
  }

  @Test
  void aDigitAndItsPointStayOneWordDespiteABlankMargin() {
    assertThat(Words.inNumber("6", ".")).isTrue();
    assertThat(Words.inNumber(",", "5")).isTrue();
    assertThat(Words.inNumber("a", ".")).isFalse();
  }
}
