package dev.docsift.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OcrLineTest {
  private static OcrWord word(String text, int left) {
    // 10 px a character
    return new OcrWord(text, new Box(left, 0, left + 10 * text.length(), 12), 0.9);
  }

  @Test
  void wideGapsStayApartForTheModelAndPlainTextJoinsBySpaces() {
    OcrLine line =
        OcrLine.of(List.of(word("TOTAL", 0), word("EUR", 60), word("9,90", 400), word("x", 445)));
    assertThat(line.text()).isEqualTo("TOTAL EUR 9,90 x");
    // 10 px after TOTAL is one space; 310 px after EUR is a column gap; 5 px is one space
    assertThat(line.layoutText()).isEqualTo("TOTAL EUR   9,90 x");
  }

  @Test
  void aPageIsOneLineOfTextPerOcrLine() {
    OcrPage page =
        new OcrPage(
            1,
            500,
            100,
            List.of(
                OcrLine.of(List.of(word("CAFE", 0))),
                OcrLine.of(List.of(word("Tea", 0), word("2,50", 300)))),
            0,
            0);
    assertThat(page.layoutText()).isEqualTo("CAFE\nTea   2,50");
  }
}
