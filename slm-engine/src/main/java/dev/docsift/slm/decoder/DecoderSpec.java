package dev.docsift.slm.decoder;

import java.util.Objects;

/**
 * The contract of a decoder graph, read from a pack's {@code decoder} section (see PACK_FORMAT.md).
 *
 * @param vocabSize logits per position
 * @param hidden width of {@code inputs_embeds}
 * @param layers decoder layers, each with a key and a value cache
 * @param attentionHeads query heads
 * @param kvHeads key/value heads (grouped-query attention when fewer than query heads)
 * @param headSize width of one head
 * @param maxContext the longest sequence the model was trained for
 * @param inputIds name of the token id input of a decoder that embeds its own tokens (the text
 *     exports of the transformers.js / Optimum layout), or null when it takes {@code inputsEmbeds}
 * @param inputsEmbeds name of the embeddings input, or null when the decoder takes {@code inputIds}
 * @param attentionMask name of the attention mask input; null when the decoder keeps a shared cache
 * @param positionIds name of the position input
 * @param pastKey name pattern of past key inputs, {@code %d} for the layer
 * @param pastValue name pattern of past value inputs
 * @param logits name of the logits output
 * @param presentKey name pattern of present key outputs
 * @param presentValue name pattern of present value outputs
 * @param sharedKv the inputs of a decoder that writes each step's keys and values in place into one
 *     preallocated cache per layer (ONNX Runtime's GroupQueryAttention); null for a decoder that
 *     returns past plus this step's keys and values as new tensors
 */
public record DecoderSpec(
    int vocabSize,
    int hidden,
    int layers,
    int attentionHeads,
    int kvHeads,
    int headSize,
    int maxContext,
    String inputIds,
    String inputsEmbeds,
    String attentionMask,
    String positionIds,
    String pastKey,
    String pastValue,
    String logits,
    String presentKey,
    String presentValue,
    SharedKv sharedKv) {

  /**
   * The inputs that tell a shared-cache decoder where this run's tokens go (PACK_FORMAT.md, "Shared
   * KV cache"): the past and present tensors of a layer are then one buffer of some capacity, and
   * the graph writes the run's keys and values at {@code past .. past + seq} in place.
   *
   * @param seqlensK name of the int32 {@code [batch]} input holding {@code past + seq - 1}
   * @param totalSequenceLength name of the int32 scalar input holding {@code past + seq}
   */
  public record SharedKv(String seqlensK, String totalSequenceLength) {
    /** Validates. */
    public SharedKv {
      Objects.requireNonNull(seqlensK, "seqlensK");
      Objects.requireNonNull(totalSequenceLength, "totalSequenceLength");
    }
  }

  /** Validates. */
  public DecoderSpec {
    if (vocabSize <= 0
        || hidden <= 0
        || layers <= 0
        || attentionHeads <= 0
        || kvHeads <= 0
        || headSize <= 0
        || maxContext <= 0) {
      throw new IllegalArgumentException("decoder sizes must be positive");
    }
    if (attentionHeads % kvHeads != 0) {
      throw new IllegalArgumentException("attention heads must be a multiple of kv heads");
    }
    if ((inputIds == null) == (inputsEmbeds == null)) {
      throw new IllegalArgumentException("a decoder takes either input ids or input embeddings");
    }
    if (sharedKv == null) {
      Objects.requireNonNull(attentionMask, "attentionMask");
    }
    Objects.requireNonNull(positionIds, "positionIds");
    Objects.requireNonNull(pastKey, "pastKey");
    Objects.requireNonNull(pastValue, "pastValue");
    Objects.requireNonNull(logits, "logits");
    Objects.requireNonNull(presentKey, "presentKey");
    Objects.requireNonNull(presentValue, "presentValue");
  }

  /**
   * Whether the decoder graph embeds its own tokens: it takes {@link #inputIds()}, needs no
   * embedding graph and cannot take image embeddings.
   */
  public boolean readsTokenIds() {
    return inputIds != null;
  }

  /** Whether the decoder keeps a shared, preallocated cache: see {@link SharedKv}. */
  public boolean sharesKv() {
    return sharedKv != null;
  }

  /** The past key input of a layer. */
  public String pastKey(int layer) {
    return String.format(pastKey, layer);
  }

  /** The past value input of a layer. */
  public String pastValue(int layer) {
    return String.format(pastValue, layer);
  }

  /** The present key output of a layer. */
  public String presentKey(int layer) {
    return String.format(presentKey, layer);
  }

  /** The present value output of a layer. */
  public String presentValue(int layer) {
    return String.format(presentValue, layer);
  }
}
