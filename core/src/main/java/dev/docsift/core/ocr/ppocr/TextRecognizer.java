package dev.docsift.core.ocr.ppocr;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.docsift.slm.decoder.OrtRuntime;
import java.nio.FloatBuffer;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * PP-OCRv4's line recogniser (SVTR-LCNet, CTC) with PaddleOCR's pre- and post-processing: {@code
 * resize_norm_img} (height 48, width by aspect ratio, at least 320 wide per batch, values to [-1,
 * 1], the rest of the batch's width padded with 0), lines batched by aspect ratio, then {@code
 * CTCLabelDecode} (greedy, blank index 0, repeats collapsed, the dictionary then a space class).
 */
final class TextRecognizer {
  static final int HEIGHT = 48;
  static final int MIN_WIDTH = 320;
  static final int BATCH = 6;

  /**
   * One recognised character.
   *
   * @param text the character, NFKC-normalised (full-width punctuation to ASCII); " " for a space
   * @param first the first time step of its run
   * @param last the last time step of its run
   * @param prob its probability at the first step of the run, as PaddleOCR scores it
   */
  record Glyph(String text, int first, int last, float prob) {
    boolean isSpace() {
      return text.isBlank();
    }
  }

  /**
   * A line's reading.
   *
   * @param glyphs the characters, spaces included
   * @param steps the output's time steps
   * @param pixelsPerStep the input's width divided by the time steps
   * @param scale the crop's width divided by its resized width (input pixels to crop pixels)
   */
  record Line(List<Glyph> glyphs, int steps, double pixelsPerStep, double scale) {
    /** The text, as PaddleOCR joins it. */
    String text() {
      StringBuilder sb = new StringBuilder();
      glyphs.forEach(g -> sb.append(g.text()));
      return sb.toString();
    }

    /** The mean probability of the characters, PaddleOCR's line score; 0 for nothing read. */
    double score() {
      return glyphs.stream().mapToDouble(Glyph::prob).average().orElse(0);
    }

    /** The centre of a character in crop pixels. */
    double centre(Glyph g) {
      return (g.first() + g.last() + 1) / 2.0 * pixelsPerStep * scale;
    }
  }

  private final OrtSession session;
  private final String[] charset;

  /**
   * @param session the recogniser
   * @param dictionary the dictionary's characters in order; the blank goes before, a space after
   */
  TextRecognizer(OrtSession session, List<String> dictionary) {
    this.session = session;
    this.charset = charset(dictionary);
  }

  static String[] charset(List<String> dictionary) {
    String[] out = new String[dictionary.size() + 2];
    out[0] = "";
    for (int i = 0; i < dictionary.size(); i++) {
      out[i + 1] = Normalizer.normalize(dictionary.get(i), Normalizer.Form.NFKC);
    }
    out[out.length - 1] = " ";
    return out;
  }

  /**
   * Reads lines.
   *
   * @param crops the straightened, upright lines
   * @return a reading per crop, in the crops' order
   * @throws OrtException when the model fails
   */
  List<Line> recognize(List<Crop> crops) throws OrtException {
    Line[] out = new Line[crops.size()];
    Integer[] order = new Integer[crops.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // PaddleOCR sorts by aspect ratio so that each batch pads little.
    Arrays.sort(order, Comparator.comparingDouble(i -> ratio(crops.get(i))));
    for (int b = 0; b < order.length; b += BATCH) {
      int n = Math.min(BATCH, order.length - b);
      double maxRatio = (double) MIN_WIDTH / HEIGHT;
      for (int k = 0; k < n; k++) {
        maxRatio = Math.max(maxRatio, ratio(crops.get(order[b + k])));
      }
      int width = (int) (HEIGHT * maxRatio);
      // (n, 3, 48, width): each line, the grey in all three channels, padded with 0 on the right.
      float[] input = new float[n * 3 * HEIGHT * width];
      int[] resized = new int[n];
      for (int k = 0; k < n; k++) {
        Crop crop = crops.get(order[b + k]);
        resized[k] = resizedWidth(crop, width);
        float[] pixels = Resize.bilinear(crop.image(), resized[k], HEIGHT);
        int plane = HEIGHT * width;
        for (int c = 0; c < 3; c++) {
          int base = (k * 3 + c) * plane;
          for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < resized[k]; x++) {
              input[base + y * width + x] = pixels[y * resized[k] + x] / 127.5f - 1f;
            }
          }
        }
      }
      OrtEnvironment env = OrtRuntime.environment();
      try (OnnxTensor tensor =
              OnnxTensor.createTensor(
                  env, FloatBuffer.wrap(input), new long[] {n, 3, HEIGHT, width});
          OrtSession.Result result = session.run(Map.of("x", tensor))) {
        // (n, steps, classes): softmax over the blank, the dictionary and the space.
        OnnxTensor probs = (OnnxTensor) result.get(0);
        long[] shape = probs.getInfo().getShape();
        int steps = (int) shape[1];
        int classes = (int) shape[2];
        if (classes != charset.length) {
          throw new IllegalStateException(
              "the recogniser has " + classes + " classes, the dictionary " + charset.length);
        }
        FloatBuffer buffer = probs.getFloatBuffer();
        float[] all = new float[buffer.remaining()];
        buffer.get(all);
        for (int k = 0; k < n; k++) {
          Crop crop = crops.get(order[b + k]);
          List<Glyph> glyphs = decode(all, k * steps * classes, steps, classes, charset);
          out[order[b + k]] =
              new Line(glyphs, steps, (double) width / steps, (double) crop.width() / resized[k]);
        }
      }
    }
    return List.of(out);
  }

  private static double ratio(Crop crop) {
    return (double) crop.width() / crop.height();
  }

  /** {@code resize_norm_img}: the width at height 48 keeping the aspect ratio, at most the max. */
  static int resizedWidth(Crop crop, int maxWidth) {
    int w = (int) Math.ceil(HEIGHT * ratio(crop));
    return Math.max(1, Math.min(maxWidth, w));
  }

  /**
   * {@code CTCLabelDecode} of one line: the most likely class at each step, runs of one class
   * collapsed to one character, blanks dropped.
   *
   * @param probs the batch's probabilities
   * @param offset where this line's {@code (steps, classes)} start
   * @param steps time steps
   * @param classes classes per step
   * @param charset the text of each class, the blank's empty
   * @return the characters
   */
  static List<Glyph> decode(float[] probs, int offset, int steps, int classes, String[] charset) {
    List<Glyph> out = new ArrayList<>();
    int previous = -1;
    int runStart = 0;
    float runProb = 0;
    for (int t = 0; t <= steps; t++) {
      int best = 0;
      float bestProb = 0;
      if (t < steps) {
        int row = offset + t * classes;
        bestProb = probs[row];
        for (int c = 1; c < classes; c++) {
          if (probs[row + c] > bestProb) {
            bestProb = probs[row + c];
            best = c;
          }
        }
      }
      if (t == steps || best != previous) {
        if (previous > 0) {
          out.add(new Glyph(charset[previous], runStart, t - 1, runProb));
        }
        previous = t < steps ? best : -1;
        runStart = t;
        runProb = bestProb;
      }
    }
    return out;
  }
}
