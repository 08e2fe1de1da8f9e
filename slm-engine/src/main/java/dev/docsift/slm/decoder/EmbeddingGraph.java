package dev.docsift.slm.decoder;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.docsift.errors.ErrorCode;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * A pack's token embedding graph ({@code input_ids} int64 {@code [1, seq]} to {@code inputs_embeds}
 * float {@code [1, seq, hidden]}), kept apart from the decoder so that image embeddings can be
 * spliced between token embeddings before prefill. Thread-safe ({@code OrtSession.run} is); the
 * owning {@link DecoderSession} closes it.
 */
final class EmbeddingGraph {
  private final OrtSession session;
  private final int hidden;

  EmbeddingGraph(OrtSession session, int hidden) {
    this.session = session;
    this.hidden = hidden;
  }

  OrtSession session() {
    return session;
  }

  /**
   * Embeds checked token ids.
   *
   * @param ids token ids, already checked against the vocabulary
   * @param runNanos receives the graph's run time in element 0
   * @return (seq * hidden) values, row by row
   */
  float[] embed(long[] ids, long[] runNanos) throws DecoderException {
    try (OnnxTensor input = // (1, seq)
        OnnxTensor.createTensor(
            OrtRuntime.environment(), LongBuffer.wrap(ids), new long[] {1, ids.length})) {
      long start = System.nanoTime();
      try (OrtSession.Result result = session.run(Map.of(DecoderContract.INPUT_IDS, input))) {
        runNanos[0] = System.nanoTime() - start;
        OnnxTensor out = (OnnxTensor) result.get(0); // (1, seq, hidden)
        FloatBuffer buffer = out.getFloatBuffer();
        float[] embeds = new float[buffer.remaining()];
        buffer.get(embeds);
        if (embeds.length != ids.length * hidden) {
          throw new DecoderException(
              ErrorCode.DECODER_CONTRACT,
              "The embedding graph returned "
                  + embeds.length
                  + " values for "
                  + ids.length
                  + " tokens; pack.json says hidden is "
                  + hidden
                  + ".");
        }
        return embeds;
      }
    } catch (OrtException e) {
      throw new DecoderException(
          ErrorCode.DECODER_FAILED, "The embedding graph failed: " + e.getMessage(), e);
    }
  }
}
