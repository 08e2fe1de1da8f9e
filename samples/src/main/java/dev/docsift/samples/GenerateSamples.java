package dev.docsift.samples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line: writes a reproducible set of sample PDFs with their truth.
 *
 * <pre>
 * GenerateSamples --out DIR [--receipts N] [--invoices N] [--seed S] [--clean] [--dpi N]
 * </pre>
 *
 * <p>Writes {@code receipt-001.pdf} with {@code receipt-001.json}, then the invoices the same way.
 * Exit codes: 0 written, 1 a file could not be written, 2 usage error.
 */
public final class GenerateSamples {
  private static final String USAGE =
      "usage: GenerateSamples --out DIR [--receipts N] [--invoices N] [--seed S] [--clean]"
          + " [--dpi N]";

  private GenerateSamples() {}

  /**
   * Runs the command and exits with its code.
   *
   * @param args the options, see the class description
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command without exiting, for tests and other launchers.
   *
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path folder = null;
    int receipts = 3;
    int invoices = 2;
    long seed = 1;
    boolean clean = false;
    Integer dpi = null;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--out" -> folder = Path.of(value(args, ++i));
          case "--receipts" -> receipts = count(value(args, ++i));
          case "--invoices" -> invoices = count(value(args, ++i));
          case "--seed" -> seed = Long.parseLong(value(args, ++i));
          case "--clean" -> clean = true;
          case "--dpi" -> dpi = Integer.parseInt(value(args, ++i));
          case "--help", "-h" -> {
            out.println(USAGE);
            return 0;
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (folder == null) {
        throw new IllegalArgumentException("--out is required");
      }
      Degradation degradation = clean ? Degradation.CLEAN : Degradation.SCANNED;
      if (dpi != null) {
        degradation = degradation.atDpi(dpi);
      }
      List<Path> written = writeSet(folder, receipts, invoices, seed, degradation);
      out.println("wrote " + written.size() + " files to " + folder);
      return 0;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (IOException e) {
      err.println("could not write the samples: " + e.getMessage());
      return 1;
    }
  }

  /**
   * Writes a set: for each document a PDF and its truth, named {@code receipt-001.pdf}, {@code
   * receipt-001.json}, …, {@code invoice-001.pdf}, …. Document i of a type uses {@link
   * SampleGenerator#seedFor(long, DocumentType, int) seedFor(seed, type, i)}; only one page image
   * is held in memory at a time.
   *
   * @param folder where to write; created when missing
   * @param receipts how many receipts, 0 or more
   * @param invoices how many invoices, 0 or more
   * @param seed the set's seed
   * @param degradation how much the pages look like scans
   * @return the files written, PDFs and JSON alternating
   * @throws IllegalArgumentException when a count is negative
   * @throws IOException when a file cannot be written
   */
  public static List<Path> writeSet(
      Path folder, int receipts, int invoices, long seed, Degradation degradation)
      throws IOException {
    if (receipts < 0 || invoices < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    SampleGenerator generator = new SampleGenerator(degradation);
    List<Path> written = new ArrayList<>();
    for (DocumentType type : DocumentType.values()) {
      int n = type == DocumentType.RECEIPT ? receipts : invoices;
      int digits = Math.max(3, String.valueOf(n).length());
      for (int i = 0; i < n; i++) {
        Sample sample = generator.generate(type, SampleGenerator.seedFor(seed, type, i));
        String name = type.schemaId() + "-" + String.format("%0" + digits + "d", i + 1);
        Path pdf = folder.resolve(name + ".pdf");
        Path json = folder.resolve(name + ".json");
        SampleFiles.writePdf(sample, pdf);
        SampleFiles.writeTruth(sample, json);
        written.add(pdf);
        written.add(json);
      }
    }
    return written;
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static int count(String text) {
    int n = Integer.parseInt(text);
    if (n < 0) {
      throw new IllegalArgumentException("counts must not be negative: " + n);
    }
    return n;
  }
}
