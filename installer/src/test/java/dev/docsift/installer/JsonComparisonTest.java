package dev.docsift.installer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Results compare equal whatever their timings; a difference names its place. */
class JsonComparisonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void timingsAreLeftOut() throws Exception {
    assertThat(
            JsonComparison.differences(
                json("{\"data\":{\"total\":\"9.00\"},\"timings_ms\":{\"ocr\":800}}"),
                json("{\"data\":{\"total\":\"9.00\"},\"timings_ms\":{\"ocr\":650}}")))
        .isEmpty();
  }

  @Test
  void differencesNameTheirPointers() throws Exception {
    assertThat(
            JsonComparison.differences(
                json("{\"data\":{\"total\":\"9.00\",\"tax\":\"1\"},\"fields\":[{\"page\":1}]}"),
                json("{\"data\":{\"total\":\"9.10\"},\"fields\":[{\"page\":2}]}")))
        .containsExactly(
            "/data/tax: only in the installed app's result (\"1\")",
            "/data/total: installed \"9.00\", source build \"9.10\"",
            "/fields/0/page: installed 1, source build 2");
    assertThat(JsonComparison.differences(json("[1]"), json("[1,2]")))
        .containsExactly("/: installed [1], source build [1,2]");
  }
}
