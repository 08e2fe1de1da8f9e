package dev.docsift.slm.pack;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.docsift.slm.decoder.DecoderSpec;
import dev.docsift.slm.decoder.OrtRuntime;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Opens a pack's ONNX graphs and checks that their declared inputs and outputs match pack.json, so
 * that a wrong pack fails at install rather than mid-document. Dimensions of -1 (dynamic) match
 * anything; fixed ones must agree.
 */
final class GraphChecker {
  /** The embedding graph's input, fixed by the pack format. */
  static final String INPUT_IDS = "input_ids";

  private final PackManifest manifest;
  private final List<Problem> problems;

  private GraphChecker(PackManifest manifest, List<Problem> problems) {
    this.manifest = manifest;
    this.problems = problems;
  }

  /** Checks every graph of a pack, adding what is wrong to {@code problems}. */
  static void check(PackManifest manifest, PackPaths paths, List<Problem> problems) {
    GraphChecker checker = new GraphChecker(manifest, problems);
    checker.withSession(paths.embedTokens(), checker::checkEmbed);
    checker.withSession(paths.decoder(), checker::checkDecoder);
    if (paths.visionEncoder() != null) {
      checker.withSession(paths.visionEncoder(), checker::checkVision);
    }
  }

  private interface SessionCheck {
    void check(String graph, Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs);
  }

  private void withSession(Path file, SessionCheck check) {
    String graph = file.getFileName().toString();
    OrtEnvironment env = OrtRuntime.environment();
    // Opened only to read the declared inputs and outputs; closed at once to free native memory.
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = env.createSession(file.toString(), options)) {
      check.check(graph, session.getInputInfo(), session.getOutputInfo());
    } catch (OrtException e) {
      problems.add(
          new Problem(
              PackException.Reason.GRAPH_MISMATCH,
              "ONNX Runtime cannot open the graph "
                  + graph
                  + ": "
                  + firstLine(e.getMessage())
                  + "."));
    }
  }

  private void checkEmbed(String graph, Map<String, NodeInfo> in, Map<String, NodeInfo> out) {
    DecoderSpec d = manifest.decoder();
    tensor(graph, "input", in, INPUT_IDS, 2, new long[] {-1, -1}, null);
    tensor(
        graph,
        "output",
        out,
        d.inputsEmbeds(),
        3,
        new long[] {-1, -1, d.hidden()},
        new String[] {null, null, "decoder.hidden"});
  }

  private void checkDecoder(String graph, Map<String, NodeInfo> in, Map<String, NodeInfo> out) {
    DecoderSpec d = manifest.decoder();
    tensor(
        graph,
        "input",
        in,
        d.inputsEmbeds(),
        3,
        new long[] {-1, -1, d.hidden()},
        new String[] {null, null, "decoder.hidden"});
    tensor(graph, "input", in, d.attentionMask(), 2, new long[] {-1, -1}, null);
    tensor(graph, "input", in, d.positionIds(), 2, new long[] {-1, -1}, null);
    tensor(
        graph,
        "output",
        out,
        d.logits(),
        3,
        new long[] {-1, -1, d.vocabSize()},
        new String[] {null, null, "decoder.vocab_size"});
    long pastKeys = in.keySet().stream().filter(layerRegex(d.pastKey()).asMatchPredicate()).count();
    if (pastKeys != d.layers()) {
      problems.add(
          mismatch(
              "The graph "
                  + graph
                  + " has "
                  + pastKeys
                  + " past key inputs ("
                  + d.pastKey()
                  + ") but pack.json says decoder.layers is "
                  + d.layers()));
    }
    long[] kv = {-1, d.kvHeads(), -1, d.headSize()};
    String[] kvFields = {null, "decoder.kv_heads", null, "decoder.head_size"};
    for (int layer = 0; layer < d.layers(); layer++) {
      tensor(graph, "input", in, d.pastKey(layer), 4, kv, kvFields);
      tensor(graph, "input", in, d.pastValue(layer), 4, kv, kvFields);
      tensor(graph, "output", out, d.presentKey(layer), 4, kv, kvFields);
      tensor(graph, "output", out, d.presentValue(layer), 4, kv, kvFields);
    }
  }

  private void checkVision(String graph, Map<String, NodeInfo> in, Map<String, NodeInfo> out) {
    // The vision contract is the vision-encoder module's to check; here: it loads and has I/O.
    if (in.isEmpty() || out.isEmpty()) {
      problems.add(mismatch("The graph " + graph + " declares no inputs or no outputs"));
    }
  }

  /**
   * Checks that a named tensor exists with the expected rank and fixed dimensions.
   *
   * @param expected per dimension, -1 for "any"
   * @param fields per dimension, the pack.json field the size comes from (for the message)
   */
  private void tensor(
      String graph,
      String kind,
      Map<String, NodeInfo> declared,
      String name,
      int rank,
      long[] expected,
      String[] fields) {
    NodeInfo node = declared.get(name);
    if (node == null) {
      problems.add(
          mismatch(
              "The graph "
                  + graph
                  + " has no "
                  + kind
                  + " named "
                  + name
                  + " (it has "
                  + shortList(declared.keySet())
                  + ")"));
      return;
    }
    if (!(node.getInfo() instanceof TensorInfo info)) {
      problems.add(mismatch("The " + kind + " " + name + " of " + graph + " is not a tensor"));
      return;
    }
    long[] shape = info.getShape();
    if (shape.length != rank) {
      problems.add(
          mismatch(
              "The "
                  + kind
                  + " "
                  + name
                  + " of "
                  + graph
                  + " has shape "
                  + Arrays.toString(shape)
                  + " but the pack format needs "
                  + rank
                  + " dimensions"));
      return;
    }
    for (int i = 0; i < rank; i++) {
      if (expected[i] >= 0 && shape[i] >= 0 && shape[i] != expected[i]) {
        problems.add(
            mismatch(
                "The "
                    + kind
                    + " "
                    + name
                    + " of "
                    + graph
                    + " has shape "
                    + Arrays.toString(shape)
                    + " but pack.json says "
                    + fields[i]
                    + " is "
                    + expected[i]));
        return;
      }
    }
  }

  /** The regex matching every layer's name of a {@code %d} pattern. */
  static Pattern layerRegex(String pattern) {
    int at = pattern.indexOf("%d");
    return Pattern.compile(
        Pattern.quote(pattern.substring(0, at))
            + "\\d+"
            + Pattern.quote(pattern.substring(at + 2)));
  }

  private static String shortList(java.util.Collection<String> names) {
    if (names.isEmpty()) {
      return "none";
    }
    List<String> sorted = names.stream().sorted().limit(6).toList();
    return String.join(", ", sorted) + (names.size() > 6 ? ", …" : "");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    String line = message.strip().lines().findFirst().orElse("unknown error");
    return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
  }

  private static Problem mismatch(String sentence) {
    return new Problem(PackException.Reason.GRAPH_MISMATCH, sentence + ".");
  }
}
