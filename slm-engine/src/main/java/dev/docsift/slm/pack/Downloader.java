package dev.docsift.slm.pack;

import dev.docsift.errors.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one file into a {@code .part} file, resuming with HTTP Range requests: after a dropped
 * connection (in this run, or a run that was killed) it asks only for the bytes it lacks. This is
 * the one place in docsift that touches the network.
 */
final class Downloader {
  private static final Pattern CONTENT_RANGE =
      Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)|bytes\\s+\\*/(\\d+)");

  private final Supplier<HttpClient> clients;
  private final int attempts;
  private final Duration pause;
  private HttpClient client;

  /**
   * A downloader.
   *
   * @param clients makes the HTTP client on the first download only, so that stores which never
   *     download (listing, opening packs) start no network machinery at all
   * @param attempts tries before giving up, each resuming the last
   * @param pause wait before the second attempt, growing linearly
   */
  Downloader(Supplier<HttpClient> clients, int attempts, Duration pause) {
    this.clients = clients;
    this.attempts = attempts;
    this.pause = pause;
  }

  /** A client that follows redirects (but never from https to http) and gives up connecting. */
  static HttpClient defaultClient() {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(30))
        .build();
  }

  /**
   * Downloads {@code uri} into {@code part}, continuing whatever {@code part} already holds.
   *
   * @throws PackException DOWNLOAD_FAILED after the last attempt, IO when the disk fails
   */
  void download(URI uri, Path part, ProgressListener listener) throws PackException {
    synchronized (this) {
      if (client == null) {
        client = clients.get();
      }
    }
    String lastProblem = "no attempt was made";
    long total = -1;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        sleep(pause.multipliedBy(attempt - 1));
      }
      long have = size(part);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
      if (have > 0) {
        request.header("Range", "bytes=" + have + "-");
      }
      HttpResponse<InputStream> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (IOException e) {
        lastProblem = describe(e);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PackException(
            ErrorCode.MODEL_DOWNLOAD_FAILED, "The download of " + uri + " was interrupted.");
      }
      try (InputStream body = response.body()) {
        int status = response.statusCode();
        boolean append;
        if (status == 206) {
          Matcher range = contentRange(response);
          if (range == null || range.group(1) == null || Long.parseLong(range.group(1)) != have) {
            // The server sent a range we did not ask for: start over rather than guess.
            truncate(part);
            lastProblem = "the server answered a resumed download with the wrong range";
            continue;
          }
          total = "*".equals(range.group(3)) ? -1 : Long.parseLong(range.group(3));
          append = true;
        } else if (status == 200) {
          // Either a fresh download or a server that ignores Range: both start from byte 0.
          total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
          append = false;
        } else if (status == 416 && have > 0) {
          Matcher range = contentRange(response);
          if (range != null && range.group(4) != null && Long.parseLong(range.group(4)) == have) {
            listener.progress(have, have);
            return;
          }
          truncate(part);
          lastProblem = "the partial download no longer matches the file on the server";
          continue;
        } else {
          throw new PackException(
              ErrorCode.MODEL_DOWNLOAD_FAILED,
              "The server answered HTTP " + status + " for " + uri + ".");
        }
        long done = copy(body, part, append, total, listener);
        if (total < 0 || done == total) {
          return;
        }
        lastProblem = "the connection closed after " + done + " of " + total + " bytes";
      } catch (IOException e) {
        // A dropped connection: what reached the .part file stays, the next attempt resumes.
        lastProblem = describe(e);
      }
    }
    long have = size(part);
    throw new PackException(
        ErrorCode.MODEL_DOWNLOAD_FAILED,
        "The download of "
            + uri
            + " failed after "
            + attempts
            + " attempts ("
            + lastProblem
            + "); "
            + (have > 0
                ? have
                    + (total > 0 ? " of " + total : "")
                    + " bytes are kept, run it again to resume."
                : "check the URL and the connection."));
  }

  private static long copy(
      InputStream body, Path part, boolean append, long total, ProgressListener listener)
      throws IOException {
    long done = append ? size(part) : 0;
    listener.progress(done, total);
    byte[] buffer = new byte[1 << 16];
    try (OutputStream out =
        Files.newOutputStream(
            part,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
      for (int n; (n = body.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
        done += n;
        listener.progress(done, total);
      }
    }
    return done;
  }

  private static Matcher contentRange(HttpResponse<?> response) {
    Optional<String> header = response.headers().firstValue("Content-Range");
    if (header.isEmpty()) {
      return null;
    }
    Matcher m = CONTENT_RANGE.matcher(header.get().trim());
    return m.matches() ? m : null;
  }

  private static long size(Path part) {
    try {
      return Files.isRegularFile(part) ? Files.size(part) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static void truncate(Path part) throws PackException {
    try {
      Files.deleteIfExists(part);
    } catch (IOException e) {
      throw new PackException(
          ErrorCode.MODEL_IO, "Cannot delete " + part + ": " + e.getMessage() + ".", e);
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static void sleep(Duration duration) throws PackException {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PackException(ErrorCode.MODEL_DOWNLOAD_FAILED, "The download was interrupted.");
    }
  }
}
