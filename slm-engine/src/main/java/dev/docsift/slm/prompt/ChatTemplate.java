package dev.docsift.slm.prompt;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A Hugging Face chat template (the Jinja {@code chat_template} of a model's tokenizer_config.json)
 * rendered by Jinjava the way the {@code transformers} library renders it: blocks trimmed and
 * left-stripped, {@code messages}, {@code add_generation_prompt} and the special tokens' strings in
 * scope. Immutable and thread-safe.
 *
 * <p>docsift renders a template once, when a model is imported, into its own {@code {query}} form
 * ({@link #queryTemplate}): the prompt's fixed text around one user turn. Running a pack then needs
 * no template engine, and the page's text is encoded apart from the template's special tokens.
 */
public final class ChatTemplate {
  /** Where {@link #queryTemplate} puts the user's turn. */
  public static final String QUERY = "{query}";

  // Private-use characters: no template writes them, so their one place in the output is certain.
  private static final String MARK = "\uE000docsift-query\uE001";

  private static final JinjavaConfig CONFIG =
      JinjavaConfig.newBuilder()
          .withTrimBlocks(true)
          .withLstripBlocks(true)
          .withFailOnUnknownTokens(false)
          // Python Jinja's semantics, which Hugging Face templates are written for: {{- and -}}
          // trim, operators bind as in Python.
          .withLegacyOverrides(
              LegacyOverrides.newBuilder()
                  .withUseTrimmingForNotesAndExpressions(true)
                  .withUseNaturalOperatorPrecedence(true)
                  .withKeepNullableLoopValues(true)
                  .build())
          .build();

  // Templates call raise_exception('...') to refuse a conversation they cannot write.
  private static final ELFunctionDefinition RAISE =
      new ELFunctionDefinition("", "raise_exception", ChatTemplate.class, "raise", String.class);

  // Templates print today's date through strftime_now (Llama 3.2: "Today Date: 05 Dec 2026").
  private static final ELFunctionDefinition STRFTIME =
      new ELFunctionDefinition("", "strftime_now", ChatTemplate.class, "strftime", String.class);

  // The day strftime_now prints during a render; Jinjava calls functions statically.
  private static final ThreadLocal<LocalDate> TODAY = new ThreadLocal<>();

  private final String source;
  private final Map<String, Object> specialTokens;
  private final LocalDate today;

  /**
   * A template.
   *
   * @param source the Jinja text
   * @param bosToken the tokenizer's BOS string, or null
   * @param eosToken the tokenizer's EOS string, or null
   */
  public ChatTemplate(String source, String bosToken, String eosToken) {
    this(source, bosToken, eosToken, LocalDate.now());
  }

  /**
   * A template that renders {@code strftime_now} as a given day (for tests and goldens).
   *
   * @param source the Jinja text
   * @param bosToken the tokenizer's BOS string, or null
   * @param eosToken the tokenizer's EOS string, or null
   * @param today the day strftime_now prints
   */
  public ChatTemplate(String source, String bosToken, String eosToken, LocalDate today) {
    this.today = Objects.requireNonNull(today, "today");
    this.source = Objects.requireNonNull(source, "source");
    Map<String, Object> tokens = new HashMap<>();
    tokens.put("bos_token", bosToken == null ? "" : bosToken);
    tokens.put("eos_token", eosToken == null ? "" : eosToken);
    this.specialTokens = Map.copyOf(tokens);
  }

  /**
   * One turn of a conversation.
   *
   * @param role {@code system}, {@code user} or {@code assistant}
   * @param content the text
   */
  public record Message(String role, String content) {
    /** Validates. */
    public Message {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(content, "content");
    }
  }

  /**
   * Renders a conversation.
   *
   * @param messages the turns, in order
   * @param addGenerationPrompt whether to open the assistant's turn at the end
   * @return the prompt text, special tokens as their strings
   * @throws IllegalArgumentException when the template cannot be rendered (a syntax error, a {@code
   *     raise_exception} call, a construct Jinjava lacks)
   */
  public String render(List<Message> messages, boolean addGenerationPrompt) {
    List<Map<String, Object>> turns = new ArrayList<>();
    for (Message m : messages) {
      Map<String, Object> turn = new LinkedHashMap<>();
      turn.put("role", m.role());
      turn.put("content", m.content());
      turns.add(turn);
    }
    return renderTurns(turns, addGenerationPrompt);
  }

  private String renderTurns(List<Map<String, Object>> turns, boolean addGenerationPrompt) {
    Map<String, Object> context = new HashMap<>(specialTokens);
    context.put("messages", turns);
    context.put("add_generation_prompt", addGenerationPrompt);
    // Lets "strftime_now is defined" hold, as in transformers, where it is a global function.
    context.put("strftime_now", "strftime_now");
    Jinjava jinjava = new Jinjava(CONFIG);
    jinjava.getGlobalContext().registerFunction(RAISE);
    jinjava.getGlobalContext().registerFunction(STRFTIME);
    RenderResult result;
    TODAY.set(today);
    try {
      result = jinjava.renderForResult(source, context);
    } finally {
      TODAY.remove();
    }
    for (TemplateError e : result.getErrors()) {
      if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
        throw new IllegalArgumentException("the chat template cannot be rendered: " + reason(e));
      }
    }
    return result.getOutput();
  }

  /** The template's own reason when it raised one, else Jinjava's. */
  private static String reason(TemplateError e) {
    for (Throwable t = e.getException(); t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException && t.getMessage() != null) {
        return t.getMessage();
      }
    }
    return e.getMessage();
  }

  /**
   * The template's text around one user turn with the generation prompt open, in docsift's form:
   * {@value #QUERY} marks where the user's text goes.
   *
   * @return the prefix, {@value #QUERY}, the suffix
   * @throws IllegalArgumentException when the template does not put the user's text in the prompt
   *     exactly once, or already holds {@value #QUERY}
   */
  public String queryTemplate() {
    String rendered = render(List.of(new Message("user", MARK)), true);
    int at = rendered.indexOf(MARK);
    if (at < 0 || rendered.indexOf(MARK, at + 1) >= 0) {
      throw new IllegalArgumentException(
          "the chat template does not write a user's message exactly once");
    }
    if (rendered.contains(QUERY)) {
      throw new IllegalArgumentException("the chat template's own text holds " + QUERY);
    }
    return rendered.substring(0, at) + QUERY + rendered.substring(at + MARK.length());
  }

  /**
   * The {@link #queryTemplate} of a vision model whose template takes a message's content as parts
   * (SmolVLM's: {@code [{"type": "image"}, {"type": "text", "text": ...}]}): one user turn of an
   * image part and a text part is rendered, and the image's token right before the text is left
   * out, since docsift writes the images into the query itself.
   *
   * @param imageToken what the template writes for an image part, such as {@code <image>}
   * @return the prefix, {@value #QUERY}, the suffix
   * @throws IllegalArgumentException when the template does not write the image token right before
   *     the text, exactly once, or already holds {@value #QUERY}
   */
  public String imageQueryTemplate(String imageToken) {
    Map<String, Object> turn = new LinkedHashMap<>();
    turn.put("role", "user");
    turn.put("content", List.of(Map.of("type", "image"), Map.of("type", "text", "text", MARK)));
    String rendered = renderTurns(List.of(turn), true);
    int at = rendered.indexOf(MARK);
    if (at < 0 || rendered.indexOf(MARK, at + 1) >= 0) {
      throw new IllegalArgumentException(
          "the chat template does not write a user's message exactly once");
    }
    if (!rendered.startsWith(imageToken, at - imageToken.length())) {
      throw new IllegalArgumentException(
          "the chat template does not write " + imageToken + " before the user's text");
    }
    if (rendered.contains(QUERY)) {
      throw new IllegalArgumentException("the chat template's own text holds " + QUERY);
    }
    return rendered.substring(0, at - imageToken.length())
        + QUERY
        + rendered.substring(at + MARK.length());
  }

  /**
   * The {@code strftime_now} of Hugging Face templates: the render's day in a Python {@code
   * strftime} format ({@code %d %m %Y %y %b %B %a %A %j %%}; times of day print as midnight).
   * Public only so that Jinjava can call it.
   *
   * @param format the Python format
   * @return the formatted day
   */
  public static String strftime(String format) {
    LocalDate day = TODAY.get() != null ? TODAY.get() : LocalDate.now();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 == format.length()) {
        out.append(c);
        continue;
      }
      char d = format.charAt(++i);
      out.append(
          switch (d) {
            case 'd' -> String.format(Locale.ROOT, "%02d", day.getDayOfMonth());
            case 'm' -> String.format(Locale.ROOT, "%02d", day.getMonthValue());
            case 'Y' -> String.valueOf(day.getYear());
            case 'y' -> String.format(Locale.ROOT, "%02d", day.getYear() % 100);
            case 'b' -> day.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'B' -> day.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'a' -> day.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'A' -> day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'j' -> String.format(Locale.ROOT, "%03d", day.getDayOfYear());
            case 'H', 'M', 'S' -> "00";
            case '%' -> "%";
            default -> "%" + d;
          });
    }
    return out.toString();
  }

  /**
   * The {@code raise_exception} of Hugging Face templates; public only so that Jinjava can call it.
   *
   * @param message the template's reason
   * @return never
   * @throws IllegalArgumentException always
   */
  public static String raise(String message) {
    throw new IllegalArgumentException("the chat template refuses: " + message);
  }
}
