package dev.docsift.samples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Makes synthetic scanned receipts and invoices with their true JSON, deterministically from a
 * seed: the same type, seed and degradation give the same pixels and the same truth on the same JDK
 * and fonts.
 *
 * <p>The content and layout come from the seed alone; the degradation draws from a stream of its
 * own, so {@link #truth} is the same for every degradation and needs no drawing. Instances are
 * immutable and safe to share between threads.
 */
public final class SampleGenerator {
  private final Degradation degradation;

  /**
   * A generator that degrades pages as given.
   *
   * @param degradation how much pages look like scans, such as {@link Degradation#SCANNED}
   * @throws NullPointerException when degradation is null
   */
  public SampleGenerator(Degradation degradation) {
    this.degradation = Objects.requireNonNull(degradation, "degradation");
  }

  /** How this generator degrades pages. */
  public Degradation degradation() {
    return degradation;
  }

  /**
   * Generates one document.
   *
   * @param type a receipt or an invoice
   * @param seed decides everything: content, layout, fonts, formats, resolution and degradation
   * @return the page and its truth; the truth equals {@code truth(type, seed)}
   * @throws NullPointerException when type is null
   */
  public Sample generate(DocumentType type, long seed) {
    Draft draft = draft(type, seed);
    Rng scan = new Rng(scanSeed(seed));
    int dpi = scan.between(degradation.minDpi(), degradation.maxDpi());
    boolean tinted = degradation.tinted();
    int paper = tinted ? scan.between(236, 252) : 255;
    int ink = tinted ? scan.between(draft.thermal() ? 25 : 5, draft.thermal() ? 70 : 45) : 0;
    BufferedImage image = Renderer.render(draft.page(), dpi, paper, ink);
    // Squaring the draw makes small skews more common than large ones, as on a real scanner.
    double u = scan.between(-1.0, 1.0);
    double skew = degradation.maxSkewDegrees() * u * Math.abs(u);
    if (Math.abs(skew) > 0.05) {
      image = ScanEffects.rotate(image, skew, paper);
    }
    // Noise before blur: grain as fine as single pixels would mostly cost JPEG bytes.
    double noise = degradation.maxNoise() * scan.between(0.3, 1.0);
    if (noise > 0) {
      ScanEffects.noise(image, noise, scan);
    }
    double blur = degradation.maxBlur() * scan.between(0.3, 1.0);
    if (blur > 0) {
      ScanEffects.blur(image, blur);
    }
    if (degradation.jpegRoundTrip()) {
      int quality = scan.between(degradation.minJpegQuality(), degradation.maxJpegQuality());
      image = ScanEffects.jpegRoundTrip(image, quality);
    }
    return new Sample(id(type, seed), type, seed, image, dpi, degradation, draft.truth());
  }

  /**
   * The true JSON of a document without drawing it: cheap, for checking the truth in bulk.
   *
   * @param type a receipt or an invoice
   * @param seed the seed {@link #generate} would be given
   * @return JSON valid against the shipped schema {@code type.schemaId()}
   * @throws NullPointerException when type is null
   */
  public static ObjectNode truth(DocumentType type, long seed) {
    return draft(type, seed).truth();
  }

  /**
   * The seed of the index-th document of a type in a set made from one base seed, so that a set of
   * receipts and invoices is reproducible from a single number.
   *
   * @param baseSeed the set's seed
   * @param type the kind of document
   * @param index the document's position among those of its type, from 0
   * @return a well-mixed seed, different for every (type, index)
   */
  public static long seedFor(long baseSeed, DocumentType type, int index) {
    return mix(mix(baseSeed + 0x9E3779B97F4A7C15L * (type.ordinal() + 1)) + index);
  }

  private static Draft draft(DocumentType type, long seed) {
    Rng content = new Rng(seed);
    return switch (Objects.requireNonNull(type, "type")) {
      case RECEIPT -> ReceiptLayout.make(content);
      case INVOICE -> InvoiceLayout.make(content);
    };
  }

  private static String id(DocumentType type, long seed) {
    return type.schemaId() + "-" + HexFormat.of().toHexDigits(seed);
  }

  private static long scanSeed(long seed) {
    return mix(seed ^ 0x5CA11ED5CA11EDL);
  }

  /** SplitMix64's finaliser: spreads nearby seeds far apart. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
