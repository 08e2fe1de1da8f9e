package dev.docsift.vision;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.docsift.errors.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Runs an ONNX vision graph on tiled pages: InternVL's ({@code pixel_values} → {@code
 * image_embeds}) or Idefics3's ({@code pixel_values} and {@code pixel_attention_mask} → {@code
 * image_features}), as {@link VisionModelSpec#inputs} says.
 *
 * <p>Holds an {@link OrtSession}, which holds native memory: it must be closed, or the application
 * leaks off-heap memory. Closing twice is harmless; use after close throws {@link
 * IllegalStateException}. {@link #encode} may be called from several threads at once (ONNX
 * Runtime's run is thread-safe); tensors live for one call only. Do not close it while a call is
 * running.
 */
public final class VisionEncoder implements AutoCloseable {

  /** Tiles per run when none is given: bounds the attention scores' memory of a large encoder. */
  public static final int DEFAULT_MAX_BATCH = 4;

  private final OrtEnvironment env;
  private final OrtSession session;
  private final VisionModelSpec spec;
  private final int maxBatch;
  private volatile boolean closed;

  private VisionEncoder(
      OrtEnvironment env, OrtSession session, VisionModelSpec spec, int maxBatch) {
    this.env = env;
    this.session = session;
    this.spec = spec;
    this.maxBatch = maxBatch;
  }

  /**
   * Opens a vision graph on the CPU with ONNX Runtime's default threads and checks its input and
   * output shapes against {@code spec}. Where this is the process's first use of ONNX Runtime, it
   * creates the environment on the calling thread, whose stack must be deep enough for a long
   * command line; the application creates it first through the slm engine's runtime, which takes
   * care of that, and opens its encoders with {@link #wrap}.
   *
   * @param model path of the {@code .onnx} file
   * @param spec expected shapes
   * @return an open encoder
   * @throws VisionEncoderException {@code VISION_LOAD} when the file cannot be opened, {@code
   *     VISION_SHAPE} when its inputs or outputs differ from {@code spec}
   */
  public static VisionEncoder open(Path model, VisionModelSpec spec) throws VisionEncoderException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(spec, "spec");
    // One environment per process: getEnvironment() returns the shared one and it is never closed.
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession session;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      session = env.createSession(model.toString(), options);
    } catch (OrtException e) {
      throw new VisionEncoderException(
          ErrorCode.VISION_LOAD, "cannot open vision model " + model + ": " + e.getMessage(), e);
    }
    return wrap(session, spec, DEFAULT_MAX_BATCH);
  }

  /**
   * Takes over a session someone else opened (with an execution provider and thread settings of
   * their choosing) and checks its shapes. The encoder owns the session from then on: it is closed
   * with the encoder, or here when the shapes are wrong.
   *
   * @param session an open session of a vision graph
   * @param spec expected shapes
   * @param maxBatch most tiles per {@code run}, at least 1: more tiles are encoded in several runs
   * @return an open encoder
   * @throws VisionEncoderException {@code VISION_SHAPE} when its inputs or outputs differ from
   *     {@code spec}, {@code VISION_LOAD} when they cannot be read
   * @throws IllegalArgumentException when {@code maxBatch} is below 1
   */
  public static VisionEncoder wrap(OrtSession session, VisionModelSpec spec, int maxBatch)
      throws VisionEncoderException {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(spec, "spec");
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1: " + maxBatch);
    }
    try {
      int s = spec.tileSize();
      if (spec.inputs() == VisionModelSpec.Inputs.TILES) {
        checkShape(session.getInputInfo(), VisionModelSpec.INPUT, OnnxJavaType.FLOAT, -1, 3, s, s);
      } else {
        checkShape(
            session.getInputInfo(), VisionModelSpec.INPUT, OnnxJavaType.FLOAT, -1, -1, 3, s, s);
        checkShape(session.getInputInfo(), VisionModelSpec.MASK, OnnxJavaType.BOOL, -1, -1, s, s);
      }
      // An exported Idefics3 graph leaves its token count symbolic (the pixel shuffle reshapes):
      // the run checks the count it returns.
      boolean tiles = spec.inputs() == VisionModelSpec.Inputs.TILES;
      checkShape(
          session.getOutputInfo(),
          spec.output(),
          OnnxJavaType.FLOAT,
          -1,
          tiles ? spec.tokensPerTile() : -1,
          spec.hidden());
    } catch (OrtException | VisionEncoderException e) {
      try {
        session.close();
      } catch (OrtException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof VisionEncoderException vee) {
        throw vee;
      }
      throw new VisionEncoderException(
          ErrorCode.VISION_LOAD, "cannot read the model's inputs and outputs", e);
    }
    return new VisionEncoder(OrtEnvironment.getEnvironment(), session, spec, maxBatch);
  }

  /** Checks a tensor {@code name} of a type and shape, -1 matching any (dynamic) dimension. */
  private static void checkShape(
      Map<String, NodeInfo> infos, String name, OnnxJavaType type, long... dims)
      throws VisionEncoderException {
    NodeInfo node = infos.get(name);
    if (node == null || !(node.getInfo() instanceof TensorInfo info)) {
      throw new VisionEncoderException(
          ErrorCode.VISION_SHAPE,
          "the vision model has no tensor named '" + name + "' (it has " + infos.keySet() + ")",
          null);
    }
    long[] shape = info.getShape();
    // The tile and image counts are dynamic (-1) in an exported graph, so they are not compared.
    boolean ok = info.type == type && shape.length == dims.length;
    for (int i = 0; ok && i < dims.length; i++) {
      ok = dims[i] < 0 || shape[i] == dims[i];
    }
    if (!ok) {
      long[] expected = dims;
      throw new VisionEncoderException(
          ErrorCode.VISION_SHAPE,
          "'"
              + name
              + "' is "
              + info.type
              + " "
              + Arrays.toString(shape)
              + ", expected "
              + type
              + " "
              + Arrays.toString(expected),
          null);
    }
  }

  /** Returns the shapes this encoder was opened with. */
  public VisionModelSpec spec() {
    return spec;
  }

  /**
   * Encodes the tiles of one page.
   *
   * @param tiles tiles of {@code spec().tileSize()} pixels
   * @return {@code (tiles, tokensPerTile, hidden)} embeddings
   * @throws IllegalArgumentException when the tile size differs from the spec
   * @throws IllegalStateException when the encoder is closed
   * @throws VisionEncoderException {@code VISION_FAILED} when ONNX Runtime fails or returns an
   *     unexpected shape
   */
  public ImageEmbeddings encode(TiledImage tiles) throws VisionEncoderException {
    Objects.requireNonNull(tiles, "tiles");
    if (tiles.tileSize() != spec.tileSize()) {
      throw new IllegalArgumentException(
          "tiles are " + tiles.tileSize() + " px, the model takes " + spec.tileSize());
    }
    return encode(tiles.pixels(), tiles.tileCount());
  }

  /**
   * Encodes some tiles of one page, in the order given (tile pruning leaves blank ones out).
   *
   * @param tiles tiles of {@code spec().tileSize()} pixels
   * @param indices the tiles to encode, at least one
   * @return {@code (indices.length, tokensPerTile, hidden)} embeddings
   * @throws IllegalArgumentException when the tile size differs from the spec or no tile is given
   * @throws IndexOutOfBoundsException when an index is out of range
   * @throws IllegalStateException when the encoder is closed
   * @throws VisionEncoderException {@code VISION_FAILED} when ONNX Runtime fails
   */
  public ImageEmbeddings encode(TiledImage tiles, int[] indices) throws VisionEncoderException {
    Objects.requireNonNull(tiles, "tiles");
    if (tiles.tileSize() != spec.tileSize()) {
      throw new IllegalArgumentException(
          "tiles are " + tiles.tileSize() + " px, the model takes " + spec.tileSize());
    }
    if (indices.length == tiles.tileCount()) {
      boolean all = true;
      for (int i = 0; i < indices.length && all; i++) {
        all = indices[i] == i;
      }
      if (all) {
        return encode(tiles.pixels(), indices.length); // no copy of the page's pixels
      }
    }
    return encode(tiles.pixelsOf(indices), indices.length);
  }

  /**
   * Encodes raw {@code pixel_values}.
   *
   * @param pixels {@code (count, 3, tileSize, tileSize)} normalised values
   * @param count number of tiles
   * @return {@code (count, tokensPerTile, hidden)} embeddings
   * @throws IllegalArgumentException when {@code pixels} does not hold {@code count} tiles
   * @throws IllegalStateException when the encoder is closed
   * @throws VisionEncoderException {@code VISION_FAILED} when ONNX Runtime fails or returns an
   *     unexpected shape
   */
  public ImageEmbeddings encode(float[] pixels, int count) throws VisionEncoderException {
    if (closed) {
      throw new IllegalStateException("vision encoder is closed");
    }
    int s = spec.tileSize();
    if (count < 1 || pixels.length != (long) count * 3 * s * s) {
      throw new IllegalArgumentException(
          pixels.length + " values are not " + count + " tiles of 3x" + s + "x" + s);
    }
    int perTile = 3 * s * s;
    int outPerTile = spec.tokensPerTile() * spec.hidden();
    float[] values = new float[count * outPerTile];
    for (int first = 0; first < count; first += maxBatch) {
      int n = Math.min(maxBatch, count - first);
      FloatBuffer in = FloatBuffer.wrap(pixels, first * perTile, n * perTile).slice();
      run(in, n, values, first * outPerTile);
    }
    return new ImageEmbeddings(count, spec.tokensPerTile(), spec.hidden(), values);
  }

  /**
   * Encodes a page prepared for an Idefics3 graph ({@link
   * VisionModelSpec.Inputs#IMAGES_WITH_MASK}): its tiles and global image, in order, with an
   * all-true {@code pixel_attention_mask}.
   *
   * @param tiles the page's images
   * @return {@code (tiles.tileCount(), tokensPerTile, hidden)} features
   * @throws IllegalArgumentException when the tile size differs from the spec
   * @throws IllegalStateException when the encoder is closed
   * @throws VisionEncoderException {@code VISION_FAILED} when ONNX Runtime fails
   */
  public ImageEmbeddings encode(Idefics3Tiles tiles) throws VisionEncoderException {
    Objects.requireNonNull(tiles, "tiles");
    if (tiles.tileSize() != spec.tileSize()) {
      throw new IllegalArgumentException(
          "tiles are " + tiles.tileSize() + " px, the model takes " + spec.tileSize());
    }
    return encode(tiles.pixels(), tiles.tileCount());
  }

  /** One {@code run} of {@code n} tiles, writing its output into {@code out} at {@code at}. */
  private void run(FloatBuffer pixels, int n, float[] out, int at) throws VisionEncoderException {
    int s = spec.tileSize();
    boolean masked = spec.inputs() == VisionModelSpec.Inputs.IMAGES_WITH_MASK;
    long[] shape = masked ? new long[] {1, n, 3, s, s} : new long[] {n, 3, s, s};
    OnnxTensor mask = null;
    try (OnnxTensor input = OnnxTensor.createTensor(env, pixels, shape)) {
      Map<String, OnnxTensor> inputs = new HashMap<>();
      inputs.put(VisionModelSpec.INPUT, input);
      if (masked) {
        // One page is never padded: every pixel is real.
        ByteBuffer ones = ByteBuffer.allocateDirect(n * s * s).order(ByteOrder.nativeOrder());
        for (int i = 0; i < n * s * s; i++) {
          ones.put((byte) 1);
        }
        ones.rewind();
        mask = OnnxTensor.createTensor(env, ones, new long[] {1, n, s, s}, OnnxJavaType.BOOL);
        inputs.put(VisionModelSpec.MASK, mask);
      }
      try (OrtSession.Result result = session.run(inputs)) {
        copyOut(result, n, out, at);
      }
    } catch (OrtException e) {
      throw new VisionEncoderException(
          ErrorCode.VISION_FAILED, "the vision model failed: " + e.getMessage(), e);
    } finally {
      if (mask != null) {
        mask.close();
      }
    }
  }

  /** Copies a run's output into {@code out} at {@code at}, checking its shape. */
  private void copyOut(OrtSession.Result result, int n, float[] out, int at)
      throws OrtException, VisionEncoderException {
    String name = spec.output();
    OnnxTensor output =
        (OnnxTensor) result.get(name).orElseThrow(() -> new OrtException("no output " + name));
    long[] outShape = output.getInfo().getShape();
    long[] expected = {n, spec.tokensPerTile(), spec.hidden()};
    if (!Arrays.equals(outShape, expected)) {
      throw new VisionEncoderException(
          ErrorCode.VISION_FAILED,
          name
              + " came back "
              + Arrays.toString(outShape)
              + ", expected "
              + Arrays.toString(expected),
          null);
    }
    output.getFloatBuffer().get(out, at, n * spec.tokensPerTile() * spec.hidden());
  }

  /** Releases the session; harmless when already closed. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.close();
    } catch (OrtException e) {
      // Nothing a caller can do about a failed release; the session is unusable either way.
      throw new IllegalStateException("failed to release the vision session", e);
    }
  }
}
