package dev.docsift.slm.prompt;

import java.util.Objects;

/**
 * The strings that frame an image in a prompt: {@code start}, then {@code context} once per visual
 * token, then {@code end} (InternVL: {@code <img>}, {@code <IMG_CONTEXT>}, {@code </img>}).
 *
 * @param start the token that opens an image
 * @param context the placeholder token repeated for every visual token
 * @param end the token that closes an image
 */
public record ImageTokens(String start, String context, String end) implements ImageLayout {
  /** Validates. */
  public ImageTokens {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(end, "end");
  }
}
