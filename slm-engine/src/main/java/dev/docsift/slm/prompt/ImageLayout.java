package dev.docsift.slm.prompt;

/**
 * How a model family writes a page image into its prompt: InternVL frames a run of placeholders
 * ({@link ImageTokens}); Idefics3 writes one framed run per tile plus the global image ({@link
 * Idefics3ImageTokens}).
 */
public sealed interface ImageLayout permits ImageTokens, Idefics3ImageTokens {

  /** Returns the placeholder token whose rows the visual embeddings replace. */
  String context();
}
