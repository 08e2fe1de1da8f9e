package dev.docsift.core.slm;

import dev.docsift.core.model.BBox;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.PageTiles;
import dev.docsift.vision.PixelNormalization;
import dev.docsift.vision.TiledImage;
import dev.docsift.vision.Tiler;
import dev.docsift.vision.TilingPolicy;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * One page cut into the vision encoder's tiles, and which of them to encode.
 *
 * @param tiles the tiles, of the whole page or of the part {@link TileChoice} kept
 * @param keep the indices of the tiles to encode, ascending, never empty
 * @param pageTileCount how many tiles the whole page would have been cut into: what pruning saved
 *     is {@code pageTileCount - keep.length}
 * @param shown what the review shows of the page's tiles
 */
record TiledPage(TiledImage tiles, int[] keep, int pageTileCount, PageTiles shown) {

  /**
   * Tiles a page. With pruning, the paper around the words is left out when that saves tiles
   * ({@link TileChoice}), then the tiles with neither a word nor ink ({@link TilePruner}).
   *
   * @param image the upright page
   * @param ocr its words
   * @param policy the grid settings for a whole page
   * @param normalization the encoder's pixel statistics
   * @param prune whether to leave out what holds no word
   * @return the page's tiles
   */
  static TiledPage cut(
      BufferedImage image,
      OcrPage ocr,
      TilingPolicy policy,
      PixelNormalization normalization,
      boolean prune) {
    TileChoice choice =
        prune
            ? TileChoice.of(policy, image.getWidth(), image.getHeight(), ocr)
            : TileChoice.whole(policy);
    Tiler tiler = new Tiler(choice.policy(), normalization);
    TiledImage tiles = tiler.tile(choice.apply(image));
    int[] keep =
        prune
            ? TilePruner.keep(tiles, tiler.inkFractions(tiles, TilePruner.DARK_BELOW), ocr, choice)
            : IntStream.range(0, tiles.tileCount()).toArray();
    return new TiledPage(
        tiles,
        keep,
        policy.outputTiles(image.getWidth(), image.getHeight()),
        shown(ocr.number(), tiles, keep, choice.region()));
  }

  /**
   * What the review shows of a page's tiles: its grid and which of its tiles were encoded. With
   * multi-scale adaptive cropping that is the first grid (and the thumbnail): the second grid's
   * tiles, which come first, are left out of the picture though they were read, and a 1x1 first
   * grid shows as the thumbnail alone.
   */
  static PageTiles shown(int page, TiledImage tiles, int[] keep, BBox region) {
    int second = tiles.secondGridTiles();
    boolean thumbnail = tiles.secondGrid() == null ? tiles.hasThumbnail() : tiles.gridTiles() > 0;
    return new PageTiles(
        page,
        tiles.grid().cols(),
        tiles.grid().rows(),
        thumbnail,
        Arrays.stream(keep).filter(t -> t >= second).map(t -> t - second).boxed().toList(),
        region);
  }
}
