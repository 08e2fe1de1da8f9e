package dev.docsift.core.slm;

import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.vision.TileRegion;
import dev.docsift.vision.TiledImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the tiles of a page worth encoding: a tile is left out only when OCR found no word on it
 * <em>and</em> it holds next to no ink, so pruning drops blank paper and nothing the page shows.
 * The thumbnail is always kept, since it shows the whole page; a page with nothing on it keeps one
 * tile so that it still has an image. Stateless.
 */
final class TilePruner {
  /**
   * Ink share below which a tile counts as blank: a line of small print measures about 0.5 %, scan
   * noise and paper texture about 0.01 %.
   */
  static final double INK_MIN = 0.002;

  /** Luminance below which a pixel is ink. */
  static final double DARK_BELOW = 0.5;

  private TilePruner() {}

  /**
   * The tiles to encode, in order.
   *
   * @param tiles the page's tiles
   * @param ink each tile's ink share, from {@code Tiler.inkFractions}
   * @param ocr the page's words
   * @param choice the part of the page the tiles were cut from
   * @return the indices of the tiles to encode, never empty
   */
  static int[] keep(TiledImage tiles, double[] ink, OcrPage ocr, TileChoice choice) {
    List<Integer> kept = new ArrayList<>();
    for (int t = 0; t < tiles.tileCount(); t++) {
      boolean thumbnail = tiles.hasThumbnail() && t == tiles.tileCount() - 1;
      if (thumbnail || ink[t] >= INK_MIN || hasWord(tiles.region(t), ocr, choice)) {
        kept.add(t);
      }
    }
    if (kept.isEmpty()) {
      kept.add(0);
    }
    return kept.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean hasWord(TileRegion region, OcrPage ocr, TileChoice choice) {
    for (OcrWord w : ocr.words()) {
      double[] b = choice.inRegion(ocr.normalize(w.box()));
      if (region.overlaps(b[0], b[1], b[2], b[3])) {
        return true;
      }
    }
    return false;
  }
}
