package dev.docsift.core.slm;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.engine.DocumentRun;
import dev.docsift.core.engine.EngineEvents;
import dev.docsift.core.engine.EngineOutput;
import dev.docsift.core.extract.Extraction;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.PageTiles;
import dev.docsift.core.ocr.OcrReader;
import dev.docsift.errors.ErrorCode;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.slm.constrain.ConstraintFactory;
import dev.docsift.slm.constrain.Grounding;
import dev.docsift.slm.decoder.DecoderException;
import dev.docsift.slm.decoder.GenerationConfig;
import dev.docsift.slm.decoder.GenerationHooks;
import dev.docsift.slm.decoder.GenerationResult;
import dev.docsift.slm.decoder.Generator;
import dev.docsift.slm.decoder.StopReason;
import dev.docsift.slm.prompt.Instruction;
import dev.docsift.slm.prompt.VisionPrompt;
import dev.docsift.vision.ImageEmbeddings;
import dev.docsift.vision.Tiler;
import dev.docsift.vision.TilingPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * One document on the slm engine. Pages are tiled on the pipeline's thread (so the page image can
 * be dropped at once) and encoded on the engine's encoder thread, overlapping the next page's
 * rendering and OCR; at most one page waits for the encoder, which bounds memory on long documents.
 */
final class SlmRun implements DocumentRun {
  /** Prompt tokens kept for OCR text when the page images leave room for little else. */
  private static final int OCR_RESERVE = 256;

  /**
   * Tokens each image costs besides its visual tokens: start, end and an {@code Image-n:} label.
   */
  private static final int FRAMING_PER_IMAGE = 12;

  /** Progress events for tokens go out every so many tokens, not for each. */
  private static final int TOKEN_EVENT_EVERY = 8;

  private final SlmEngine engine;
  private final Path file;
  private final DocumentSchema schema;
  private final EngineEvents events;
  private final BooleanSupplier cancelled;
  private final String instruction;
  private final TilingPolicy pagePolicy; // null: no tiles (a text or idefics3 pack, or no room)
  private final Idefics3Pages idefics3; // null unless the pack is idefics3
  private final int pagesWithImages;
  private final List<OcrPage> ocrPages = new ArrayList<>();
  private final List<Future<ImageEmbeddings>> embeddings = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final AtomicLong encodeNanos = new AtomicLong();
  private long tilingNanos;
  private final List<PageTiles> pageTiles = new ArrayList<>();
  private int tilesMade;
  private int tilesEncoded;
  private boolean closed;

  SlmRun(
      SlmEngine engine,
      Path file,
      DocumentSchema schema,
      int pages,
      EngineEvents events,
      BooleanSupplier cancelled)
      throws DocsiftException {
    this.engine = engine;
    this.file = file;
    this.schema = schema;
    this.events = events;
    this.cancelled = cancelled;
    // A schema the constraint cannot write fails before any page; the constraint is built and
    // warmed up while the pages are read.
    engine.prepareConstraint(schema);
    this.instruction = Instruction.forSchema(schema);
    this.idefics3 =
        engine.preprocessor() == null
            ? null
            : new Idefics3Pages(
                engine,
                file,
                pages,
                room(
                    engine,
                    engine
                        .prompts()
                        .buildGrids(List.of(), instruction, null, Integer.MAX_VALUE)
                        .length()),
                events,
                cancelled,
                warnings);
    Tiler tiler = engine.tiler();
    if (tiler == null) {
      pagePolicy = null;
      pagesWithImages = 0;
      return;
    }
    // The visual tokens of every page must fit the context beside the instruction, some OCR text
    // and the answer: fewer tiles per page on long documents, no image for pages past the room.
    int fixed = engine.prompts().build(List.of(), instruction, null, Integer.MAX_VALUE).length();
    TileBudget budget =
        TileBudget.of(
            tiler.policy(),
            room(engine, fixed) - FRAMING_PER_IMAGE * pages,
            engine.encoder().spec().tokensPerTile(),
            pages,
            warnings);
    pagePolicy = budget.policy();
    pagesWithImages = budget.pagesWithImages();
  }

  /** The context left for images: not the instruction's {@code fixed}, the answer, some OCR. */
  static int room(SlmEngine engine, int fixed) {
    int maxContext = engine.decoder().spec().maxContext();
    int answer = Math.min(engine.choice().maxNewTokens(), maxContext / 2);
    return maxContext - fixed - answer - OCR_RESERVE;
  }

  @Override
  public void page(OcrReader.Reading page) throws DocsiftException {
    checkCancelled();
    OcrPage ocr = page.ocr();
    ocrPages.add(ocr);
    if (idefics3 != null) {
      PageTiles seen = idefics3.page(page);
      if (seen != null) {
        pageTiles.add(seen);
      }
      return;
    }
    if (pagePolicy == null || ocrPages.size() > pagesWithImages) {
      return;
    }
    long t0 = System.nanoTime();
    TiledPage cut =
        TiledPage.cut(
            page.upright(),
            ocr,
            pagePolicy,
            engine.tiler().normalization(),
            engine.choice().pruneTiles());
    tilingNanos += System.nanoTime() - t0;
    // Counted against the whole page's tiles, so that what a crop saved shows as left out.
    tilesMade += cut.pageTileCount();
    tilesEncoded += cut.keep().length;
    pageTiles.add(cut.shown());
    // Bound the memory: wait for the previous page's encoding before queueing this one.
    if (!embeddings.isEmpty()) {
      await(embeddings.getLast(), file);
    }
    int number = ocr.number();
    embeddings.add(
        encodeLater(
            engine,
            cancelled,
            encodeNanos,
            () -> engine.encoder().encode(cut.tiles(), cut.keep()),
            () -> events.tilesEncoded(number, cut.pageTileCount(), cut.keep().length)));
  }

  /**
   * Queues an encoding on the engine's encoder thread: skipped once the document is cancelled, its
   * time added to {@code nanos}, {@code done} told when it has finished.
   */
  static Future<ImageEmbeddings> encodeLater(
      SlmEngine engine,
      BooleanSupplier cancelled,
      AtomicLong nanos,
      Callable<ImageEmbeddings> encode,
      Runnable done) {
    return engine
        .encoderThread()
        .submit(
            () -> {
              if (cancelled.getAsBoolean()) {
                throw new CancellationException();
              }
              long e0 = System.nanoTime();
              ImageEmbeddings out = encode.call();
              nanos.addAndGet(System.nanoTime() - e0);
              done.run();
              return out;
            });
  }

  @Override
  public EngineOutput finish() throws DocsiftException {
    List<ImageEmbeddings> images = new ArrayList<>();
    for (Future<ImageEmbeddings> f : embeddings) {
      images.add(await(f, file));
    }
    if (idefics3 != null) {
      images = idefics3.embeddings();
      tilingNanos = idefics3.preprocessNanos();
      encodeNanos.set(idefics3.encodeNanos());
      tilesMade = idefics3.tiles();
      tilesEncoded = tilesMade;
    }
    checkCancelled();
    if (tilesMade > tilesEncoded) {
      warnings.add(
          (tilesMade - tilesEncoded)
              + " of "
              + tilesMade
              + " tiles were blank and left out of the vision encoder (paper with no word on it).");
    }
    String ocrText = pagesText(OcrPage::text);
    // The model reads the lines with their wide gaps kept; grounding matches the plain words.
    String layoutText = pagesText(OcrPage::layoutText);
    int maxContext = engine.decoder().spec().maxContext();
    int answer = Math.min(engine.choice().maxNewTokens(), maxContext / 2);
    VisionPrompt prompt;
    try {
      prompt =
          idefics3 != null
              ? engine
                  .prompts()
                  .buildGrids(idefics3.grids(), instruction, layoutText, maxContext - answer)
              : engine
                  .prompts()
                  .build(
                      images.stream().map(ImageEmbeddings::tokens).toList(),
                      instruction,
                      layoutText,
                      maxContext - answer);
    } catch (IllegalArgumentException e) {
      throw new DocsiftException(
          ErrorCode.PROMPT_TOO_LONG, file.getFileName() + ": " + e.getMessage() + ".", e);
    }
    if (prompt.ocrTruncated()) {
      warnings.add(
          "The OCR text was cut to "
              + prompt.ocrTokensKept()
              + " tokens to fit the model's context.");
    }
    ConstraintFactory factory = engine.constraint(schema);
    boolean grounded = engine.choice().grounding() && !ocrText.isBlank();
    GenerationHooks hooks =
        GenerationHooks.NONE
            .withConstraint(grounded ? factory.create(Grounding.of(ocrText)) : factory.create())
            .withCancellation(cancelled)
            .withListener(tokenEvents(answer));
    GenerationConfig config = GenerationConfig.greedy(answer, engine.stopIds());
    GenerationResult result;
    try {
      Generator generator = new Generator(engine.decoder());
      if (prompt.imageTokens() == 0) {
        // A text prompt: a decoder that embeds its own tokens needs no embedding pass.
        result = generator.generate(prompt.ids(), config, hooks);
      } else {
        float[] embeds = engine.decoder().embed(prompt.ids());
        prompt.splice(embeds, engine.decoder().spec().hidden(), concat(images));
        result = generator.generate(embeds, prompt.length(), config, hooks);
      }
    } catch (DecoderException e) {
      throw DocsiftException.of(file.getFileName().toString(), e);
    }
    if (result.stopReason() == StopReason.CANCELLED) {
      throw new DocsiftException(ErrorCode.CANCELLED, file.getFileName() + " was cancelled.");
    }
    if (result.stopReason() != StopReason.CONSTRAINT_COMPLETE) {
      throw new DocsiftException(
          ErrorCode.EXTRACTION_FAILED,
          file.getFileName()
              + ": the model stopped ("
              + result.stopReason()
              + ") before its JSON was complete.");
    }
    long g0 = System.nanoTime();
    Extraction extraction =
        SlmOutput.ground(result, engine.tokenizer(), ocrPages, schema, warnings, file);
    long groundNanos = System.nanoTime() - g0;
    Map<String, Long> stages = new LinkedHashMap<>();
    stages.put("tiling", millis(tilingNanos));
    stages.put("encode", millis(encodeNanos.get()));
    stages.put("prefill", millis(result.timings().prefillNanos()));
    stages.put("decode", millis(result.timings().decodeNanos()));
    stages.put("ground", millis(groundNanos));
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("tiles", (long) tilesMade);
    counts.put("tiles_encoded", (long) tilesEncoded);
    counts.put("prompt_tokens", (long) prompt.length());
    counts.put("generated_tokens", (long) result.tokenIds().length);
    return new EngineOutput(extraction, stages, counts, pageTiles);
  }

  private dev.docsift.slm.decoder.TokenListener tokenEvents(int maxTokens) {
    int[] count = {0};
    return (token, logprob) -> {
      count[0]++;
      if (count[0] % TOKEN_EVENT_EVERY == 0) {
        events.tokensGenerated(count[0], maxTokens);
      }
    };
  }

  /** The pages' texts, blank pages left out, a blank line between pages. */
  private String pagesText(java.util.function.Function<OcrPage, String> text) {
    return ocrPages.stream()
        .map(text)
        .filter(t -> !t.isBlank())
        .collect(Collectors.joining("\n\n"));
  }

  private static float[] concat(List<ImageEmbeddings> images) {
    int n = 0;
    for (ImageEmbeddings e : images) {
      n += e.values().length;
    }
    float[] out = new float[n];
    int at = 0;
    for (ImageEmbeddings e : images) {
      System.arraycopy(e.values(), 0, out, at, e.values().length);
      at += e.values().length;
    }
    return out;
  }

  /** A page's features, once encoded; cancellation and failures as the user sees them. */
  static ImageEmbeddings await(Future<ImageEmbeddings> f, Path file) throws DocsiftException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DocsiftException(ErrorCode.CANCELLED, file.getFileName() + " was cancelled.", e);
    } catch (CancellationException e) {
      throw new DocsiftException(ErrorCode.CANCELLED, file.getFileName() + " was cancelled.", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof CancellationException) {
        throw new DocsiftException(ErrorCode.CANCELLED, file.getFileName() + " was cancelled.");
      }
      throw DocsiftException.unexpected(file, cause);
    }
  }

  private void checkCancelled() throws DocsiftException {
    if (cancelled.getAsBoolean()) {
      throw new DocsiftException(ErrorCode.CANCELLED, file.getFileName() + " was cancelled.");
    }
  }

  private static long millis(long nanos) {
    return Math.round(nanos / 1e6);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Future<ImageEmbeddings> f : embeddings) {
      f.cancel(false); // queued pages are dropped; a running encode finishes and is discarded
    }
    if (idefics3 != null) {
      idefics3.cancel();
    }
  }
}
