package dev.docsift.samples;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A generated set of scanned samples on disk, one image-only PDF per document with its truth.
 *
 * @param cases the documents, receipts first
 */
public record BenchSet(List<Case> cases) {
  /**
   * One generated document.
   *
   * @param pdf the scanned PDF
   * @param truth the true data
   * @param schemaId the shipped schema it follows
   */
  public record Case(Path pdf, JsonNode truth, String schemaId) {}

  /** Copies. */
  public BenchSet {
    cases = List.copyOf(cases);
  }

  /**
   * Generates a set, in parallel, deterministically from a seed.
   *
   * @param dir where to write the PDFs and truths
   * @param receipts how many receipts
   * @param invoices how many invoices
   * @param seed the set's seed
   * @return the set
   * @throws IOException when the folder cannot be written
   */
  public static BenchSet generate(Path dir, int receipts, int invoices, long seed)
      throws IOException {
    Files.createDirectories(dir);
    SampleGenerator generator = new SampleGenerator(Degradation.SCANNED);
    List<Case> cases = new ArrayList<>();
    for (DocumentType type : DocumentType.values()) {
      int count = type == DocumentType.RECEIPT ? receipts : invoices;
      try {
        cases.addAll(
            IntStream.range(0, count)
                .parallel()
                .mapToObj(i -> write(generator, dir, type, i, seed))
                .toList());
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
    return new BenchSet(cases);
  }

  private static Case write(
      SampleGenerator generator, Path dir, DocumentType type, int index, long seed) {
    Sample sample = generator.generate(type, SampleGenerator.seedFor(seed, type, index));
    String name = String.format("%s-%03d", type.schemaId(), index + 1);
    Path pdf = dir.resolve(name + ".pdf");
    try {
      SampleFiles.writePdf(sample, pdf);
      SampleFiles.writeTruth(sample, dir.resolve(name + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Case(pdf, sample.truth(), type.schemaId());
  }

  /** Every document. */
  public List<Case> all() {
    return cases;
  }

  /** The documents of one schema. */
  public List<Case> cases(String schemaId) {
    return cases.stream().filter(c -> c.schemaId().equals(schemaId)).toList();
  }

  /** The schemas present, in order. */
  public List<String> schemaIds() {
    return cases.stream().map(Case::schemaId).distinct().toList();
  }

  /** Pages in the set: one per generated document. */
  public int pages() {
    return cases.size();
  }
}
