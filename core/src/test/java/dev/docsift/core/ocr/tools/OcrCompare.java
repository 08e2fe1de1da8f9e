package dev.docsift.core.ocr.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.core.intake.DocumentOpener;
import dev.docsift.core.intake.IntakeOptions;
import dev.docsift.core.intake.PageSource;
import dev.docsift.core.model.PageImage;
import dev.docsift.core.ocr.OcrOptions;
import dev.docsift.core.ocr.OcrReader;
import dev.docsift.core.ocr.OcrReaders;
import dev.docsift.core.ocr.ReaderChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A measuring tool, not a test: reads every document of a set with one OCR reader and says how
 * often the true total, the date as printed and the company occur in the plain OCR text (case
 * aside; and also spaces aside), with the OCR time per page and the process's peak RSS.
 *
 * <p>{@code OcrCompare READER SET_DIR [LIMIT]}: SET_DIR holds {@code docs/}, {@code truth/} and
 * {@code truth-printed/}. One reader per process, so that the peak RSS is that reader's.
 */
public final class OcrCompare {
  private OcrCompare() {}

  public static void main(String[] args) throws Exception {
    ReaderChoice choice = ReaderChoice.parse(args[0]);
    Path set = Path.of(args[1]);
    int limit = args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
    ObjectMapper json = new ObjectMapper();
    List<Path> docs;
    try (Stream<Path> s = Files.list(set.resolve("docs"))) {
      docs = s.sorted().limit(limit).toList();
    }
    DocumentOpener opener = new DocumentOpener(IntakeOptions.defaults());
    int[] hits = new int[6];
    int[] asked = new int[3];
    long nanos = 0;
    int pages = 0;
    int failed = 0;
    List<String> misses = new ArrayList<>();
    try (OcrReader reader =
        OcrReaders.open(OcrOptions.defaults().withPoolSize(1).withReader(choice))) {
      for (Path doc : docs) {
        String id = doc.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        JsonNode truth = json.readTree(set.resolve("truth").resolve(id + ".json").toFile());
        Path printedFile = set.resolve("truth-printed").resolve(id + ".json");
        JsonNode printed = Files.exists(printedFile) ? json.readTree(printedFile.toFile()) : null;
        StringBuilder text = new StringBuilder();
        try (PageSource source = opener.open(opener.identify(doc))) {
          for (int p = 1; p <= source.pageCount(); p++) {
            PageImage page = source.page(p);
            long t0 = System.nanoTime();
            text.append(reader.read(page).ocr().text()).append('\n');
            nanos += System.nanoTime() - t0;
            pages++;
          }
        } catch (Exception e) {
          failed++;
          System.err.println(id + ": " + e.getMessage());
          continue;
        }
        String[] wanted = {
          value(truth, "total"),
          printed != null ? value(printed, "date") : null,
          value(truth, "company")
        };
        for (int k = 0; k < 3; k++) {
          if (wanted[k] == null) {
            continue;
          }
          asked[k]++;
          String t = text.toString().toLowerCase(Locale.ROOT);
          String w = wanted[k].toLowerCase(Locale.ROOT);
          boolean plain = t.contains(w);
          boolean squeezed = squeeze(t).contains(squeeze(w));
          hits[2 * k] += plain ? 1 : 0;
          hits[2 * k + 1] += squeezed ? 1 : 0;
          if (!squeezed && Boolean.getBoolean("misses")) {
            misses.add(id + " " + k + " " + wanted[k]);
          }
        }
      }
    }
    long rssKb = peakRssKb();
    String[] names = {"total", "date", "company"};
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%s %s docs=%d pages=%d failed=%d",
            choice.cliName(), set.getFileName(), docs.size(), pages, failed));
    for (int k = 0; k < 3; k++) {
      out.append(
          String.format(
              " %s=%.1f%%/%.1f%%",
              names[k],
              100.0 * hits[2 * k] / Math.max(1, asked[k]),
              100.0 * hits[2 * k + 1] / Math.max(1, asked[k])));
    }
    out.append(
        String.format(
            " ms/page=%.0f peakRSS=%dMB", nanos / 1e6 / Math.max(1, pages), rssKb / 1024));
    System.out.println(out);
    misses.forEach(m -> System.out.println("  miss " + m));
  }

  private static String value(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String squeeze(String s) {
    return s.replaceAll("\\s+", "");
  }

  private static long peakRssKb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }
}
