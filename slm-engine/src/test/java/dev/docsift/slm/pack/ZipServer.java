package dev.docsift.slm.pack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves one file on 127.0.0.1 with Range support; can drop the connection half-way through the
 * first {@code drops} responses, as a flaky network does.
 */
final class ZipServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  private final HttpServer server;
  private final byte[] body;
  private final AtomicInteger drops;

  /** The Range header of every request, or "" when there was none. */
  final List<String> ranges = new CopyOnWriteArrayList<>();

  ZipServer(byte[] body, int drops) throws IOException {
    this.body = body;
    this.drops = new AtomicInteger(drops);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The URL of the served file. */
  String url(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String range = exchange.getRequestHeaders().getFirst("Range");
    ranges.add(range == null ? "" : range);
    if (!exchange.getRequestURI().getPath().endsWith(".zip")) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    int from = 0;
    if (range != null) {
      Matcher m = RANGE.matcher(range);
      if (m.matches()) {
        from = Integer.parseInt(m.group(1));
      }
    }
    int length = body.length - from;
    if (from > 0) {
      exchange
          .getResponseHeaders()
          .set("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
      exchange.sendResponseHeaders(206, length);
    } else {
      exchange.sendResponseHeaders(200, length);
    }
    OutputStream out = exchange.getResponseBody();
    if (drops.getAndDecrement() > 0) {
      out.write(body, from, length / 2);
      out.flush();
      // Closing the exchange short of Content-Length makes the server drop the connection.
      try {
        exchange.close();
      } catch (RuntimeException e) {
        // Expected: too few bytes written.
      }
      return;
    }
    out.write(body, from, length);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
