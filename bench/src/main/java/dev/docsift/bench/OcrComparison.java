package dev.docsift.bench;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.model.PageImage;
import dev.docsift.core.ocr.OcrOptions;
import dev.docsift.core.ocr.TesseractReader;
import dev.docsift.samples.BenchSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * OCR alone, docsift against the {@code tesseract} command line, on the same PNG page images and
 * the same number of workers. Both sides pay for decoding each PNG and for loading the model once
 * per worker, so the ratio compares steady work, not start-up.
 */
final class OcrComparison {
  private final PrintWriter out;
  private final PrintWriter err;

  OcrComparison(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  void run(BenchSet set, Path pagesDir, List<Integer> threads) throws Exception {
    if (!cliAvailable()) {
      out.println("tesseract command line not found on PATH: OCR comparison skipped.");
      return;
    }
    List<Path> pngs = BenchCommand.renderPages(set, pagesDir);
    out.printf(
        "OCR alone on the same %d page images (PNG decode + recognition, page segmentation %d):%n",
        pngs.size(), TesseractReader.pageSegMode());
    out.printf(
        "%8s %14s %20s %14s %10s %12s%n",
        "threads", "docsift p/s", "docsift+osd+deskew", "tesseract p/s", "ratio", "ratio+fixes");
    for (int t : threads) {
      double cli = pngs.size() / timeCli(pngs, t, pagesDir);
      double raw = pngs.size() / timeDocsift(pngs, t, false);
      double full = pngs.size() / timeDocsift(pngs, t, true);
      out.printf(
          "%8d %14.2f %20.2f %14.2f %9.2fx %11.2fx%n", t, raw, full, cli, raw / cli, full / cli);
      out.flush();
    }
  }

  private static boolean cliAvailable() {
    try {
      Process p = new ProcessBuilder("tesseract", "--version").redirectErrorStream(true).start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Seconds for docsift to read every image with {@code workers} threads, start-up included. */
  private double timeDocsift(List<Path> pngs, int workers, boolean corrections) throws Exception {
    long start = System.nanoTime();
    OcrOptions defaults = OcrOptions.defaults();
    try (TesseractReader engine =
        TesseractReader.create(
            new OcrOptions(
                defaults.languages(),
                defaults.tessdataPath(),
                corrections,
                corrections,
                workers))) {
      ExecutorService pool = Executors.newFixedThreadPool(workers);
      try {
        AtomicInteger next = new AtomicInteger();
        List<Future<Void>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
          futures.add(
              pool.submit(
                  () -> {
                    for (int i = next.getAndIncrement();
                        i < pngs.size();
                        i = next.getAndIncrement()) {
                      engine.recognize(new PageImage(1, ImageIO.read(pngs.get(i).toFile()), 300));
                    }
                    return null;
                  }));
        }
        for (Future<Void> f : futures) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
    } catch (DocsiftException e) {
      err.println(e.userMessage());
      throw e;
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Seconds for {@code workers} tesseract processes, each reading a share of the images. */
  private double timeCli(List<Path> pngs, int workers, Path dir) throws Exception {
    List<Path> lists = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      List<String> share = new ArrayList<>();
      for (int i = w; i < pngs.size(); i += workers) {
        share.add(pngs.get(i).toAbsolutePath().toString());
      }
      lists.add(Files.write(dir.resolve("list-" + workers + "-" + w + ".txt"), share));
    }
    long start = System.nanoTime();
    List<Process> processes = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      ProcessBuilder pb =
          new ProcessBuilder(
                  "tesseract",
                  lists.get(w).toString(),
                  dir.resolve("cli-" + workers + "-" + w).toString(),
                  "--psm",
                  Integer.toString(TesseractReader.pageSegMode()),
                  "-l",
                  "eng")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("OMP_THREAD_LIMIT", "1");
      processes.add(pb.start());
    }
    for (Process p : processes) {
      if (p.waitFor() != 0) {
        throw new IOException("tesseract exited with " + p.exitValue());
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }
}
