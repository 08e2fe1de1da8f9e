package dev.docsift.core.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OcrOptionsTest {
  @Test
  void parsesTesseractLanguageSpecs() {
    assertThat(OcrOptions.parseLanguages("eng+deu")).containsExactly("eng", "deu");
    assertThat(OcrOptions.parseLanguages(" eng, fra +eng ")).containsExactly("eng", "fra");
    assertThat(OcrOptions.parseLanguages("chi_sim+script/Latin"))
        .containsExactly("chi_sim", "script/Latin");
    assertThat(OcrOptions.parseLanguages("")).containsExactly("eng");
    assertThat(OcrOptions.parseLanguages(null)).containsExactly("eng");
  }

  @Test
  void refusesNamesThatCouldEscapeTheTessdataFolder() {
    assertThatThrownBy(() -> OcrOptions.parseLanguages("../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OcrOptions(List.of(), null, true, true, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OcrOptions(List.of("eng"), null, true, true, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void defaultsReadEnglishWithCorrections() {
    OcrOptions defaults = OcrOptions.defaults();
    assertThat(defaults.languages()).containsExactly("eng");
    assertThat(defaults.languageSpec()).isEqualTo("eng");
    assertThat(defaults.tessdataPath()).isNull();
    assertThat(defaults.fixOrientation()).isTrue();
    assertThat(defaults.deskew()).isTrue();
    assertThat(defaults.poolSize()).isPositive();
  }
}
