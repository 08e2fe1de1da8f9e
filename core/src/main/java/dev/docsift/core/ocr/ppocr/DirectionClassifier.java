package dev.docsift.core.ocr.ppocr;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.docsift.slm.decoder.OrtRuntime;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PaddleOCR's text direction classifier (mobile v2.0): is a line upright or upside down? Input as
 * PaddleOCR's {@code TextClassifier} prepares it: 48 x 192, width by aspect ratio, values to [-1,
 * 1], padded with 0; labels 0 and 180; a line is turned when 180 scores above 0.9.
 */
final class DirectionClassifier {
  static final int HEIGHT = 48;
  static final int WIDTH = 192;
  static final int BATCH = 6;
  static final double THRESH = 0.9;

  /**
   * The crops, each turned half round where the classifier is sure it is upside down.
   *
   * @param crops the crops in the order given
   * @param turned how many were turned
   */
  record Oriented(List<Crop> crops, int turned) {}

  private final OrtSession session;

  DirectionClassifier(OrtSession session) {
    this.session = session;
  }

  /**
   * Classifies lines and turns the upside-down ones.
   *
   * @param crops the lines
   * @return the lines upright, in the same order
   * @throws OrtException when the model fails
   */
  Oriented orient(List<Crop> crops) throws OrtException {
    List<Crop> out = new ArrayList<>(crops);
    int turned = 0;
    OrtEnvironment env = OrtRuntime.environment();
    for (int b = 0; b < crops.size(); b += BATCH) {
      int n = Math.min(BATCH, crops.size() - b);
      // (n, 3, 48, 192): each line's grey in all three channels, padded with 0 on the right.
      float[] input = new float[n * 3 * HEIGHT * WIDTH];
      int plane = HEIGHT * WIDTH;
      for (int k = 0; k < n; k++) {
        Crop crop = crops.get(b + k);
        int w =
            Math.max(
                1,
                Math.min(WIDTH, (int) Math.ceil(HEIGHT * (double) crop.width() / crop.height())));
        float[] pixels = Resize.bilinear(crop.image(), w, HEIGHT);
        for (int c = 0; c < 3; c++) {
          int base = (k * 3 + c) * plane;
          for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < w; x++) {
              input[base + y * WIDTH + x] = pixels[y * w + x] / 127.5f - 1f;
            }
          }
        }
      }
      try (OnnxTensor tensor =
              OnnxTensor.createTensor(
                  env, FloatBuffer.wrap(input), new long[] {n, 3, HEIGHT, WIDTH});
          OrtSession.Result result = session.run(Map.of("x", tensor))) {
        // (n, 2): softmax over the labels 0 and 180.
        FloatBuffer probs = ((OnnxTensor) result.get(0)).getFloatBuffer();
        for (int k = 0; k < n; k++) {
          float upright = probs.get(2 * k);
          float upsideDown = probs.get(2 * k + 1);
          if (upsideDown > upright && upsideDown > THRESH) {
            out.set(b + k, crops.get(b + k).halfTurn());
            turned++;
          }
        }
      }
    }
    return new Oriented(out, turned);
  }
}
