package dev.docsift.core.extract.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A learned scorer of candidates: the probability that a candidate, described by its features, is
 * the field's value. A {@link LogisticModel} or {@link BoostedTrees}, shipped as JSON whose {@code
 * type} says which.
 */
public sealed interface CandidateScorer permits LogisticModel, BoostedTrees {
  /** The features' names, in the order {@link #score} takes them. */
  List<String> features();

  /**
   * The probability that a candidate is the right one.
   *
   * @param x its features, in {@link #features()} order
   * @return 0 to 1
   */
  double score(double[] x);

  /** The model as JSON, with its {@code type}. */
  ObjectNode toJson();

  /**
   * Reads a model from JSON: {@code "type": "boosted-trees"}, else a logistic model.
   *
   * @param json as {@link #toJson()} writes it
   * @return the model
   */
  static CandidateScorer fromJson(JsonNode json) {
    return "boosted-trees".equals(json.path("type").asText())
        ? BoostedTrees.fromJson(json)
        : LogisticModel.fromJson(json);
  }

  /**
   * Loads a model shipped as a class-path resource.
   *
   * @param resource the resource's absolute name
   * @param expected the feature names the caller computes; a model for others is not used
   * @return the model, or empty when the resource is absent, unreadable or was trained on other
   *     features (the caller's hand-written rule then decides)
   */
  static Optional<CandidateScorer> resource(String resource, List<String> expected) {
    try (InputStream in = CandidateScorer.class.getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      CandidateScorer m = fromJson(new ObjectMapper().readTree(in));
      return m.features().equals(expected) ? Optional.of(m) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
