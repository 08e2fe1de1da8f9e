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
import java.time.LocalDate;
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

  /** The goldens' day, which templates that print today's date must print. */
  static final LocalDate DAY;

  private static final JsonNode GOLDENS;

  static {
    try (InputStream in = ChatTemplateTest.class.getResourceAsStream("/text-golden/goldens.json")) {
      GOLDENS = JSON.readTree(in);
      DAY = LocalDate.parse(GOLDENS.get("day").asText());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode t : GOLDENS.get("templates")) {
      int i = 0;
      for (JsonNode c : t.get("cases")) {
        out.add(Arguments.of(t.get("name").asText(), i++, c));
      }
    }
    return out.stream();
  }

  /**
   * The cases whose tokenizer is committed: Llama 3.2's 17 MB tokenizer.json is not (its template
   * is held to transformers.js's text only).
   */
  static Stream<Arguments> casesWithTokenizer() {
    return cases()
        .filter(
            a ->
                ChatTemplateTest.class.getResource(
                            "/text-golden/" + a.get()[0] + "/tokenizer.json.gz")
                        != null
                    || a.get()[0].equals("tiny-qwen2"));
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
        config.path("eos_token").isTextual() ? config.get("eos_token").asText() : null,
        DAY);
  }

  /** The folder holding a golden template's tokenizer_config.json. */
  static Path config(String name) throws Exception {
    return Path.of(
            ChatTemplateTest.class
                .getResource(
                    name.equals("tiny-qwen2")
                        ? "/tiny-qwen2-export/tokenizer_config.json"
                        : "/text-golden/" + name + "/tokenizer_config.json")
                .toURI())
        .getParent();
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
  void rendersAsTransformersJs(String name, int index, JsonNode c) throws Exception {
    String text =
        template(config(name)).render(messages(c), c.get("add_generation_prompt").asBoolean());
    assertThat(text).isEqualTo(c.get("text").asText());
  }

  @ParameterizedTest(name = "{0} case {1}")
  @MethodSource("casesWithTokenizer")
  void encodesAsTransformersJs(String name, int index, JsonNode c) throws Exception {
    assertThat(tokenizer(folder(name)).encode(c.get("text").asText())).containsExactly(ids(c));
  }

  @ParameterizedTest(name = "{0} case {1}")
  @MethodSource("casesWithTokenizer")
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
  void todaysDateIsPrintedAsTemplatesAskForIt() {
    ChatTemplate t =
        new ChatTemplate(
            "{% if strftime_now is defined %}{{ strftime_now('%d %b %Y, %A %B %m/%y %%') }}"
                + "{% endif %}{% for m in messages %}{{ m.content }}{% endfor %}",
            null, null, LocalDate.of(2025, 1, 2));
    assertThat(t.queryTemplate()).isEqualTo("02 Jan 2025, Thursday January 01/25 %{query}");
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

  @Test
  void smolVlmsTemplateGivesTheRenderedGoldenAroundItsImageAndText() throws Exception {
    // idefics3-prompt's golden: transformers.js rendered an image part then a text part.
    JsonNode goldens;
    try (InputStream in =
        ChatTemplateTest.class.getResourceAsStream("/idefics3-prompt/goldens.json")) {
      goldens = new ObjectMapper().readTree(in);
    }
    ChatTemplate smolVlm =
        new ChatTemplate(
            goldens.get("chat_template").asText(), "<|im_start|>", "<end_of_utterance>");
    String query = smolVlm.imageQueryTemplate("<image>");
    assertThat(query).isEqualTo("<|im_start|>User:{query}<end_of_utterance>\nAssistant:");
    JsonNode first = goldens.get("cases").get(0);
    assertThat(query.replace("{query}", "<image>" + first.get("instruction").asText()))
        .isEqualTo(first.get("rendered").asText());

    ChatTemplate noImage = new ChatTemplate("{{ messages[0]['content'][1]['text'] }}", null, null);
    assertThatThrownBy(() -> noImage.imageQueryTemplate("<image>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("<image>");
  }
}
