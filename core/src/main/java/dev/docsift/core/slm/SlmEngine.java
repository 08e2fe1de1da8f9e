package dev.docsift.core.slm;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.engine.DocumentEngine;
import dev.docsift.core.engine.DocumentRun;
import dev.docsift.core.engine.EngineChoice;
import dev.docsift.core.engine.EngineEvents;
import dev.docsift.core.engine.EngineInfo;
import dev.docsift.errors.ErrorCode;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.slm.constrain.ConstraintFactory;
import dev.docsift.slm.decoder.DecoderException;
import dev.docsift.slm.decoder.DecoderSession;
import dev.docsift.slm.decoder.OrtRuntime;
import dev.docsift.slm.decoder.RuntimeOptions;
import dev.docsift.slm.pack.ModelPack;
import dev.docsift.slm.pack.PackException;
import dev.docsift.slm.pack.PackManifest;
import dev.docsift.slm.pack.PackStore;
import dev.docsift.slm.prompt.Idefics3ImageTokens;
import dev.docsift.slm.prompt.ImageLayout;
import dev.docsift.slm.prompt.ImageTokens;
import dev.docsift.slm.prompt.PromptBuilder;
import dev.docsift.slm.tokenizer.HfTokenizer;
import dev.docsift.vision.Idefics3Policy;
import dev.docsift.vision.Idefics3Preprocessor;
import dev.docsift.vision.PixelNormalization;
import dev.docsift.vision.Tiler;
import dev.docsift.vision.TilingPolicy;
import dev.docsift.vision.VisionEncoder;
import dev.docsift.vision.VisionEncoderException;
import dev.docsift.vision.VisionModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slm engine: a model pack writes the JSON. Per page, the upright page (in the frame of the OCR
 * words) is cut into tiles, blank tiles are pruned and the rest go through the vision encoder on a
 * background thread while the pipeline reads the next page; then the prompt (the pages' visual
 * tokens, the schema's instruction, the OCR text) is prefilled and the decoder writes the document
 * under the schema constraint, its strings grounded in the OCR text. Each value gets its box from
 * the OCR words and its confidence from the decoder.
 *
 * <p>An idefics3 pack (SmolVLM) reads each page as Idefics3's processor prepares it (tiles and a
 * global image, {@link Idefics3Preprocessor}), its vision graph given a {@code
 * pixel_attention_mask}, and its prompt writes each tile's visual tokens under a row and column
 * label ({@link PromptBuilder#buildGrids}). A text pack (no vision encoder) reads the OCR text
 * alone.
 *
 * <p>Thread-safe: ONNX Runtime sessions are shared (their run is thread-safe), each document has
 * its own {@link SlmRun}. Holds native memory: close it.
 */
public final class SlmEngine implements DocumentEngine {
  private static final Logger LOG = LoggerFactory.getLogger(SlmEngine.class);

  private final ModelPack pack;
  private final EngineChoice.Slm choice;
  private final HfTokenizer tokenizer;
  private final DecoderSession decoder;
  private final VisionEncoder encoder; // null for a text pack
  private final Tiler tiler; // null for a text or idefics3 pack
  private final Idefics3Preprocessor preprocessor; // null unless idefics3
  private final PromptBuilder prompts;
  private final List<Integer> stopIds;
  private final EngineInfo info;
  private final List<String> warnings;
  private final ExecutorService encoderThread;
  private final SchemaConstraints constraints;
  private volatile boolean closed;

  private SlmEngine(
      ModelPack pack,
      EngineChoice.Slm choice,
      HfTokenizer tokenizer,
      DecoderSession decoder,
      VisionEncoder encoder,
      Tiler tiler,
      Idefics3Preprocessor preprocessor,
      List<String> warnings) {
    this.pack = pack;
    this.choice = choice;
    this.tokenizer = tokenizer;
    this.decoder = decoder;
    this.encoder = encoder;
    this.tiler = tiler;
    this.preprocessor = preprocessor;
    PackManifest m = pack.manifest();
    PackManifest.ImageSpec image = m.image();
    this.prompts =
        new PromptBuilder(
            tokenizer,
            m.chatTemplate(),
            m.tokens().bosId(),
            encoder == null ? null : layout(m.family(), image));
    Set<Integer> stops = new LinkedHashSet<>(m.tokens().stopIds());
    stops.addAll(m.tokens().eosIds());
    this.stopIds = List.copyOf(stops);
    this.constraints =
        new SchemaConstraints(
            tokenizer, m.tokens().eosIds().stream().mapToInt(Integer::intValue).toArray());
    this.info = new EngineInfo("slm", pack.name(), decoder.provider().name());
    this.warnings = List.copyOf(warnings);
    this.encoderThread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "docsift-vision-encoder");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Opens a model pack: checks its files' hashes, loads the tokenizer and the graphs on the asked
   * execution provider (falling back to the CPU with a warning where this build lacks it).
   *
   * @param choice the pack and its settings
   * @return the engine
   * @throws DocsiftException {@code DS601}–{@code DS609} for a pack that is missing or damaged,
   *     {@code DS621}–{@code DS622} and {@code DS631}–{@code DS632} for graphs that cannot be
   *     loaded or do not match the pack
   */
  public static SlmEngine open(EngineChoice.Slm choice) throws DocsiftException {
    Objects.requireNonNull(choice, "choice");
    ModelPack pack = resolve(choice);
    PackManifest m = pack.manifest();
    RuntimeOptions options = RuntimeOptions.defaults().withProvider(choice.provider());
    HfTokenizer tokenizer;
    try {
      tokenizer = HfTokenizer.load(pack.paths().tokenizer());
    } catch (IOException | RuntimeException e) {
      throw new DocsiftException(
          ErrorCode.MODEL_INVALID,
          "The tokenizer of model pack " + pack.name() + " cannot be read: " + e.getMessage(),
          e);
    }
    DecoderSession decoder = null;
    VisionEncoder encoder = null;
    try {
      decoder =
          DecoderSession.open(
              pack.paths().embedTokens(), pack.paths().decoder(), m.decoder(), options);
      List<String> warnings = new ArrayList<>();
      decoder.provider().warning().ifPresent(warnings::add);
      Tiler tiler = null;
      Idefics3Preprocessor preprocessor = null;
      if (m.family().isVision() && m.image() != null) {
        PackManifest.ImageSpec image = m.image();
        boolean idefics3 = m.family() == PackManifest.Family.IDEFICS3;
        String resize = idefics3 ? "lanczos3" : "bicubic";
        if (!image.resize().equalsIgnoreCase(resize)) {
          throw new DocsiftException(
              ErrorCode.MODEL_INVALID,
              "Model pack "
                  + pack.name()
                  + " asks for '"
                  + image.resize()
                  + "' resizing; docsift resizes this family's pages "
                  + resize
                  + " only.");
        }
        // Without the memory pattern: with it, the arena of the Mississippi-shaped int8 encoder
        // grew by 330 MB over two one-tile runs (a block planned per run, split and not reused),
        // without it by 94 MB, at the same speed; the decoder's arena is the same either way.
        OrtRuntime.OpenedSession vision =
            OrtRuntime.openSession(pack.paths().visionEncoder(), options.withMemoryPattern(false));
        encoder =
            VisionEncoder.wrap(
                vision.session(),
                new VisionModelSpec(
                    image.tileSize(),
                    image.tokensPerTile(),
                    m.decoder().hidden(),
                    idefics3
                        ? VisionModelSpec.Inputs.IMAGES_WITH_MASK
                        : VisionModelSpec.Inputs.TILES),
                // On the CPU a tile costs the same alone as in a batch, and alone its result cannot
                // depend on the page's other tiles (a dynamically quantized graph scales each run's
                // activations as a whole); accelerators gain from batches.
                vision.provider().name().equals("cpu") ? 1 : VisionEncoder.DEFAULT_MAX_BATCH);
        if (warnings.isEmpty()) {
          vision.provider().warning().ifPresent(warnings::add);
        }
        PixelNormalization normalization =
            new PixelNormalization(floats(image.mean()), floats(image.std()));
        if (idefics3) {
          preprocessor =
              new Idefics3Preprocessor(
                  new Idefics3Policy(
                      image.longestEdge(),
                      image.tileSize(),
                      image.imageSplitting(),
                      1 / 255.0,
                      normalization));
        } else {
          tiler =
              new Tiler(
                  new TilingPolicy(
                      image.tileSize(),
                      image.minTiles(),
                      image.maxTiles(),
                      image.thumbnail(),
                      image.msac()),
                  normalization);
        }
      }
      // Said once, in the log; every result carries it in its warnings.
      warnings.forEach(w -> LOG.warn("{}", w));
      return new SlmEngine(
          pack, choice, tokenizer, decoder, encoder, tiler, preprocessor, warnings);
    } catch (DecoderException | VisionEncoderException e) {
      closeAll(tokenizer, decoder, encoder);
      throw DocsiftException.of("Model pack " + pack.name(), e);
    } catch (DocsiftException | RuntimeException e) {
      closeAll(tokenizer, decoder, encoder);
      throw e;
    }
  }

  private static ImageLayout layout(PackManifest.Family family, PackManifest.ImageSpec image) {
    return family == PackManifest.Family.IDEFICS3
        ? new Idefics3ImageTokens(
            image.imageStart(), image.imageContext(), image.globalImage(), image.tokensPerTile())
        : new ImageTokens(image.imageStart(), image.imageContext(), image.imageEnd());
  }

  /** Finds the pack: a folder path as given, else an installed pack by name. */
  private static ModelPack resolve(EngineChoice.Slm choice) throws DocsiftException {
    try {
      Path asPath = Path.of(choice.model());
      if (Files.isDirectory(asPath)) {
        // Hashes checked here; the graphs are checked when the sessions open them.
        return ModelPack.open(asPath, ModelPack.Verification.SKIP_GRAPHS);
      }
      PackStore store =
          choice.modelsDir() == null ? PackStore.openDefault() : new PackStore(choice.modelsDir());
      return store.open(choice.model(), ModelPack.Verification.SKIP_GRAPHS);
    } catch (PackException e) {
      String hint =
          e.code() == ErrorCode.MODEL_NOT_FOUND
              ? " Install one with 'docsift models install', or give a pack folder."
              : "";
      throw new DocsiftException(e.code(), e.getMessage() + hint, e);
    } catch (java.nio.file.InvalidPathException e) {
      throw new DocsiftException(
          ErrorCode.MODEL_NOT_FOUND, "'" + choice.model() + "' is not a model pack name.", e);
    }
  }

  private static float[] floats(List<Double> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i).floatValue();
    }
    return out;
  }

  private static void closeAll(HfTokenizer tokenizer, DecoderSession decoder, VisionEncoder enc) {
    if (enc != null) {
      enc.close();
    }
    if (decoder != null) {
      decoder.close();
    }
    if (tokenizer != null) {
      tokenizer.close();
    }
  }

  @Override
  public EngineInfo info() {
    return info;
  }

  @Override
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public boolean needsPageImages() {
    return encoder != null;
  }

  /** The opened pack. */
  public ModelPack pack() {
    return pack;
  }

  @Override
  public DocumentRun start(
      Path file, DocumentSchema schema, int pages, EngineEvents events, BooleanSupplier cancelled)
      throws DocsiftException {
    if (closed) {
      throw new IllegalStateException("the slm engine is closed");
    }
    return new SlmRun(this, file, schema, pages, events, cancelled);
  }

  /**
   * Starts building a schema's constraint in the background, once per engine (see {@link
   * SchemaConstraints}).
   *
   * @throws DocsiftException when the schema uses something the constraint does not support
   */
  void prepareConstraint(DocumentSchema schema) throws DocsiftException {
    constraints.prepare(schema);
  }

  /** The constraint factory of a schema, waiting for its build. */
  ConstraintFactory constraint(DocumentSchema schema) throws DocsiftException {
    return constraints.get(schema);
  }

  EngineChoice.Slm choice() {
    return choice;
  }

  HfTokenizer tokenizer() {
    return tokenizer;
  }

  DecoderSession decoder() {
    return decoder;
  }

  VisionEncoder encoder() {
    return encoder;
  }

  Tiler tiler() {
    return tiler;
  }

  /** The page preprocessing of an idefics3 pack, else null. */
  Idefics3Preprocessor preprocessor() {
    return preprocessor;
  }

  PromptBuilder prompts() {
    return prompts;
  }

  List<Integer> stopIds() {
    return stopIds;
  }

  ExecutorService encoderThread() {
    return encoderThread;
  }

  /** Frees the sessions and the tokenizer; harmless when called twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    boolean constraintStopped = constraints.stop();
    encoderThread.shutdownNow();
    try {
      // A cancelled document's encode may still be inside ONNX Runtime, which cannot be
      // interrupted: closing its session under it would free memory it is using.
      if (!encoderThread.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES)) {
        LOG.warn("The vision encoder is still busy; its session is left open.");
        closeAll(constraintStopped ? tokenizer : null, decoder, null);
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // A constraint build still reading the vocabulary keeps the tokenizer open.
    closeAll(constraintStopped ? tokenizer : null, decoder, encoder);
  }
}
