package dev.docsift.core.extract.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A logistic regression over standardised features: the learned scorer of candidates. Small enough
 * to read (one weight per named feature, which the training report prints), to ship as JSON and to
 * run in microseconds. Immutable and thread-safe.
 *
 * @param features the features' names, in the order {@link #score} takes them
 * @param mean each feature's mean in the training data
 * @param scale each feature's standard deviation in the training data (1 where it was 0)
 * @param weights one weight per standardised feature
 * @param bias the intercept
 */
public record LogisticModel(
    List<String> features, double[] mean, double[] scale, double[] weights, double bias)
    implements CandidateScorer {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Validates. */
  public LogisticModel {
    features = List.copyOf(features);
    int n = features.size();
    if (mean.length != n || scale.length != n || weights.length != n) {
      throw new IllegalArgumentException("a model needs one mean, scale and weight per feature");
    }
  }

  /**
   * The probability that a candidate is the right one.
   *
   * @param x its features, in {@link #features()} order
   * @return 0 to 1
   */
  @Override
  public double score(double[] x) {
    return sigmoid(margin(x));
  }

  double margin(double[] x) {
    double z = bias;
    for (int i = 0; i < weights.length; i++) {
      z += weights[i] * (x[i] - mean[i]) / scale[i];
    }
    return z;
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * Fits a model by gradient descent on the log loss with L2 regularisation.
   *
   * @param features the feature names
   * @param x one row per candidate
   * @param y 1 for right candidates, 0 for wrong ones
   * @param l2 the regularisation strength
   * @param epochs passes over the data
   * @return the model
   */
  public static LogisticModel fit(
      List<String> features, List<double[]> x, List<Integer> y, double l2, int epochs) {
    int n = features.size();
    double[] mean = new double[n];
    double[] scale = new double[n];
    for (double[] row : x) {
      for (int i = 0; i < n; i++) {
        mean[i] += row[i] / x.size();
      }
    }
    for (double[] row : x) {
      for (int i = 0; i < n; i++) {
        scale[i] += (row[i] - mean[i]) * (row[i] - mean[i]) / x.size();
      }
    }
    for (int i = 0; i < n; i++) {
      scale[i] = scale[i] < 1e-12 ? 1 : Math.sqrt(scale[i]);
    }
    double positives = y.stream().mapToInt(Integer::intValue).sum();
    // Right candidates are rare (one per document): weigh them up so both classes count alike.
    double positiveWeight = positives == 0 ? 1 : (x.size() - positives) / positives;
    double[] w = new double[n];
    double b = 0;
    double rate = 0.5;
    for (int epoch = 0; epoch < epochs; epoch++) {
      double[] grad = new double[n];
      double gb = 0;
      double total = 0;
      for (int k = 0; k < x.size(); k++) {
        double[] row = x.get(k);
        double z = b;
        for (int i = 0; i < n; i++) {
          z += w[i] * (row[i] - mean[i]) / scale[i];
        }
        double weight = y.get(k) == 1 ? positiveWeight : 1;
        double err = (sigmoid(z) - y.get(k)) * weight;
        for (int i = 0; i < n; i++) {
          grad[i] += err * (row[i] - mean[i]) / scale[i];
        }
        gb += err;
        total += weight;
      }
      for (int i = 0; i < n; i++) {
        w[i] -= rate * (grad[i] / total + l2 * w[i]);
      }
      b -= rate * gb / total;
    }
    return new LogisticModel(features, mean, scale, w, b);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("type", "logistic");
    ArrayNode names = root.putArray("features");
    features.forEach(names::add);
    put(root.putArray("mean"), mean);
    put(root.putArray("scale"), scale);
    put(root.putArray("weights"), weights);
    root.put("bias", bias);
    return root;
  }

  private static void put(ArrayNode array, double[] values) {
    for (double v : values) {
      array.add(Math.round(v * 1e6) / 1e6);
    }
  }

  /**
   * Reads a model from JSON.
   *
   * @param json as {@link #toJson()} writes it
   * @return the model
   */
  public static LogisticModel fromJson(JsonNode json) {
    List<String> names =
        JSON.convertValue(
            json.get("features"),
            JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    return new LogisticModel(
        names,
        JSON.convertValue(json.get("mean"), double[].class),
        JSON.convertValue(json.get("scale"), double[].class),
        JSON.convertValue(json.get("weights"), double[].class),
        json.get("bias").asDouble());
  }
}
