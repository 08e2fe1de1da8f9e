package dev.docsift.core.slm;

import dev.docsift.vision.TilingPolicy;
import java.util.List;

/**
 * How an InternVL pack's pages are tiled so that the visual tokens of every page fit the context:
 * the pack's own policy when they fit, fewer tiles per page on long documents (on one grid, without
 * multi-scale adaptive cropping, when the pack has it and its worst case does not fit), and no
 * image for the pages past the room.
 *
 * @param policy the tiling of the pages with an image, or null for none
 * @param pagesWithImages how many pages, from the first, get an image
 */
record TileBudget(TilingPolicy policy, int pagesWithImages) {

  /**
   * Chooses the tiling.
   *
   * @param full the pack's policy
   * @param room context tokens left for the images
   * @param perTile visual tokens a tile costs
   * @param pages the document's pages
   * @param warnings where a reduced tiling is said
   */
  static TileBudget of(TilingPolicy full, int room, int perTile, int pages, List<String> warnings) {
    int tilesPerPage = Math.max(0, room / perTile / pages);
    if (tilesPerPage >= full.maxOutputTiles()) {
      return new TileBudget(full, pages);
    }
    if (tilesPerPage >= 1) {
      // A reduced tiling is a single grid: multi-scale adaptive cropping (MSAC) is dropped.
      // With a thumbnail a grid of n > 1 tiles costs n + 1; a single tile has no thumbnail.
      int grid =
          Math.min(
              full.maxTiles(),
              full.thumbnail() ? (tilesPerPage >= 3 ? tilesPerPage - 1 : 1) : tilesPerPage);
      TilingPolicy policy =
          new TilingPolicy(
              full.tileSize(), Math.min(full.minTiles(), grid), grid, full.thumbnail());
      warnings.add(
          "Pages were read with at most "
              + policy.maxOutputTiles()
              + " tiles each (not "
              + full.maxOutputTiles()
              + ") to fit the model's context.");
      return new TileBudget(policy, pages);
    }
    int fit = Math.max(0, room / perTile);
    warnings.add(
        fit == 0
            ? "The model's context has no room for page images; it read the OCR text only."
            : "Only the first "
                + fit
                + " of "
                + pages
                + " pages were shown to the model (one tile each); it read the OCR text of"
                + " the rest.");
    return new TileBudget(fit == 0 ? null : new TilingPolicy(full.tileSize(), 1, 1, false), fit);
  }
}
