package dev.docsift.slm.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Hugging Face {@code tokenizer.json} tokenizer, run by the {@code tokenizers} Rust library
 * through DJL, plus a per-token byte table for constraints and streaming.
 *
 * <p>Encoding never adds BOS or any other special token (the reference model takes none), never
 * truncates and never pads. {@link #bytes(int)} is computed once at load from the tokenizer's
 * vocabulary: byte-level BPE tokens map GPT-2's printable alphabet back to raw bytes;
 * SentencePiece-style tokens ({@code ▁} for space, {@code <0xNN>} byte fallback) are handled too.
 *
 * <p>Encoding and decoding are thread-safe (the native tokenizer is immutable once built); {@link
 * #close()} frees the native tokenizer and may be called more than once.
 */
public final class HfTokenizer implements Vocabulary, AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] EMPTY = new byte[0];

  private final HuggingFaceTokenizer delegate;
  private final byte[][] bytes;
  private final boolean[] special;
  private final Map<String, Integer> ids;
  private final List<String> specialStrings;
  private final AtomicBoolean closed = new AtomicBoolean();

  private HfTokenizer(
      HuggingFaceTokenizer nativeTokenizer,
      byte[][] bytes,
      boolean[] special,
      Map<String, Integer> ids,
      List<String> specialStrings) {
    this.delegate = nativeTokenizer;
    this.bytes = bytes;
    this.special = special;
    this.ids = ids;
    this.specialStrings = specialStrings;
  }

  /**
   * Loads a tokenizer from a local {@code tokenizer.json}; never touches the network.
   *
   * @param tokenizerJson the path of {@code tokenizer.json}
   * @return the tokenizer, to be closed by the caller
   * @throws IOException when the file cannot be read or is not a tokenizer the library accepts
   */
  public static HfTokenizer load(Path tokenizerJson) throws IOException {
    byte[] raw = Files.readAllBytes(tokenizerJson);
    JsonNode root = JSON.readTree(raw);
    Table table = Table.of(root);
    // DJL phones home (EC2 metadata requests with 1 s timeouts) on every tokenizer creation
    // unless tracking is opted out, and may try to download its native library unless offline.
    // A document tool must stay offline: opt out before the first DJL call, unless the user has
    // decided otherwise explicitly.
    if (System.getProperty("OPT_OUT_TRACKING") == null) {
      System.setProperty("OPT_OUT_TRACKING", "true");
    }
    if (System.getProperty("offline") == null) {
      System.setProperty("offline", "true");
    }
    // DJL's defaults truncate to 512 tokens and pad: both are wrong for prompts and generation.
    Map<String, String> options =
        Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");
    HuggingFaceTokenizer tokenizer;
    try (InputStream in = new ByteArrayInputStream(raw)) {
      tokenizer = HuggingFaceTokenizer.newInstance(in, options);
    } catch (RuntimeException e) {
      // The native library reports a malformed tokenizer.json as an unchecked exception.
      throw new IOException("cannot load tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
    }
    return new HfTokenizer(tokenizer, table.bytes, table.special, table.ids, table.addedStrings);
  }

  /**
   * Encodes text to token ids, splitting out added tokens ({@code <|prompt|>}, …) first.
   *
   * @param text the text; chat markers in it become their special token ids
   * @return the token ids, without BOS
   */
  public int[] encode(String text) {
    long[] ids = handle().encode(text, false, false).getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = Math.toIntExact(ids[i]);
    }
    return out;
  }

  /**
   * Encodes untrusted text (OCR output, a user's instruction): a special token's string inside it,
   * such as {@code </s>} or {@code <|end|>} printed on a page, is encoded as ordinary text, never
   * as the control token, so a document cannot end the prompt or inject markers.
   *
   * <p>Each such occurrence is cut after its first character and the pieces are encoded apart; text
   * without special-token strings encodes exactly as {@link #encode(String)}.
   *
   * @param text the text
   * @return the token ids, none of them special (one-character added tokens excepted: they cannot
   *     be cut apart)
   */
  public int[] encodeText(String text) {
    List<int[]> parts = new ArrayList<>();
    int start = 0;
    int from = 0;
    while (true) {
      int cut = -1;
      for (String s : specialStrings) {
        int at = text.indexOf(s, from);
        if (at >= 0 && (cut < 0 || at < cut)) {
          cut = at;
        }
      }
      if (cut < 0) {
        break;
      }
      parts.add(encode(text.substring(start, cut + 1)));
      start = cut + 1;
      from = cut + 1;
    }
    parts.add(encode(text.substring(start)));
    int n = 0;
    for (int[] p : parts) {
      n += p.length;
    }
    int[] out = new int[n];
    int at = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /**
   * Decodes token ids to text as the Hugging Face library does, leaving out special tokens.
   * Incomplete UTF-8 sequences become U+FFFD.
   *
   * @param tokenIds the token ids
   * @return the text
   */
  public String decode(int[] tokenIds) {
    long[] ids = new long[tokenIds.length];
    for (int i = 0; i < tokenIds.length; i++) {
      ids[i] = tokenIds[i];
    }
    return handle().decode(ids, true);
  }

  /**
   * The id of a token given by its exact string, such as {@code </s>} or {@code <|end|>}.
   *
   * @param token the token's content (added tokens) or vocabulary string
   * @return its id
   * @throws IllegalArgumentException when the tokenizer has no such token
   */
  public int tokenId(String token) {
    Integer id = ids.get(token);
    if (id == null) {
      throw new IllegalArgumentException("tokenizer has no token " + token);
    }
    return id;
  }

  @Override
  public int size() {
    return bytes.length;
  }

  @Override
  public byte[] bytes(int id) {
    return bytes[id].clone();
  }

  @Override
  public boolean isSpecial(int id) {
    return special[id];
  }

  /** Frees the native tokenizer; later calls do nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      delegate.close();
    }
  }

  private HuggingFaceTokenizer handle() {
    if (closed.get()) {
      throw new IllegalStateException("tokenizer is closed");
    }
    return delegate;
  }

  /** The per-id byte table and special flags, read from tokenizer.json. */
  private record Table(
      byte[][] bytes, boolean[] special, Map<String, Integer> ids, List<String> addedStrings) {

    static Table of(JsonNode root) throws IOException {
      JsonNode model = root.path("model");
      JsonNode vocab = model.path("vocab");
      if (!vocab.isObject()) {
        // Unigram models store the vocabulary as a list; only BPE-style maps are supported.
        throw new IOException(
            "tokenizer.json: model.vocab is not a map (model type "
                + model.path("type").asText("?")
                + " unsupported)");
      }
      Map<String, Integer> ids = new HashMap<>();
      int size = 0;
      for (Map.Entry<String, JsonNode> e : vocab.properties()) {
        ids.put(e.getKey(), e.getValue().asInt());
        size = Math.max(size, e.getValue().asInt() + 1);
      }
      Map<Integer, JsonNode> added = new HashMap<>();
      List<String> addedStrings = new ArrayList<>();
      for (JsonNode t : root.path("added_tokens")) {
        // The library splits every added token out of the input; a one-character one cannot be
        // defused by cutting it, so encodeText leaves those alone.
        if (t.path("content").asText().length() >= 2) {
          addedStrings.add(t.path("content").asText());
        }
        added.put(t.path("id").asInt(), t);
        ids.put(t.path("content").asText(), t.path("id").asInt());
        size = Math.max(size, t.path("id").asInt() + 1);
      }
      String[] tokens = new String[size];
      for (Map.Entry<String, Integer> e : ids.entrySet()) {
        tokens[e.getValue()] = e.getKey();
      }
      boolean byteLevel = usesByteLevel(root.path("decoder"));
      boolean byteFallback = model.path("byte_fallback").asBoolean(false);
      byte[][] bytes = new byte[size][];
      boolean[] special = new boolean[size];
      for (int id = 0; id < size; id++) {
        JsonNode a = added.get(id);
        if (tokens[id] == null) {
          bytes[id] = EMPTY; // a hole in the id space: never produced by encoding
        } else if (a != null && a.path("special").asBoolean(false)) {
          special[id] = true;
          bytes[id] = EMPTY;
        } else if (a != null && !byteLevel) {
          bytes[id] = tokens[id].getBytes(StandardCharsets.UTF_8);
        } else if (byteLevel) {
          bytes[id] = ByteLevel.toBytes(tokens[id]);
        } else {
          bytes[id] = sentencePiece(tokens[id], byteFallback);
        }
      }
      return new Table(bytes, special, Map.copyOf(ids), List.copyOf(addedStrings));
    }

    private static boolean usesByteLevel(JsonNode decoder) {
      if ("ByteLevel".equals(decoder.path("type").asText())) {
        return true;
      }
      for (JsonNode d : decoder.path("decoders")) {
        if (usesByteLevel(d)) {
          return true;
        }
      }
      return false;
    }

    private static byte[] sentencePiece(String token, boolean byteFallback) {
      if (byteFallback && token.length() == 6 && token.startsWith("<0x") && token.endsWith(">")) {
        return new byte[] {(byte) Integer.parseInt(token.substring(3, 5), 16)};
      }
      // Llama-style decoders also strip the very first leading space of a text; a per-token
      // table cannot know position, so that space is kept here.
      return token.replace('\u2581', ' ').getBytes(StandardCharsets.UTF_8);
    }
  }
}
