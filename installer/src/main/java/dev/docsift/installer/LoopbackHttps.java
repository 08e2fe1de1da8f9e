package dev.docsift.installer;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An https server on the loopback address that serves one model pack as a .zip, with a fresh
 * self-signed elliptic-curve certificate: {@code docsift models install https://...} then goes
 * through the bundled runtime's TLS (java.net.http, EC keys) as a real download would.
 */
final class LoopbackHttps implements AutoCloseable {
  static final String PASSWORD = "docsift-smoke-test";

  private final HttpsServer server;
  private final Path trustStore;

  private LoopbackHttps(HttpsServer server, Path trustStore) {
    this.server = server;
    this.trustStore = trustStore;
  }

  /**
   * Starts serving a pack folder as {@code /NAME.zip}.
   *
   * @param pack the pack folder
   * @param dir where the certificate's key store and trust store go
   * @return the running server
   * @throws IOException when the certificate cannot be made or the server started
   * @throws InterruptedException when interrupted while keytool runs
   */
  static LoopbackHttps serve(Path pack, Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path keys = dir.resolve("server.p12");
    Path cert = dir.resolve("server.crt");
    Path trust = dir.resolve("trust.p12");
    String keytool = Tools.jdk("keytool").orElseThrow().toString();
    Map<String, String> env = System.getenv();
    for (List<String> command :
        List.of(
            List.of(
                keytool,
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "san=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keys.toString(),
                "-storepass",
                PASSWORD),
            List.of(
                keytool,
                "-exportcert",
                "-alias",
                "server",
                "-keystore",
                keys.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                cert.toString()),
            List.of(
                keytool,
                "-importcert",
                "-noprompt",
                "-alias",
                "server",
                "-file",
                cert.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                trust.toString(),
                "-storepass",
                PASSWORD))) {
      Tools.Result r = Tools.capture(command, dir, env, 60);
      if (r.exitCode() != 0) {
        throw new IllegalStateException("keytool failed: " + r.out() + r.err());
      }
    }
    byte[] zip = zip(pack);
    String name = pack.getFileName().toString();
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keys)) {
        ks.load(in, PASSWORD.toCharArray());
      }
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, PASSWORD.toCharArray());
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(kmf.getKeyManagers(), null, null);
      HttpsServer server =
          HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(tls));
      server.createContext(
          "/" + name + ".zip",
          exchange -> {
            exchange.sendResponseHeaders(200, zip.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(zip);
            }
          });
      server.start();
      return new LoopbackHttps(server, trust);
    } catch (GeneralSecurityException e) {
      throw new IOException("Cannot set up TLS for the loopback server: " + e, e);
    }
  }

  /** The pack's address. */
  String url(String name) {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/" + name + ".zip";
  }

  /** JVM options that make a JVM trust this server's certificate (for JAVA_TOOL_OPTIONS). */
  String trustOptions() {
    return "-Djavax.net.ssl.trustStore="
        + trustStore
        + " -Djavax.net.ssl.trustStoreType=PKCS12 -Djavax.net.ssl.trustStorePassword="
        + PASSWORD;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static byte[] zip(Path folder) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes);
        Stream<Path> files = Files.list(folder)) {
      for (Path f : files.sorted().toList()) {
        z.putNextEntry(new ZipEntry(folder.getFileName() + "/" + f.getFileName()));
        Files.copy(f, z);
        z.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
