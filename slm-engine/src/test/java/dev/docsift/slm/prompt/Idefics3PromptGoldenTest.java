package dev.docsift.slm.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.slm.fixtures.TestFixtures;
import dev.docsift.slm.tokenizer.HfTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares {@link PromptBuilder#buildGrids} with transformers.js's {@code Idefics3Processor}
 * (scripts/vision/idefics3_prompt_goldens.mjs): prompt text and token ids, for one and two pages,
 * with and without OCR text and splitting. The tokenizer is the project's tiny BPE with SmolVLM's
 * special tokens (no SmolVLM tokenizer is published where the goldens script can get it).
 */
class Idefics3PromptGoldenTest {

  /** SmolVLM's chat template rendered for one user turn whose content is the query. */
  static final String QUERY_TEMPLATE = "<|im_start|>User:{query}<end_of_utterance>\nAssistant:";

  private static Path folder;
  private static HfTokenizer tokenizer;
  private static JsonNode golden;

  @BeforeAll
  static void load() throws Exception {
    folder = TestFixtures.folder("idefics3-prompt");
    tokenizer = HfTokenizer.load(folder.resolve("tokenizer.json"));
    golden = new ObjectMapper().readTree(Files.readString(folder.resolve("goldens.json")));
  }

  @AfterAll
  static void close() {
    tokenizer.close();
  }

  static Stream<Arguments> cases() throws Exception {
    load();
    List<Arguments> args = new ArrayList<>();
    for (JsonNode c : golden.get("cases")) {
      args.add(Arguments.of(c.get("name").asText(), c));
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void promptMatchesTransformersJs(String name, JsonNode c) {
    List<ImageGrid> grids = new ArrayList<>();
    for (int i = 0; i < c.get("rows").size(); i++) {
      grids.add(new ImageGrid(c.get("rows").get(i).asInt(), c.get("cols").get(i).asInt()));
    }
    String instruction = c.get("instruction").asText();
    String ocr = c.get("ocr").isNull() ? null : c.get("ocr").asText();
    // The template docsift stores renders as the chat template did around "<image>…text".
    String rendered = c.get("rendered").asText();
    String query = "<image>".repeat(grids.size()) + instruction;
    query += ocr == null ? "" : PromptBuilder.OCR_HEADING + ocr;
    assertThat(QUERY_TEMPLATE.replace("{query}", query)).isEqualTo(rendered);

    PromptBuilder builder =
        new PromptBuilder(tokenizer, QUERY_TEMPLATE, null, Idefics3ImageTokens.SMOLVLM_256M);
    VisionPrompt prompt = builder.buildGrids(grids, instruction, ocr, 100_000);

    int[] expected = new int[c.get("ids").size()];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = c.get("ids").get(i).asInt();
    }
    assertThat(prompt.ids()).containsExactly(expected);
    // The expanded text, as transformers.js decodes its ids with the special tokens kept.
    StringBuilder text = new StringBuilder();
    for (ImageGrid g : grids) {
      text.append(Idefics3ImageTokens.SMOLVLM_256M.expand(g));
    }
    text.append(instruction).append(ocr == null ? "" : PromptBuilder.OCR_HEADING + ocr);
    assertThat(QUERY_TEMPLATE.replace("{query}", text)).isEqualTo(c.get("text").asText());
    int placeholders = 0;
    for (ImageGrid g : grids) {
      placeholders += Idefics3ImageTokens.SMOLVLM_256M.placeholders(g);
    }
    assertThat(prompt.imageTokens()).isEqualTo(placeholders);
    assertThat(prompt.imageContextId()).isEqualTo(tokenizer.tokenId("<image>"));
  }

  @Test
  void expansionOfOneTileRowEndsWithTheGlobalImage() {
    Idefics3ImageTokens t = new Idefics3ImageTokens("<f>", "<i>", "<g>", 2);
    assertThat(t.expand(new ImageGrid(1, 2)))
        .isEqualTo("<f><row_1_col_1><i><i><f><row_1_col_2><i><i>\n\n<f><g><i><i><f>");
    assertThat(t.expand(new ImageGrid(0, 0))).isEqualTo("<f><g><i><i><f>");
    assertThat(t.placeholders(new ImageGrid(2, 3))).isEqualTo(14);
  }

  @Test
  void layoutsDoNotMix() {
    PromptBuilder idefics =
        new PromptBuilder(tokenizer, QUERY_TEMPLATE, null, Idefics3ImageTokens.SMOLVLM_256M);
    assertThatThrownBy(() -> idefics.build(List.of(64), "Go.", null, 1000))
        .isInstanceOf(IllegalArgumentException.class);
    PromptBuilder text = new PromptBuilder(tokenizer, QUERY_TEMPLATE, null, null);
    assertThatThrownBy(() -> text.buildGrids(List.of(new ImageGrid(0, 0)), "Go.", null, 1000))
        .hasMessageContaining("reads no images");
    assertThat(text.buildGrids(List.of(), "Go.", null, 1000).imageTokens()).isZero();
  }
}
