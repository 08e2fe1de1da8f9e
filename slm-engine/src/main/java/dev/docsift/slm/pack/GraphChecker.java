package dev.docsift.slm.pack;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.docsift.errors.ErrorCode;
import dev.docsift.slm.decoder.DecoderContract;
import dev.docsift.slm.decoder.OrtRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Opens a pack's ONNX graphs and checks that their declared inputs and outputs match pack.json, so
 * that a wrong pack fails at install rather than mid-document. Dimensions of -1 (dynamic) match
 * anything; fixed ones must agree.
 */
final class GraphChecker {
  private final PackManifest manifest;
  private final List<Problem> problems;

  private GraphChecker(PackManifest manifest, List<Problem> problems) {
    this.manifest = manifest;
    this.problems = problems;
  }

  /** Checks every graph of a pack, adding what is wrong to {@code problems}. */
  static void check(PackManifest manifest, PackPaths paths, List<Problem> problems) {
    GraphChecker checker = new GraphChecker(manifest, problems);
    if (paths.embedTokens() != null) {
      checker.withSession(
          paths.embedTokens(),
          (graph, in, out) ->
              checker.report(
                  graph, DecoderContract.embeddingProblems(manifest.decoder(), in, out)));
    }
    checker.withSession(
        paths.decoder(),
        (graph, in, out) ->
            checker.report(graph, DecoderContract.decoderProblems(manifest.decoder(), in, out)));
    if (paths.visionEncoder() != null) {
      checker.withSession(paths.visionEncoder(), checker::checkVision);
    }
  }

  private interface SessionCheck {
    void check(
        String graph,
        Map<String, DecoderContract.Signature> inputs,
        Map<String, DecoderContract.Signature> outputs);
  }

  private void withSession(Path file, SessionCheck check) {
    String graph = file.getFileName().toString();
    OrtEnvironment env = OrtRuntime.environment();
    // Opened only to read the declared inputs and outputs; closed at once to free native memory.
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = env.createSession(file.toString(), options)) {
      check.check(
          graph,
          DecoderContract.signatures(session, true),
          DecoderContract.signatures(session, false));
    } catch (OrtException e) {
      problems.add(
          new Problem(
              ErrorCode.MODEL_GRAPH_MISMATCH,
              "ONNX Runtime cannot open the graph "
                  + graph
                  + ": "
                  + firstLine(e.getMessage())
                  + "."));
    }
  }

  private void report(String graph, List<String> found) {
    for (String problem : found) {
      problems.add(mismatch("The graph " + graph + " does not match pack.json: " + problem));
    }
  }

  private void checkVision(
      String graph,
      Map<String, DecoderContract.Signature> in,
      Map<String, DecoderContract.Signature> out) {
    // The vision contract is the vision-encoder module's to check; here: it loads and has I/O.
    if (in.isEmpty() || out.isEmpty()) {
      problems.add(mismatch("The graph " + graph + " declares no inputs or no outputs"));
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    String line = message.strip().lines().findFirst().orElse("unknown error");
    return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
  }

  private static Problem mismatch(String sentence) {
    return new Problem(ErrorCode.MODEL_GRAPH_MISMATCH, sentence + ".");
  }
}
