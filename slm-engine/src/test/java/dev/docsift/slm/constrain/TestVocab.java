package dev.docsift.slm.constrain;

import dev.docsift.slm.tokenizer.Vocabulary;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Synthetic byte-level vocabularies: token i adds tokens.get(i); the last two are EOS and BOS. */
final class TestVocab implements Vocabulary {
  private final List<byte[]> tokens;

  private TestVocab(List<byte[]> tokens) {
    this.tokens = tokens;
  }

  int eos() {
    return tokens.size() - 2;
  }

  int bos() {
    return tokens.size() - 1;
  }

  @Override
  public int size() {
    return tokens.size();
  }

  @Override
  public byte[] bytes(int id) {
    return id >= eos() ? new byte[0] : tokens.get(id);
  }

  @Override
  public boolean isSpecial(int id) {
    return id >= eos();
  }

  /** The id of a token with exactly these bytes, or -1. */
  int id(byte[] bytes) {
    for (int i = 0; i < eos(); i++) {
      if (Arrays.equals(tokens.get(i), bytes)) {
        return i;
      }
    }
    return -1;
  }

  int id(String text) {
    return id(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Builds a vocabulary from explicit tokens (plus EOS and BOS). */
  static TestVocab of(List<byte[]> tokens) {
    List<byte[]> all = new ArrayList<>(tokens);
    all.add(new byte[0]);
    all.add(new byte[0]);
    return new TestVocab(all);
  }

  /** All 256 single bytes plus about 2000 JSON-ish multi-byte tokens, some splitting UTF-8. */
  static TestVocab jsonish(long seed) {
    Random random = new Random(seed);
    Set<String> seen = new LinkedHashSet<>();
    List<byte[]> tokens = new ArrayList<>();
    for (int b = 0; b < 256; b++) {
      tokens.add(new byte[] {(byte) b});
      seen.add(key(tokens.getLast()));
    }
    List<byte[]> fragments = new ArrayList<>();
    for (String f :
        List.of(
            "{\"",
            "\":\"",
            "\",\"",
            "\"}",
            "\"]",
            "}]",
            "},{\"",
            "\":",
            ",\"",
            "\":[",
            "\":{",
            "\"}]}",
            "[{\"",
            "]}",
            "}}",
            "total",
            "date",
            "description",
            "amount",
            "items",
            "company",
            "address",
            "currency",
            "quantity",
            "unit_price",
            "tax",
            "time",
            "seller",
            "buyer",
            "name",
            "invoice_number",
            "issue_date",
            "due_date",
            "subtotal",
            ".00",
            ".5",
            "202",
            "2024-",
            "-01-",
            "-02-29",
            "12:",
            ":30",
            "null",
            "true",
            "false",
            "EUR",
            "USD",
            " ",
            "  ",
            "the",
            "Café",
            "€",
            "é",
            " €",
            "€1",
            "Straße",
            "日本",
            "😀",
            "\\\"",
            "\\\\",
            "\\n",
            "\\u00e9",
            "-",
            "0",
            "1",
            "9",
            "10",
            "42",
            "99",
            "100",
            "0.",
            "-1",
            "e5",
            "E",
            "paid",
            "ABC",
            "AB-",
            "foo",
            "bar",
            "fixed",
            "\t",
            "\n",
            "x",
            "y",
            "points",
            "counts",
            "groups",
            "rows",
            "cells",
            "label",
            ",",
            ":",
            "\"",
            "[",
            "]",
            "{",
            "}")) {
      fragments.add(f.getBytes(StandardCharsets.UTF_8));
    }
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
    byte[] eacute = "é".getBytes(StandardCharsets.UTF_8);
    fragments.add(Arrays.copyOfRange(euro, 0, 2));
    fragments.add(Arrays.copyOfRange(euro, 1, 3));
    fragments.add(Arrays.copyOfRange(euro, 2, 3));
    fragments.add(new byte[] {eacute[0], 'a'});
    fragments.add(new byte[] {'"', eacute[0]});
    fragments.add(new byte[] {eacute[1], '"'});
    for (byte[] f : fragments) {
      if (f.length > 1 && seen.add(key(f))) {
        tokens.add(f);
      }
    }
    while (tokens.size() < 256 + 2000) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int parts = 1 + random.nextInt(3);
      for (int p = 0; p < parts; p++) {
        out.writeBytes(fragments.get(random.nextInt(fragments.size())));
      }
      byte[] all = out.toByteArray();
      int from = random.nextInt(4) == 0 ? random.nextInt(all.length) : 0;
      int to = Math.min(all.length, from + 1 + random.nextInt(10));
      byte[] t = Arrays.copyOfRange(all, from, to);
      if (t.length > 1 && seen.add(key(t))) {
        tokens.add(t);
      }
    }
    return of(tokens);
  }

  /** All 256 single bytes plus random byte strings of length 1-8, 32000 tokens in all. */
  static TestVocab random32k(long seed) {
    Random random = new Random(seed);
    Set<String> seen = new LinkedHashSet<>();
    List<byte[]> tokens = new ArrayList<>();
    for (int b = 0; b < 256; b++) {
      tokens.add(new byte[] {(byte) b});
      seen.add(key(tokens.getLast()));
    }
    while (tokens.size() < 32000 - 2) {
      byte[] t = new byte[1 + random.nextInt(8)];
      for (int i = 0; i < t.length; i++) {
        // Mostly printable ASCII as in real vocabularies, some high bytes.
        t[i] = (byte) (random.nextInt(5) == 0 ? random.nextInt(256) : 0x20 + random.nextInt(95));
      }
      if (seen.add(key(t))) {
        tokens.add(t);
      }
    }
    return of(tokens);
  }

  private static String key(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }
}
