package dev.docsift.slm.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.slm.tokenizer.HfTokenizer;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Chat templates rendered by Jinjava equal transformers.js's rendering, and docsift's prompts equal
 * its token ids: text-golden/goldens.json, written by scripts/slm/text_goldens.mjs from the public
 * Qwen2.5 tokenizer files and from the tiny Qwen2-layout test export.
 */
class ChatTemplateTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path temp;

  // The public tokenizer takes a second to load: once per class, not once per case.
  private static final Map<String, HfTokenizer> TOKENIZERS = new HashMap<>();

  static HfTokenizer tokenizer(Path folder) throws Exception {
    HfTokenizer t = TOKENIZERS.get(folder.toString());
    if (t == null) {
      t = HfTokenizer.load(folder.resolve("tokenizer.json"));
      TOKENIZERS.put(folder.toString(), t);
    }
    return t;
  }

  @AfterAll
  static void close() {
    TOKENIZERS.values().forEach(HfTokenizer::close);
  }

  static Stream<Arguments> cases() throws Exception {
    JsonNode goldens;
    try (InputStream in = ChatTemplateTest.class.getResourceAsStream("/text-golden/goldens.json")) {
      goldens = JSON.readTree(in);
    }
    List<Arguments> out = new ArrayList<>();
    for (JsonNode t : goldens.get("templates")) {
      int i = 0;
      for (JsonNode c : t.get("cases")) {
        out.add(Arguments.of(t.get("name").asText(), i++, c));
      }
    }
    return out.stream();
  }

  /** The folder of a golden template's tokenizer files, the gzipped tokenizer.json unpacked. */
  static Path folder(String name) throws Exception {
    Path dir =
        Path.of(
            ChatTemplateTest.class
                .getResource(
                    name.equals("tiny-qwen2") ? "/tiny-qwen2-export" : "/text-golden/" + name)
                .toURI());
    if (Files.exists(dir.resolve("tokenizer.json"))) {
      return dir;
    }
    Path unpacked = temp.resolve(name);
    if (!Files.exists(unpacked.resolve("tokenizer.json"))) {
      Files.createDirectories(unpacked);
      Files.copy(dir.resolve("tokenizer_config.json"), unpacked.resolve("tokenizer_config.json"));
      try (InputStream in =
              new GZIPInputStream(Files.newInputStream(dir.resolve("tokenizer.json.gz")));
          OutputStream out = Files.newOutputStream(unpacked.resolve("tokenizer.json"))) {
        in.transferTo(out);
      }
    }
    return unpacked;
  }

  static ChatTemplate template(Path folder) throws Exception {
    JsonNode config = JSON.readTree(folder.resolve("tokenizer_config.json").toFile());
    return new ChatTemplate(
        config.get("chat_template").asText(),
        config.path("bos_token").isTextual() ? config.get("bos_token").asText() : null,
        config.path("eos_token").isTextual() ? config.get("eos_token").asText() : null);
  }

  private static List<ChatTemplate.Message> messages(JsonNode c) {
    List<ChatTemplate.Message> out = new ArrayList<>();
    for (JsonNode m : c.get("messages")) {
      out.add(new ChatTemplate.Message(m.get("role").asText(), m.get("content").asText()));
    }
    return out;
  }

  private static int[] ids(JsonNode c) {
    int[] ids = new int[c.get("ids").size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = c.get("ids").get(i).asInt();
    }
    return ids;
  }

  @ParameterizedTest(name = "{0} case {1}")
  @MethodSource("cases")
  void rendersAndEncodesAsTransformersJs(String name, int index, JsonNode c) throws Exception {
    Path folder = folder(name);
    String text = template(folder).render(messages(c), c.get("add_generation_prompt").asBoolean());
    assertThat(text).isEqualTo(c.get("text").asText());
    assertThat(tokenizer(folder).encode(text)).containsExactly(ids(c));
  }

  @ParameterizedTest(name = "{0} case {1}")
  @MethodSource("cases")
  void promptBuilderWritesTheSameIds(String name, int index, JsonNode c) throws Exception {
    List<ChatTemplate.Message> turns = messages(c);
    if (turns.size() != 1 || !c.get("add_generation_prompt").asBoolean()) {
      return; // docsift's prompt is one user turn, the assistant's turn opened
    }
    Path folder = folder(name);
    String user = turns.getFirst().content();
    int split = user.indexOf(PromptBuilder.OCR_HEADING);
    String instruction = split < 0 ? user : user.substring(0, split);
    String ocr = split < 0 ? null : user.substring(split + PromptBuilder.OCR_HEADING.length());
    try (HfTokenizer tokenizer = HfTokenizer.load(folder.resolve("tokenizer.json"))) {
      PromptBuilder builder =
          new PromptBuilder(tokenizer, template(folder).queryTemplate(), null, null);
      assertThat(builder.build(List.of(), instruction, ocr, 100_000).ids()).containsExactly(ids(c));
    }
  }

  @Test
  void queryTemplateMarksTheUserTurn() throws Exception {
    String query = template(folder("qwen2.5")).queryTemplate();
    assertThat(query)
        .startsWith("<|im_start|>system\nYou are Qwen")
        .endsWith("<|im_start|>user\n{query}<|im_end|>\n<|im_start|>assistant\n");
  }

  @Test
  void aTemplateThatDropsTheUserOrRaisesIsRefused() {
    assertThatThrownBy(() -> new ChatTemplate("<s>[INST]", null, null).queryTemplate())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly once");
    assertThatThrownBy(
            () ->
                new ChatTemplate(
                        "{% if messages[0]['role'] == 'user' %}{{ raise_exception('no users') }}"
                            + "{% endif %}",
                        null, null)
                    .queryTemplate())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no users");
    assertThatThrownBy(() -> new ChatTemplate("{% for %}", null, null).queryTemplate())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be rendered");
  }

  @Test
  void bosTokenComesFromTheTokenizerConfig() {
    ChatTemplate t =
        new ChatTemplate(
            "{{ bos_token }}{% for m in messages %}[{{ m.role }}]{{ m['content'] }}{% endfor %}"
                + "{% if add_generation_prompt %}[assistant]{% endif %}",
            "<s>", "</s>");
    assertThat(t.queryTemplate()).isEqualTo("<s>[user]{query}[assistant]");
  }
}
