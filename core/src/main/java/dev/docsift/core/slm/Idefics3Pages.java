package dev.docsift.core.slm;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.engine.EngineEvents;
import dev.docsift.core.model.PageTiles;
import dev.docsift.core.ocr.OcrReader;
import dev.docsift.slm.prompt.ImageGrid;
import dev.docsift.vision.Idefics3Policy;
import dev.docsift.vision.Idefics3Preprocessor;
import dev.docsift.vision.Idefics3Tiles;
import dev.docsift.vision.ImageEmbeddings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * The pages of one document on an idefics3 pack: each page prepared as Idefics3's processor does
 * (tiles and the global image) on the pipeline's thread and encoded on the engine's encoder thread,
 * at most one page waiting. When the pages' visual tokens would not fit the context beside the
 * instruction, some OCR text and the answer, pages are read as one image each (no split), and past
 * the room without any image.
 */
final class Idefics3Pages {
  /** Prompt tokens a tile costs besides its visual tokens: its frame, label and a newline. */
  private static final int FRAMING_PER_TILE = 3;

  private final SlmEngine engine;
  private final Path file;
  private final EngineEvents events;
  private final BooleanSupplier cancelled;
  private final Idefics3Preprocessor preprocessor;
  private final int pagesWithImages;
  private final List<Future<ImageEmbeddings>> embeddings = new ArrayList<>();
  private final List<ImageGrid> grids = new ArrayList<>();
  private final AtomicLong encodeNanos = new AtomicLong();
  private long preprocessNanos;
  private int pagesSeen;
  private int tiles;

  Idefics3Pages(
      SlmEngine engine,
      Path file,
      int pages,
      int room,
      EngineEvents events,
      BooleanSupplier cancelled,
      List<String> warnings) {
    this.engine = engine;
    this.file = file;
    this.events = events;
    this.cancelled = cancelled;
    Idefics3Policy full = engine.preprocessor().policy();
    int perImage = engine.encoder().spec().tokensPerTile() + FRAMING_PER_TILE;
    int side = (full.longestEdge() + full.tileSize() - 1) / full.tileSize();
    int mostImages = full.imageSplitting() ? side * side + 1 : 1;
    if (room >= (long) pages * mostImages * perImage) {
      preprocessor = engine.preprocessor();
      pagesWithImages = pages;
      return;
    }
    preprocessor =
        new Idefics3Preprocessor(
            new Idefics3Policy(
                full.longestEdge(),
                full.tileSize(),
                false,
                full.rescaleFactor(),
                full.normalization()));
    pagesWithImages = Math.min(pages, Math.max(0, room / perImage));
    if (pagesWithImages == pages) {
      warnings.add("Pages were read as one image each, not in tiles, to fit the model's context.");
    } else if (pagesWithImages == 0) {
      warnings.add("The model's context has no room for page images; it read the OCR text only.");
    } else {
      warnings.add(
          "Only the first "
              + pagesWithImages
              + " of "
              + pages
              + " pages were shown to the model (one image each); it read the OCR text of the"
              + " rest.");
    }
  }

  /**
   * Prepares a page and queues its encoding, after the previous page's has finished.
   *
   * @return what the model looks at, or null when the page gets no image
   */
  PageTiles page(OcrReader.Reading page) throws DocsiftException {
    if (pagesSeen++ >= pagesWithImages) {
      return null;
    }
    long t0 = System.nanoTime();
    Idefics3Tiles prepared = preprocessor.preprocess(page.upright());
    preprocessNanos += System.nanoTime() - t0;
    int count = prepared.tileCount();
    tiles += count;
    grids.add(new ImageGrid(prepared.rows(), prepared.cols()));
    if (!embeddings.isEmpty()) {
      SlmRun.await(embeddings.getLast(), file);
    }
    int number = page.ocr().number();
    embeddings.add(
        SlmRun.encodeLater(
            engine,
            cancelled,
            encodeNanos,
            () -> engine.encoder().encode(prepared),
            () -> events.tilesEncoded(number, count, count)));
    boolean split = prepared.rows() > 0;
    return new PageTiles(
        number,
        split ? prepared.cols() : 1,
        split ? prepared.rows() : 1,
        split,
        IntStream.range(0, count).boxed().toList());
  }

  /** Waits for every page's features, in page order. */
  List<ImageEmbeddings> embeddings() throws DocsiftException {
    List<ImageEmbeddings> out = new ArrayList<>();
    for (Future<ImageEmbeddings> f : embeddings) {
      out.add(SlmRun.await(f, file));
    }
    return out;
  }

  /** How each page with an image was split, in order. */
  List<ImageGrid> grids() {
    return List.copyOf(grids);
  }

  /** Images encoded (tiles and global images). */
  int tiles() {
    return tiles;
  }

  long preprocessNanos() {
    return preprocessNanos;
  }

  long encodeNanos() {
    return encodeNanos.get();
  }

  /** Drops queued pages; a running encode finishes and is discarded. */
  void cancel() {
    embeddings.forEach(f -> f.cancel(false));
  }
}
