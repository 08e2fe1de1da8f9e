package dev.docsift.core.engine;

import dev.docsift.core.extract.Extraction;
import dev.docsift.core.model.PageTiles;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an engine made of a document.
 *
 * @param extraction the data, provenance and warnings; {@code data} validates against the schema
 * @param stageMillis milliseconds per stage of the engine's own ({@code tiling}, {@code encode},
 *     {@code prefill}, {@code decode}, …), in the order they ran; empty for engines with one stage
 * @param counts sizes of the engine's work ({@code tiles}, {@code tiles_encoded}, {@code
 *     prompt_tokens}, {@code generated_tokens}), in order; empty for engines without
 * @param tiles the tiles of each page the engine showed a vision encoder, in page order; empty for
 *     engines that read no page images
 */
public record EngineOutput(
    Extraction extraction,
    Map<String, Long> stageMillis,
    Map<String, Long> counts,
    List<PageTiles> tiles) {
  /** Validates and copies, keeping the order. */
  public EngineOutput {
    Objects.requireNonNull(extraction, "extraction");
    stageMillis = Collections.unmodifiableMap(new LinkedHashMap<>(stageMillis));
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    tiles = List.copyOf(tiles);
  }

  /**
   * An output without page tiles.
   *
   * @param extraction the data
   * @param stageMillis milliseconds per stage
   * @param counts sizes of the engine's work
   */
  public EngineOutput(
      Extraction extraction, Map<String, Long> stageMillis, Map<String, Long> counts) {
    this(extraction, stageMillis, counts, List.of());
  }

  /**
   * An output with stages and no counts.
   *
   * @param extraction the data
   * @param stageMillis milliseconds per stage
   */
  public EngineOutput(Extraction extraction, Map<String, Long> stageMillis) {
    this(extraction, stageMillis, Map.of(), List.of());
  }
}
