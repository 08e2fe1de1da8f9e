package dev.docsift.core.slm;

import dev.docsift.core.model.BBox;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.vision.TileGrid;
import dev.docsift.vision.TilingPolicy;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * OCR-guided tile choice: the part of a page the vision encoder is shown, and the grid settings for
 * it. A page whose words fill only part of it (a receipt on a scanner bed, a phone photo with the
 * table around the paper) is cut down to its words plus a margin, on the fewest tiles that show
 * them at no lower resolution on either axis than the whole page's grids do (the finer of the two
 * with MSAC), when that is fewer tiles than the whole page takes. Otherwise the whole page is
 * tiled, exactly as the model's own preprocessing does. The grid for a crop is InternVL's choice
 * with that many tiles at most (its {@code max_num}).
 *
 * <p>Why so: cropping alone changes the aspect ratio, and InternVL's grid choice favours long
 * grids, so a narrow crop of a receipt on the usual settings can take more tiles than the page did
 * (measured on the development receipts: 150 pages of 1,845 would grow). And fewer tiles over a
 * crop could shrink the text; the model reads small print worse, and nothing here can measure by
 * how much. Kept to crops that take fewer tiles and do not shrink the text, the crop only leaves
 * out paper and background that hold no word.
 *
 * @param region the part of the page tiled, as fractions of the page
 * @param policy the grid settings for that part: never more tiles than the whole page gets
 */
public record TileChoice(BBox region, TilingPolicy policy) {
  /**
   * Confidence from which a word counts: lower ones on photos are often the table's grain or the
   * edge of the paper read as letters, and would stretch the crop over the background.
   */
  public static final double MIN_CONFIDENCE = 0.5;

  /** Margin around the words, as a share of the page's longer side: about 9 mm on an A4 page. */
  public static final double MARGIN = 0.03;

  /** Validates. */
  public TileChoice {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(policy, "policy");
  }

  /**
   * Chooses what to tile of a page.
   *
   * @param policy the grid settings for a whole page
   * @param width the page image's width in pixels
   * @param height its height
   * @param ocr the page's words, in any pixel frame of the same page
   * @return the crop and its settings, or the whole page on {@code policy}
   */
  public static TileChoice of(TilingPolicy policy, int width, int height, OcrPage ocr) {
    TileChoice whole = whole(policy);
    double x0 = 1;
    double y0 = 1;
    double x1 = 0;
    double y1 = 0;
    for (OcrWord w : ocr.words()) {
      if (w.confidence() >= MIN_CONFIDENCE && w.text().strip().length() >= 2) {
        BBox b = ocr.normalize(w.box());
        x0 = Math.min(x0, b.x0());
        y0 = Math.min(y0, b.y0());
        x1 = Math.max(x1, b.x1());
        y1 = Math.max(y1, b.y1());
      }
    }
    if (x1 <= x0 || y1 <= y0) {
      return whole; // no word to go by
    }
    double margin = MARGIN * Math.max(width, height);
    int left = (int) Math.max(0, Math.floor(x0 * width - margin));
    int top = (int) Math.max(0, Math.floor(y0 * height - margin));
    int right = (int) Math.min(width, Math.ceil(x1 * width + margin));
    int bottom = (int) Math.min(height, Math.ceil(y1 * height + margin));
    int cw = right - left;
    int ch = bottom - top;
    TileGrid pageGrid = policy.chooseGrid(width, height);
    int[] pageFinest = finest(policy, width, height);
    BBox region =
        new BBox(
            (double) left / width,
            (double) top / height,
            (double) right / width,
            (double) bottom / height);
    // The fewest tiles, chosen as InternVL chooses under that many at most, that show the crop at
    // no fewer grid pixels per page pixel than the page's finest grid, on either axis. Every cap is
    // tried: with MSAC's second grid the count need not grow with the cap.
    TileChoice best = whole;
    int bestTiles = policy.outputTiles(width, height);
    for (int most = 1; most <= pageGrid.tiles(); most++) {
      TilingPolicy capped = policy.atMost(most);
      int[] cropFinest = finest(capped, cw, ch);
      boolean sharp =
          (double) cropFinest[0] / cw >= (double) pageFinest[0] / width
              && (double) cropFinest[1] / ch >= (double) pageFinest[1] / height;
      int tiles = capped.outputTiles(cw, ch);
      if (sharp && tiles < bestTiles) {
        best = new TileChoice(region, capped);
        bestTiles = tiles;
      }
    }
    return best;
  }

  /**
   * The most columns and the most rows among the grids a page of this size is cut on: the grid, and
   * with MSAC its second grid.
   */
  private static int[] finest(TilingPolicy policy, int width, int height) {
    TileGrid grid = policy.chooseGrid(width, height);
    if (!policy.msac()) {
      return new int[] {grid.cols(), grid.rows()};
    }
    TileGrid second = policy.chooseSecondGrid(width, height, grid);
    return new int[] {Math.max(grid.cols(), second.cols()), Math.max(grid.rows(), second.rows())};
  }

  /**
   * The whole page, as the model's own preprocessing tiles it.
   *
   * @param policy the grid settings for a whole page
   * @return the choice
   */
  public static TileChoice whole(TilingPolicy policy) {
    return new TileChoice(BBox.WHOLE_PAGE, policy);
  }

  /** Whether only part of the page is tiled. */
  public boolean cropped() {
    return !region.equals(BBox.WHOLE_PAGE);
  }

  /**
   * The part of a page image to tile.
   *
   * @param page the page image this choice was made for (or one of the same proportions)
   * @return the page itself, or a view of its region sharing its pixels
   */
  public BufferedImage apply(BufferedImage page) {
    if (!cropped()) {
      return page;
    }
    int[] box = pixels(page.getWidth(), page.getHeight());
    return page.getSubimage(box[0], box[1], box[2] - box[0], box[3] - box[1]);
  }

  /**
   * How many tiles a page of this size is cut into on this choice, thumbnail included.
   *
   * @param width the page's width in pixels
   * @param height its height
   * @return the tile count
   */
  public int tiles(int width, int height) {
    int[] box = pixels(width, height);
    return policy.outputTiles(box[2] - box[0], box[3] - box[1]);
  }

  /** The region in a page of this size: {@code {left, top, right, bottom}}, never empty. */
  private int[] pixels(int w, int h) {
    int left = Math.min(w - 1, (int) Math.round(region.x0() * w));
    int top = Math.min(h - 1, (int) Math.round(region.y0() * h));
    int right = Math.min(w, Math.max(left + 1, (int) Math.round(region.x1() * w)));
    int bottom = Math.min(h, Math.max(top + 1, (int) Math.round(region.y1() * h)));
    return new int[] {left, top, right, bottom};
  }

  /**
   * A box of the page in the tiled region's fractions: outside {@code [0, 1]} where it lies beyond
   * the crop.
   *
   * @param box a box as fractions of the page
   * @return {@code {x0, y0, x1, y1}} as fractions of the region
   */
  double[] inRegion(BBox box) {
    double w = region.x1() - region.x0();
    double h = region.y1() - region.y0();
    return new double[] {
      (box.x0() - region.x0()) / w,
      (box.y0() - region.y0()) / h,
      (box.x1() - region.x0()) / w,
      (box.y1() - region.y0()) / h
    };
  }
}
