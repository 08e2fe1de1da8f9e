package dev.docsift.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.core.eval.EvalReport;
import java.io.PrintWriter;
import java.util.Locale;

/** {@code docsift eval}'s output: the table on the terminal and the same figures as JSON. */
final class EvalTable {
  private EvalTable() {}

  /**
   * Time spent per page and the process's peak memory, when documents were extracted.
   *
   * @param pages pages read
   * @param renderMs rendering and decoding, summed over documents
   * @param ocrMs OCR (or the PDF's text layer), summed
   * @param extractMs extraction, summed
   * @param peakRss the peak resident set in bytes, or -1 when unknown
   * @param cached whether OCR readings came from a cache (then its time is not OCR's)
   */
  record Speed(int pages, long renderMs, long ocrMs, long extractMs, long peakRss, boolean cached) {
    double perPage(long ms) {
      return pages == 0 ? 0 : (double) ms / pages;
    }
  }

  static void print(PrintWriter out, EvalReport report, int documents, int failed, Speed speed) {
    out.printf(
        Locale.ROOT,
        "%-28s %-8s %8s %6s %6s %7s %6s %8s%n",
        "field",
        "kind",
        "labelled",
        "found",
        "exact",
        "exact%",
        "ANLS",
        "in text");
    for (EvalReport.FieldScore f : report.fields()) {
      if (f.labelled() == 0) {
        continue;
      }
      out.printf(
          Locale.ROOT,
          "%-28s %-8s %8d %6d %6d %6.1f%% %6.3f %8s%n",
          f.path(),
          f.kind(),
          f.labelled(),
          f.found(),
          f.exact(),
          100 * f.accuracy(),
          f.similarity(),
          f.ceilingChecked() == 0
              ? "-"
              : String.format(Locale.ROOT, "%.1f%%", 100.0 * f.inText() / f.ceilingChecked()));
    }
    total(out, "document fields", report.total(false));
    if (report.total(true).labelled() > 0) {
      total(out, "line item fields", report.total(true));
      total(out, "all fields", report.total(null));
    }
    out.printf(Locale.ROOT, "documents: %d scored, %d failed%n", documents, failed);
    if (speed != null && speed.pages() > 0) {
      out.printf(
          Locale.ROOT,
          "per page (%d pages): render %.0f ms, OCR %.0f ms%s, extract %.1f ms; peak RSS %s%n",
          speed.pages(),
          speed.perPage(speed.renderMs()),
          speed.perPage(speed.ocrMs()),
          speed.cached() ? " (from the cache where it held the page)" : "",
          speed.perPage(speed.extractMs()),
          speed.peakRss() < 0 ? "unknown" : (speed.peakRss() >> 20) + " MB");
    }
    if (!report.misses().isEmpty()) {
      out.println();
      out.println("worst misses:");
      for (EvalReport.Miss m : report.misses()) {
        out.printf(
            Locale.ROOT,
            "  %s %s: expected \"%s\", found %s (%.2f)%n",
            m.document(),
            m.path(),
            m.expected(),
            m.found() == null ? "nothing" : "\"" + m.found() + "\"",
            m.similarity());
        if (m.context() != null) {
          out.printf("      text: %s%n", m.context());
        }
      }
    }
  }

  private static void total(PrintWriter out, String label, EvalReport.Total t) {
    out.printf(
        Locale.ROOT,
        "%-37s %8d %13d %6.1f%% %6.3f%n",
        label,
        t.labelled(),
        t.exact(),
        100 * t.accuracy(),
        t.similarity());
  }

  static ObjectNode json(EvalReport report, int documents, int failed, Speed speed) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode root = nodes.objectNode();
    root.put("documents", documents);
    root.put("failed", failed);
    if (speed != null && speed.pages() > 0) {
      ObjectNode s = root.putObject("ms_per_page");
      s.put("pages", speed.pages());
      s.put("render", Math.round(speed.perPage(speed.renderMs())));
      s.put("ocr", Math.round(speed.perPage(speed.ocrMs())));
      s.put("extract", Math.round(speed.perPage(speed.extractMs()) * 10) / 10.0);
      s.put("ocr_cached", speed.cached());
      if (speed.peakRss() >= 0) {
        root.put("peak_rss_mb", speed.peakRss() >> 20);
      }
    }
    ObjectNode totals = root.putObject("totals");
    totals.set("document_fields", total(report.total(false)));
    totals.set("line_item_fields", total(report.total(true)));
    totals.set("all_fields", total(report.total(null)));
    ArrayNode fields = root.putArray("fields");
    for (EvalReport.FieldScore f : report.fields()) {
      ObjectNode o = fields.addObject();
      o.put("path", f.path());
      o.put("kind", f.kind());
      o.put("line_item", f.item());
      o.put("labelled", f.labelled());
      o.put("found", f.found());
      o.put("exact", f.exact());
      o.put("accuracy", round(f.accuracy()));
      o.put("similarity", round(f.similarity()));
      if (f.ceilingChecked() > 0) {
        o.put("in_ocr_text", round((double) f.inText() / f.ceilingChecked()));
      }
    }
    ArrayNode docs = root.putArray("per_document");
    for (EvalReport.DocumentScore d : report.documents()) {
      ObjectNode o = docs.addObject();
      o.put("document", d.document());
      o.put("labelled", d.labelled());
      o.put("exact", d.exact());
      if (d.error() != null) {
        o.put("error", d.error());
      }
    }
    ArrayNode misses = root.putArray("misses");
    for (EvalReport.Miss m : report.misses()) {
      ObjectNode o = misses.addObject();
      o.put("document", m.document());
      o.put("path", m.path());
      o.put("expected", m.expected());
      o.put("found", m.found());
      o.put("similarity", round(m.similarity()));
      o.put("context", m.context());
    }
    return root;
  }

  private static ObjectNode total(EvalReport.Total t) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("labelled", t.labelled());
    o.put("exact", t.exact());
    o.put("accuracy", round(t.accuracy()));
    o.put("similarity", round(t.similarity()));
    return o;
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
