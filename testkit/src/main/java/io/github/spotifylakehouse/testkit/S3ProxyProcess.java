package io.github.spotifylakehouse.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 protocol server (S3Proxy) on 127.0.0.1, run as a child process of this JVM.
 *
 * <p>S3Proxy runs out of process because its dependencies (jakarta servlet, Jackson 3 annotations,
 * Guava 33) clash with Spark's on one classpath. Objects are kept in memory ({@link #inMemory}) or in a
 * folder ({@link #onDisk}), where each bucket is a directory and each key a file, so a local lake stays
 * inspectable after the run. Clients use path-style access, region {@code us-east-1} and the
 * credentials of {@link #accessKey()} and {@link #secretKey()}.
 */
public final class S3ProxyProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final int port;
  private final String accessKey;
  private final String secretKey;
  private final Path logFile;
  private final JarClassArchive archive;

  private S3ProxyProcess(Process process, int port, String accessKey, String secretKey, Path logFile,
                         JarClassArchive archive) {
    this.process = process;
    this.port = port;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.logFile = logFile;
    this.archive = archive;
  }

  /** Starts S3Proxy keeping objects in memory; {@code workDir} holds its configuration and log. */
  public static S3ProxyProcess inMemory(Path s3proxyJar, Path workDir) {
    return start(s3proxyJar, workDir, null, "local-access-key", "local-secret-key");
  }

  /**
   * Starts S3Proxy keeping objects under {@code dataDir} (bucket = directory); {@code workDir} holds its
   * configuration and log.
   */
  public static S3ProxyProcess onDisk(Path s3proxyJar, Path workDir, Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir");
    return start(s3proxyJar, workDir, dataDir, "local-access-key", "local-secret-key");
  }

  /**
   * Starts S3Proxy on a free loopback port and waits until it answers HTTP.
   *
   * @param dataDir where objects are kept, or null to keep them in memory
   */
  public static S3ProxyProcess start(Path s3proxyJar, Path workDir, Path dataDir, String accessKey,
                                     String secretKey) {
    if (!Files.isRegularFile(s3proxyJar)) {
      throw new IllegalArgumentException("S3Proxy jar not found: " + s3proxyJar
          + " (it is copied to target/ by the build: run mvn package or mvn verify first)");
    }
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return startOnce(s3proxyJar, workDir, dataDir, accessKey, secretKey);
      } catch (IllegalStateException e) {
        // a free port can be taken between probing and binding: try another one
        last = e;
      }
    }
    throw last;
  }

  private static S3ProxyProcess startOnce(Path jar, Path workDir, Path dataDir, String accessKey,
                                          String secretKey) {
    try {
      Files.createDirectories(workDir);
      int port = freeLoopbackPort();
      Properties props = new Properties();
      props.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
      props.setProperty("s3proxy.authorization", "aws-v2-or-v4");
      props.setProperty("s3proxy.identity", accessKey);
      props.setProperty("s3proxy.credential", secretKey);
      if (dataDir == null) {
        props.setProperty("jclouds.provider", "transient");
      } else {
        Files.createDirectories(dataDir);
        props.setProperty("jclouds.provider", "filesystem");
        props.setProperty("jclouds.filesystem.basedir", dataDir.toAbsolutePath().toString());
      }
      Path config = workDir.resolve("s3proxy-" + port + ".properties");
      try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
        props.store(out, "S3Proxy for spotify-lakehouse, loopback only");
      }
      Path log = workDir.resolve("s3proxy-" + port + ".log");
      List<String> command = new ArrayList<>();
      command.add(javaExecutable());
      command.add("-Xmx512m");
      command.addAll(SERVER_JVM_OPTIONS);
      JarClassArchive archive = JarClassArchive.of(jar);
      command.addAll(archive.options());
      command.add("-jar");
      command.add(jar.toAbsolutePath().toString());
      command.add("--properties");
      command.add(config.toAbsolutePath().toString());
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      S3ProxyProcess server = new S3ProxyProcess(process, port, accessKey, secretKey, log, archive);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start S3Proxy from " + jar, e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Proxy exited with code " + process.exitValue()
            + " before answering on port " + port + "; see " + logFile);
      }
      if (answersHttp()) {
        return;
      }
      sleep(100);
    }
    close();
    throw new IllegalStateException("S3Proxy did not answer on " + endpoint() + " within "
        + START_TIMEOUT.toSeconds() + " s; see " + logFile);
  }

  private boolean answersHttp() {
    try {
      HttpURLConnection connection = (HttpURLConnection) endpoint().toURL().openConnection();
      connection.setConnectTimeout(500);
      connection.setReadTimeout(2000);
      try {
        // any HTTP status (403 without credentials) means the server is serving
        return connection.getResponseCode() > 0;
      } finally {
        connection.disconnect();
      }
    } catch (IOException notYet) {
      return false;
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * A small server that lives minutes, beside a Spark driver on the same cores: C1 compiles its hot paths at a
   * fraction of C2's cost, and the serial collector needs no concurrent threads.
   */
  private static final List<String> SERVER_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private static String javaExecutable() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for S3Proxy", e);
    }
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /** The server's own log (its stdout and stderr). */
  public Path logFile() {
    return logFile;
  }

  /** Stops the server and waits for it to exit. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } finally {
      archive.completed(process);
    }
  }
}
