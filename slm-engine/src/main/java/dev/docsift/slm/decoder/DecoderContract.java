package dev.docsift.slm.decoder;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one check of a decoder's graphs against a {@link DecoderSpec} (see PACK_FORMAT.md): names,
 * element types, ranks and the fixed sizes pack.json gives. Used when a pack is installed or
 * verified and again when a session opens, so both say the same thing about the same graph.
 * Dimensions ONNX declares as dynamic (-1) match any size. Stateless.
 */
public final class DecoderContract {
  /** The embedding graph's input name (PACK_FORMAT.md). */
  public static final String INPUT_IDS = "input_ids";

  /** The embedding graph's output name (PACK_FORMAT.md). */
  public static final String EMBED_OUTPUT = "inputs_embeds";

  private DecoderContract() {}

  /**
   * A graph input or output as far as the contract cares.
   *
   * @param type the element type, or null when not a tensor
   * @param shape dimensions, -1 where dynamic
   */
  public record Signature(OnnxJavaType type, long[] shape) {}

  /**
   * The declared inputs or outputs of an open session.
   *
   * @param session the session
   * @param inputs inputs when true, outputs when false
   * @return name to signature, in the graph's order
   * @throws OrtException when ONNX Runtime cannot describe them
   */
  public static Map<String, Signature> signatures(OrtSession session, boolean inputs)
      throws OrtException {
    Map<String, NodeInfo> infos = inputs ? session.getInputInfo() : session.getOutputInfo();
    Map<String, Signature> out = new LinkedHashMap<>();
    infos.forEach(
        (name, info) ->
            out.put(
                name,
                info.getInfo() instanceof TensorInfo t
                    ? new Signature(t.type, t.getShape())
                    : new Signature(null, new long[0])));
    return out;
  }

  /**
   * Whether a decoder's logits output is declared {@code [batch, 1, vocab]}: the graph returns the
   * logits of a run's last position only (PACK_FORMAT.md, "Shared KV cache").
   *
   * @param logits the logits output's signature
   * @return true when its second dimension is fixed at 1
   */
  public static boolean lastPositionOnly(Signature logits) {
    return logits != null && logits.shape().length == 3 && logits.shape()[1] == 1;
  }

  /**
   * What is wrong with an embedding graph: {@code input_ids} int64 {@code [batch, seq]} in, one
   * float output {@code [batch, seq, hidden]} (its name does not matter when it is the only one).
   *
   * @return the problems, empty when it fits
   */
  public static List<String> embeddingProblems(
      DecoderSpec spec, Map<String, Signature> inputs, Map<String, Signature> outputs) {
    List<String> problems = new ArrayList<>();
    check(problems, "input", INPUT_IDS, inputs.get(INPUT_IDS), OnnxJavaType.INT64, 2, -1, 0, null);
    for (String name : inputs.keySet()) {
      if (!name.equals(INPUT_IDS)) {
        problems.add("unexpected input " + name);
      }
    }
    Signature out = outputs.get(EMBED_OUTPUT);
    if (out == null && outputs.size() == 1) {
      out = outputs.values().iterator().next();
    }
    checkFloat(problems, "output", EMBED_OUTPUT, out, 3, 2, spec.hidden(), "decoder.hidden");
    return problems;
  }

  /**
   * What is wrong with a decoder graph: every input the spec names and no other (an input the spec
   * does not name could not be fed), logits {@code [batch, seq, vocab_size]} (or {@code [batch, 1,
   * vocab_size]}, the last position's only), and per layer past and present keys and values {@code
   * [batch, kv_heads, length, head_size]} of one float type. A shared-cache decoder takes {@code
   * seqlens_k} (int32 {@code [batch]}) and {@code total_sequence_length} (int32 scalar) instead of
   * an attention mask.
   *
   * @return the problems, empty when it fits
   */
  public static List<String> decoderProblems(
      DecoderSpec spec, Map<String, Signature> inputs, Map<String, Signature> outputs) {
    List<String> problems = new ArrayList<>();
    Set<String> expected = new LinkedHashSet<>();
    if (spec.readsTokenIds()) {
      check(
          problems,
          "input",
          spec.inputIds(),
          inputs.get(spec.inputIds()),
          OnnxJavaType.INT64,
          2,
          -1,
          0,
          null);
      expected.add(spec.inputIds());
    } else {
      checkFloat(
          problems,
          "input",
          spec.inputsEmbeds(),
          inputs.get(spec.inputsEmbeds()),
          3,
          2,
          spec.hidden(),
          "decoder.hidden");
      expected.add(spec.inputsEmbeds());
    }
    List<String> int64Inputs =
        spec.sharesKv()
            ? List.of(spec.positionIds())
            : List.of(spec.attentionMask(), spec.positionIds());
    for (String name : int64Inputs) {
      check(problems, "input", name, inputs.get(name), OnnxJavaType.INT64, 2, -1, 0, null);
      expected.add(name);
    }
    if (spec.sharesKv()) {
      String seqlens = spec.sharedKv().seqlensK();
      String total = spec.sharedKv().totalSequenceLength();
      check(problems, "input", seqlens, inputs.get(seqlens), OnnxJavaType.INT32, 1, -1, 0, null);
      check(problems, "input", total, inputs.get(total), OnnxJavaType.INT32, 0, -1, 0, null);
      expected.add(seqlens);
      expected.add(total);
    }
    int at = spec.pastKey().indexOf("%d");
    Pattern layerKey =
        Pattern.compile(
            Pattern.quote(spec.pastKey().substring(0, at))
                + "\\d+"
                + Pattern.quote(spec.pastKey().substring(at + 2)));
    long pastKeys = inputs.keySet().stream().filter(layerKey.asMatchPredicate()).count();
    if (pastKeys != spec.layers()) {
      problems.add(
          "it has "
              + pastKeys
              + " past key inputs ("
              + spec.pastKey()
              + ") but pack.json says decoder.layers is "
              + spec.layers());
    }
    OnnxJavaType kvType = null;
    for (int layer = 0; layer < spec.layers(); layer++) {
      for (String name : List.of(spec.pastKey(layer), spec.pastValue(layer))) {
        Signature s = inputs.get(name);
        checkKv(problems, "input", name, s, spec);
        expected.add(name);
        if (s != null && kvType == null) {
          kvType = s.type();
        } else if (s != null && s.type() != kvType) {
          problems.add(
              "input " + name + " is " + s.type() + " but other past tensors are " + kvType);
        }
      }
      for (String name : List.of(spec.presentKey(layer), spec.presentValue(layer))) {
        checkKv(problems, "output", name, outputs.get(name), spec);
      }
    }
    for (String name : inputs.keySet()) {
      if (!expected.contains(name)) {
        problems.add("unexpected input " + name);
      }
    }
    checkFloat(
        problems,
        "output",
        spec.logits(),
        outputs.get(spec.logits()),
        3,
        2,
        spec.vocabSize(),
        "decoder.vocab_size");
    return problems;
  }

  private static void checkKv(
      List<String> problems, String kind, String name, Signature s, DecoderSpec spec) {
    if (checkFloat(problems, kind, name, s, 4, 1, spec.kvHeads(), "decoder.kv_heads")) {
      long head = s.shape()[3];
      if (head >= 0 && head != spec.headSize()) {
        problems.add(
            kind
                + " "
                + name
                + " has head size "
                + head
                + ", pack.json says decoder.head_size is "
                + spec.headSize());
      }
    }
  }

  private static boolean checkFloat(
      List<String> problems,
      String kind,
      String name,
      Signature s,
      int rank,
      int dim,
      long size,
      String field) {
    if (s != null && s.type() != OnnxJavaType.FLOAT && s.type() != OnnxJavaType.FLOAT16) {
      problems.add(kind + " " + name + " is " + s.type() + ", not float or float16");
      return false;
    }
    return check(problems, kind, name, s, s == null ? null : s.type(), rank, dim, size, field);
  }

  private static boolean check(
      List<String> problems,
      String kind,
      String name,
      Signature s,
      OnnxJavaType type,
      int rank,
      int dim,
      long size,
      String field) {
    if (s == null) {
      problems.add("missing " + kind + " " + name);
      return false;
    }
    if (s.type() != type) {
      problems.add(kind + " " + name + " is " + s.type() + ", not " + type);
      return false;
    }
    if (s.shape().length != rank) {
      problems.add(
          kind + " " + name + " has shape " + Arrays.toString(s.shape()) + ", not rank " + rank);
      return false;
    }
    if (dim >= 0 && s.shape()[dim] >= 0 && s.shape()[dim] != size) {
      problems.add(
          kind
              + " "
              + name
              + " has shape "
              + Arrays.toString(s.shape())
              + ", pack.json says "
              + field
              + " is "
              + size);
      return false;
    }
    return true;
  }
}
