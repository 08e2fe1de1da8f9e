package dev.docsift.core.extract.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gradient-boosted regression trees on the log loss: a scorer of candidates that, unlike a logistic
 * model, weighs features together ("a total's label and the largest amount"). Small (shallow trees,
 * a few hundred nodes), shipped as JSON, run in microseconds. Immutable and thread-safe.
 *
 * @param features the features' names, in the order {@link #score} takes them
 * @param base the log-odds every tree adds to
 * @param trees the trees, each adding its leaf's value times the learning rate already applied
 */
public record BoostedTrees(List<String> features, double base, List<Tree> trees)
    implements CandidateScorer {

  /** Validates and copies. */
  public BoostedTrees {
    features = List.copyOf(features);
    trees = List.copyOf(trees);
  }

  /**
   * One regression tree in arrays: node {@code i} splits on {@code feature[i] <= threshold[i]}
   * (left) or not (right); a leaf has feature -1 and its value.
   *
   * @param feature the feature each node splits on, -1 for a leaf
   * @param threshold the split value
   * @param left the node taken when the feature is at most the threshold
   * @param right the other node
   * @param value a leaf's value
   */
  public record Tree(int[] feature, double[] threshold, int[] left, int[] right, double[] value) {
    double eval(double[] x) {
      int i = 0;
      while (feature[i] >= 0) {
        i = x[feature[i]] <= threshold[i] ? left[i] : right[i];
      }
      return value[i];
    }
  }

  @Override
  public double score(double[] x) {
    double z = base;
    for (Tree t : trees) {
      z += t.eval(x);
    }
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * Fits trees one after another, each to the gradient of the log loss left by those before it
   * (Newton steps in the leaves), right candidates weighed up so both classes count alike.
   *
   * @param features the feature names
   * @param x one row per candidate
   * @param y 1 for right candidates, 0 for wrong ones
   * @param rounds how many trees
   * @param depth how deep each tree
   * @param rate the learning rate each tree's values are scaled by
   * @param minLeaf the least weight of candidates a leaf holds
   * @return the model
   */
  public static BoostedTrees fit(
      List<String> features,
      List<double[]> x,
      List<Integer> y,
      int rounds,
      int depth,
      double rate,
      double minLeaf) {
    int n = x.size();
    double positives = y.stream().mapToInt(Integer::intValue).sum();
    double positiveWeight = positives == 0 ? 1 : (n - positives) / positives;
    double[] w = new double[n];
    double wp = 0;
    double wt = 0;
    for (int k = 0; k < n; k++) {
      w[k] = y.get(k) == 1 ? positiveWeight : 1;
      wt += w[k];
      wp += y.get(k) == 1 ? w[k] : 0;
    }
    double base = wp <= 0 || wp >= wt ? 0 : Math.log(wp / (wt - wp));
    double[] z = new double[n];
    Arrays.fill(z, base);
    // Each feature's candidates in ascending order, sorted once for every split search.
    int[][] sorted = new int[features.size()][];
    for (int f = 0; f < features.size(); f++) {
      int ff = f;
      sorted[f] =
          java.util.stream.IntStream.range(0, n)
              .boxed()
              .sorted((a, b) -> Double.compare(x.get(a)[ff], x.get(b)[ff]))
              .mapToInt(Integer::intValue)
              .toArray();
    }
    List<Tree> trees = new ArrayList<>();
    double[] g = new double[n];
    double[] h = new double[n];
    for (int round = 0; round < rounds; round++) {
      for (int k = 0; k < n; k++) {
        double p = 1 / (1 + Math.exp(-z[k]));
        g[k] = w[k] * (p - y.get(k));
        h[k] = w[k] * Math.max(p * (1 - p), 1e-6);
      }
      TreeBuilder b = new TreeBuilder(x, sorted, g, h, depth, minLeaf, rate);
      Tree t = b.build();
      trees.add(t);
      for (int k = 0; k < n; k++) {
        z[k] += t.eval(x.get(k));
      }
    }
    return new BoostedTrees(features, base, trees);
  }

  /** Grows one tree greedily, level by level, on gradient and hessian sums. */
  private static final class TreeBuilder {
    private static final double LAMBDA = 1.0;
    private final List<double[]> x;
    private final int[][] sorted;
    private final double[] g;
    private final double[] h;
    private final int depth;
    private final double minLeaf;
    private final double rate;
    private final List<Integer> feature = new ArrayList<>();
    private final List<Double> threshold = new ArrayList<>();
    private final List<Integer> left = new ArrayList<>();
    private final List<Integer> right = new ArrayList<>();
    private final List<Double> value = new ArrayList<>();

    TreeBuilder(
        List<double[]> x,
        int[][] sorted,
        double[] g,
        double[] h,
        int depth,
        double minLeaf,
        double rate) {
      this.x = x;
      this.sorted = sorted;
      this.g = g;
      this.h = h;
      this.depth = depth;
      this.minLeaf = minLeaf;
      this.rate = rate;
    }

    Tree build() {
      int[] node = new int[x.size()];
      grow(node, 0, 0);
      int m = feature.size();
      int[] f = new int[m];
      double[] t = new double[m];
      int[] l = new int[m];
      int[] r = new int[m];
      double[] v = new double[m];
      for (int i = 0; i < m; i++) {
        f[i] = feature.get(i);
        t[i] = threshold.get(i);
        l[i] = left.get(i);
        r[i] = right.get(i);
        v[i] = value.get(i);
      }
      return new Tree(f, t, l, r, v);
    }

    /** Grows node {@code id} from the candidates whose {@code node[k] == id}; returns its index. */
    private int grow(int[] node, int id, int level) {
      int index = feature.size();
      feature.add(-1);
      threshold.add(0.0);
      left.add(-1);
      right.add(-1);
      double gs = 0;
      double hs = 0;
      for (int k = 0; k < node.length; k++) {
        if (node[k] == id) {
          gs += g[k];
          hs += h[k];
        }
      }
      value.add(-rate * gs / (hs + LAMBDA));
      if (level >= depth) {
        return index;
      }
      double parent = gs * gs / (hs + LAMBDA);
      double bestGain = 1e-9;
      int bestF = -1;
      double bestT = 0;
      for (int f = 0; f < sorted.length; f++) {
        double gl = 0;
        double hl = 0;
        int[] order = sorted[f];
        for (int j = 0; j < order.length; j++) {
          int k = order[j];
          if (node[k] != id) {
            continue;
          }
          gl += g[k];
          hl += h[k];
          int next = nextIn(order, j + 1, node, id);
          if (next < 0) {
            break;
          }
          double xv = x.get(k)[f];
          double xn = x.get(next)[f];
          if (xv == xn || hl < minLeaf || hs - hl < minLeaf) {
            continue;
          }
          double gr = gs - gl;
          double hr = hs - hl;
          double gain = gl * gl / (hl + LAMBDA) + gr * gr / (hr + LAMBDA) - parent;
          if (gain > bestGain) {
            bestGain = gain;
            bestF = f;
            bestT = (xv + xn) / 2;
          }
        }
      }
      if (bestF < 0) {
        return index;
      }
      int leftId = 2 * id + 1;
      int rightId = 2 * id + 2;
      for (int k = 0; k < node.length; k++) {
        if (node[k] == id) {
          node[k] = x.get(k)[bestF] <= bestT ? leftId : rightId;
        }
      }
      feature.set(index, bestF);
      threshold.set(index, bestT);
      left.set(index, grow(node, leftId, level + 1));
      right.set(index, grow(node, rightId, level + 1));
      return index;
    }

    private static int nextIn(int[] order, int from, int[] node, int id) {
      for (int j = from; j < order.length; j++) {
        if (node[order[j]] == id) {
          return order[j];
        }
      }
      return -1;
    }
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("type", "boosted-trees");
    ArrayNode names = root.putArray("features");
    features.forEach(names::add);
    root.put("base", base);
    ArrayNode ts = root.putArray("trees");
    for (Tree t : trees) {
      ObjectNode o = ts.addObject();
      ArrayNode f = o.putArray("feature");
      ArrayNode th = o.putArray("threshold");
      ArrayNode l = o.putArray("left");
      ArrayNode r = o.putArray("right");
      ArrayNode v = o.putArray("value");
      for (int i = 0; i < t.feature().length; i++) {
        f.add(t.feature()[i]);
        th.add(t.threshold()[i]);
        l.add(t.left()[i]);
        r.add(t.right()[i]);
        v.add(Math.round(t.value()[i] * 1e6) / 1e6);
      }
    }
    return root;
  }

  /**
   * Reads a model from JSON.
   *
   * @param json as {@link #toJson()} writes it
   * @return the model
   */
  public static BoostedTrees fromJson(JsonNode json) {
    List<String> names = new ArrayList<>();
    json.get("features").forEach(n -> names.add(n.asText()));
    List<Tree> trees = new ArrayList<>();
    for (JsonNode t : json.get("trees")) {
      int m = t.get("feature").size();
      int[] f = new int[m];
      double[] th = new double[m];
      int[] l = new int[m];
      int[] r = new int[m];
      double[] v = new double[m];
      for (int i = 0; i < m; i++) {
        f[i] = t.get("feature").get(i).asInt();
        th[i] = t.get("threshold").get(i).asDouble();
        l[i] = t.get("left").get(i).asInt();
        r[i] = t.get("right").get(i).asInt();
        v[i] = t.get("value").get(i).asDouble();
      }
      trees.add(new Tree(f, th, l, r, v));
    }
    return new BoostedTrees(names, json.get("base").asDouble(), trees);
  }
}
