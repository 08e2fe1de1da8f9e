package dev.docsift.slm.constrain;

/**
 * What frames need beyond themselves to take a byte.
 *
 * @param grounding the source text that groundable strings must come from; null when not grounded
 */
record StepContext(Grounding grounding) {
  static final StepContext UNGROUNDED = new StepContext(null);
}
