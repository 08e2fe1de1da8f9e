package dev.docsift.slm.decoder;

/**
 * What one decoder step returned.
 *
 * @param logits the last position's logits (vocab_size); the caller may change them in place
 * @param allLogits every position's logits (seq * vocab_size, row by row) when asked for, else null
 * @param runNanos time spent inside {@code OrtSession.run} alone (embedding and decoder graphs),
 *     without making tensors or copying outputs
 */
public record StepResult(float[] logits, float[] allLogits, long runNanos) {}
