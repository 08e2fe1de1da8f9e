package dev.docsift.samples;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.List;
import java.util.Set;

/**
 * The typefaces documents are set in. Each names a family commonly installed with a JDK on Linux
 * and the logical font to fall back to where it is missing, so a seed draws the same face
 * everywhere even when the glyphs differ.
 */
enum FontFace {
  DEJAVU_SANS("DejaVu Sans", Font.SANS_SERIF, false),
  LIBERATION_SANS("Liberation Sans", Font.SANS_SERIF, false),
  DEJAVU_SANS_CONDENSED("DejaVu Sans Condensed", Font.SANS_SERIF, false),
  DEJAVU_SERIF("DejaVu Serif", Font.SERIF, false),
  LIBERATION_SERIF("Liberation Serif", Font.SERIF, false),
  DEJAVU_MONO("DejaVu Sans Mono", Font.MONOSPACED, true),
  LIBERATION_MONO("Liberation Mono", Font.MONOSPACED, true);

  static final List<FontFace> PROPORTIONAL =
      List.of(DEJAVU_SANS, LIBERATION_SANS, DEJAVU_SANS_CONDENSED, DEJAVU_SERIF, LIBERATION_SERIF);
  static final List<FontFace> MONOSPACED = List.of(DEJAVU_MONO, LIBERATION_MONO);

  private static final class Installed {
    // Asking the graphics environment is slow the first time: do it once, when first needed.
    static final Set<String> FAMILIES =
        Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
  }

  private final String family;
  private final String fallback;
  final boolean monospaced;

  FontFace(String family, String fallback, boolean monospaced) {
    this.family = family;
    this.fallback = fallback;
    this.monospaced = monospaced;
  }

  /** This face at a size in points, plain or bold. */
  Font font(float points, boolean bold) {
    String name = Installed.FAMILIES.contains(family) ? family : fallback;
    return new Font(name, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont(points);
  }
}
