package dev.docsift.slm.output;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.docsift.slm.tokenizer.Vocabulary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A document the decoder wrote, parsed, with each leaf value tied to the tokens that wrote it.
 *
 * <p>A value's confidence is the probability of its least likely token (under the constraint's
 * mask, which is what the sampler drew from): one uncertain digit makes the whole amount uncertain,
 * which a mean over its tokens would hide. Tokens that write a value and structure at once ({@code
 * ":"9}) count for the value.
 *
 * @param text the document as text
 * @param document the parsed document
 * @param leaves its non-null leaf values in document order
 */
public record GeneratedJson(String text, JsonNode document, List<GeneratedValue> leaves) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Copies. */
  public GeneratedJson {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(document, "document");
    leaves = List.copyOf(leaves);
  }

  /**
   * Parses generated tokens.
   *
   * @param tokens the generated ids, stop token excluded
   * @param logprobs the log-probability of each token as it was sampled
   * @param vocab the tokenizer's byte table
   * @return the parsed document
   * @throws IOException when the tokens are not one JSON document
   * @throws IllegalArgumentException when the arrays differ in length
   */
  public static GeneratedJson parse(int[] tokens, float[] logprobs, Vocabulary vocab)
      throws IOException {
    if (tokens.length != logprobs.length) {
      throw new IllegalArgumentException(
          tokens.length + " tokens but " + logprobs.length + " logprobs");
    }
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    long[] tokenEnd = new long[tokens.length]; // byte offset after each token
    for (int i = 0; i < tokens.length; i++) {
      buffer.writeBytes(vocab.bytes(tokens[i]));
      tokenEnd[i] = buffer.size();
    }
    byte[] bytes = buffer.toByteArray();
    JsonNode document = MAPPER.readTree(bytes);
    if (document == null || document.isMissingNode()) {
      throw new IOException("the decoder wrote no JSON");
    }
    List<GeneratedValue> leaves = new ArrayList<>();
    try (JsonParser p = MAPPER.getFactory().createParser(bytes)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (!t.isScalarValue() || t == JsonToken.VALUE_NULL) {
          continue;
        }
        long start = p.currentTokenLocation().getByteOffset();
        JsonNode value = scalar(p, t); // reads the whole value, so the location below is its end
        long end = p.currentLocation().getByteOffset();
        int first = firstTokenEndingAfter(tokenEnd, start);
        int last = Math.max(first, firstTokenEndingAfter(tokenEnd, end - 1));
        double minLogprob = 0;
        for (int i = first; i <= last && i < logprobs.length; i++) {
          minLogprob = Math.min(minLogprob, logprobs[i]);
        }
        leaves.add(
            new GeneratedValue(
                p.getParsingContext().pathAsPointer().toString(),
                value,
                Math.exp(minLogprob),
                first,
                Math.min(last, tokens.length - 1)));
      }
    }
    return new GeneratedJson(new String(bytes, StandardCharsets.UTF_8), document, leaves);
  }

  private static JsonNode scalar(JsonParser p, JsonToken t) throws IOException {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (t) {
      case VALUE_STRING -> f.textNode(p.getText());
      case VALUE_NUMBER_INT -> f.numberNode(p.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT -> f.numberNode(p.getDecimalValue());
      case VALUE_TRUE -> f.booleanNode(true);
      case VALUE_FALSE -> f.booleanNode(false);
      default -> f.textNode(p.getText());
    };
  }

  /** The first token whose bytes end after {@code offset}: the token holding that byte. */
  private static int firstTokenEndingAfter(long[] tokenEnd, long offset) {
    int lo = 0;
    int hi = tokenEnd.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (tokenEnd[mid] > offset) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return Math.max(0, lo);
  }
}
