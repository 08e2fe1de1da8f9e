package dev.docsift.slm.pack;

import static dev.docsift.slm.pack.ManifestReader.invalid;
import static dev.docsift.slm.pack.ManifestReader.positive;
import static dev.docsift.slm.pack.ManifestReader.string;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.slm.pack.PackManifest.Family;
import dev.docsift.slm.pack.PackManifest.ImageSpec;
import java.util.ArrayList;
import java.util.List;

/** Reads pack.json's {@code image} section, whose fields depend on the family. */
final class ImageSpecReader {
  private static final String P = "image.";

  private ImageSpecReader() {}

  static ImageSpec read(JsonNode node, Family family) throws PackException {
    int tileSize = positive(node, "tile_size", P);
    List<Double> mean = triple(node, "mean", false);
    List<Double> std = triple(node, "std", true);
    String resize = string(node, "resize", P);
    int tokensPerTile = positive(node, "tokens_per_tile", P);
    String start = string(node, "image_start", P);
    String context = string(node, "image_context", P);
    String end = string(node, "image_end", P);
    int minTiles;
    int maxTiles;
    boolean thumbnail;
    boolean msac = false;
    int longestEdge = 0;
    boolean splitting = false;
    String global = null;
    if (family == Family.IDEFICS3) {
      longestEdge = positive(node, "longest_edge", P);
      if (longestEdge < tileSize) {
        throw invalid("image.longest_edge (" + longestEdge + ") must not be below image.tile_size");
      }
      splitting = bool(node, "image_splitting");
      global = string(node, "global_image", P);
      // What the split yields at most: a page resized to longest_edge, stretched to whole tiles;
      // the global image plays the thumbnail's part.
      int side = (longestEdge + tileSize - 1) / tileSize;
      minTiles = 1;
      maxTiles = splitting ? side * side : 1;
      thumbnail = splitting;
    } else {
      minTiles = positive(node, "min_tiles", P);
      maxTiles = positive(node, "max_tiles", P);
      if (maxTiles < minTiles) {
        throw invalid(
            "image.max_tiles ("
                + maxTiles
                + ") must not be below image.min_tiles ("
                + minTiles
                + ")");
      }
      thumbnail = bool(node, "thumbnail");
      // Optional: H2OVL-Mississippi-2B's use_msac; packs written before it have none.
      JsonNode msacNode = node.get("msac");
      msac = msacNode != null && !msacNode.isNull() && bool(node, "msac");
      if (msac && (minTiles != 1 || !thumbnail)) {
        throw invalid("image.msac needs image.min_tiles 1 and image.thumbnail true");
      }
    }
    return new ImageSpec(
        tileSize,
        minTiles,
        maxTiles,
        thumbnail,
        msac,
        mean,
        std,
        resize,
        tokensPerTile,
        start,
        context,
        end,
        longestEdge,
        splitting,
        global);
  }

  private static boolean bool(JsonNode node, String field) throws PackException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw invalid(P + field + " is missing");
    }
    if (!value.isBoolean()) {
      throw invalid(P + field + " must be true or false, not " + value);
    }
    return value.booleanValue();
  }

  private static List<Double> triple(JsonNode node, String field, boolean positive)
      throws PackException {
    JsonNode array = node.get(field);
    if (array == null || array.isNull()) {
      throw invalid(P + field + " is missing");
    }
    if (!array.isArray() || array.size() != 3) {
      throw invalid(P + field + " must be an array of three numbers (R, G, B)");
    }
    List<Double> values = new ArrayList<>();
    for (JsonNode v : array) {
      if (!v.isNumber() || (positive && v.doubleValue() <= 0)) {
        throw invalid(
            P
                + field
                + " must hold three "
                + (positive ? "positive " : "")
                + "numbers, not "
                + array);
      }
      values.add(v.doubleValue());
    }
    return values;
  }
}
