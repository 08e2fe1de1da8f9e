package dev.docsift.core.engine;

/** Progress an engine reports while it works on one document. Calls may come from any thread. */
public interface EngineEvents {
  /** Ignores everything. */
  EngineEvents NONE =
      new EngineEvents() {
        @Override
        public void tilesEncoded(int page, int tiles, int encoded) {}

        @Override
        public void tokensGenerated(int tokens, int maxTokens) {}
      };

  /**
   * A page's tiles went through the vision encoder.
   *
   * @param page the 1-based page
   * @param tiles the tiles the page was cut into, thumbnail included
   * @param encoded how many of them were encoded (the others were blank and pruned)
   */
  void tilesEncoded(int page, int tiles, int encoded);

  /**
   * The decoder wrote more of the document.
   *
   * @param tokens tokens written so far
   * @param maxTokens the most it may write
   */
  void tokensGenerated(int tokens, int maxTokens);
}
