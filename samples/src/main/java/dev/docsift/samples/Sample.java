package dev.docsift.samples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * One generated document: the scanned page and the JSON a perfect extractor would return for it.
 *
 * <p>The image and the JSON node are mutable objects handed over as they are; a caller that changes
 * them changes this sample.
 *
 * @param id a name for the sample, such as {@code receipt-5eed}
 * @param type the kind of document
 * @param seed the seed it was generated from: the same type, seed and degradation give the same
 *     pixels and truth
 * @param page the page as a greyscale image ({@link BufferedImage#TYPE_BYTE_GRAY})
 * @param dpi the resolution the page was drawn at, which gives its physical size
 * @param degradation how it was degraded, which also says how a PDF should embed it
 * @param truth the true JSON, valid against the shipped schema {@code type.schemaId()}, holding
 *     only what is printed on the page
 */
public record Sample(
    String id,
    DocumentType type,
    long seed,
    BufferedImage page,
    int dpi,
    Degradation degradation,
    ObjectNode truth) {

  /**
   * Checks that nothing is missing.
   *
   * @throws NullPointerException when a component is null
   * @throws IllegalArgumentException when dpi is not positive
   */
  public Sample {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(page, "page");
    Objects.requireNonNull(degradation, "degradation");
    Objects.requireNonNull(truth, "truth");
    if (dpi <= 0) {
      throw new IllegalArgumentException("dpi must be positive: " + dpi);
    }
  }

  /** The page's width in points (1/72 inch), as a PDF page holding it would be. */
  public float widthPoints() {
    return page.getWidth() * 72f / dpi;
  }

  /** The page's height in points (1/72 inch). */
  public float heightPoints() {
    return page.getHeight() * 72f / dpi;
  }
}
