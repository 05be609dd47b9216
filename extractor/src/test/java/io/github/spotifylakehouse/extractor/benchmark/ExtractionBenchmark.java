package io.github.spotifylakehouse.extractor.benchmark;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spotifylakehouse.testkit.SyntheticCatalog;
import io.github.spotifylakehouse.lake.ExtractorEnv;
import io.github.spotifylakehouse.extractor.testing.SpotifyDouble;
import io.github.spotifylakehouse.lake.ManifestFields;
import io.github.spotifylakehouse.testkit.S3ProxyProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lands one large playlist (default 10,000 entries = 201 responses) served by the Spotify double
 * (WireMock, bodies from the project's {@link SyntheticCatalog}) into S3Proxy, running the shaded jar's
 * {@code extract} in a fresh JVM per run, as Lambda would on a cold start (after one untimed run that
 * warms the doubles). Prints, per run and as the
 * median: wall time from process start to exit, time from process start to the first landed object (the
 * first "Landed" log line), the extraction time the extractor reports, and pages per second.
 *
 * <p>Run: {@code mvn -o -q -pl extractor -Pbenchmark verify -DskipTests} (options via
 * {@code -Dbenchmark.entries=...} and {@code -Dbenchmark.runs=...}).
 */
public final class ExtractionBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate DAY = LocalDate.of(2026, 11, 21);

  private ExtractionBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    Path jar = Path.of(options.get("--jar"));
    Path s3proxyJar = Path.of(options.get("--s3proxy-jar"));
    Path workDir = Path.of(options.getOrDefault("--work-dir", "target/benchmark"));
    int entries = Integer.parseInt(options.getOrDefault("--entries", "10000"));
    int runs = Integer.parseInt(options.getOrDefault("--runs", "3"));
    List<String> javaOptions = List.of(options.getOrDefault("--java-options", "").trim().split("\\s+"))
        .stream().filter(o -> !o.isEmpty()).toList();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("Shaded jar not found: " + jar + " (run mvn package first)");
    }

    try (S3ProxyProcess s3proxy = S3ProxyProcess.inMemory(s3proxyJar, workDir);
         SpotifyDouble spotify = new SpotifyDouble();
         S3Client s3 = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
             .endpointOverride(s3proxy.endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
             .credentialsProvider(StaticCredentialsProvider.create(
                 AwsBasicCredentials.create(s3proxy.accessKey(), s3proxy.secretKey()))).build()) {
      SyntheticCatalog catalog = new SyntheticCatalog(20261121L);
      String playlistId = catalog.playlistIds(1).get(0);
      long servedBytes = serve(spotify, catalog, playlistId, entries);
      String bucket = "benchmark";
      s3.createBucket(b -> b.bucket(bucket));

      Map<String, String> env = new HashMap<>(spotify.env(playlistId));
      env.put(ExtractorEnv.LAKE_BUCKET, bucket);
      env.put(ExtractorEnv.S3_ENDPOINT_URL, s3proxy.endpoint().toString());
      env.put(ExtractorEnv.S3_PATH_STYLE, "true");
      env.put(ExtractorEnv.AWS_REGION, "us-east-1");
      env.put(ExtractorEnv.AWS_ACCESS_KEY_ID, s3proxy.accessKey());
      env.put(ExtractorEnv.AWS_SECRET_ACCESS_KEY, s3proxy.secretKey());
      env.put(ExtractorEnv.SNAPSHOT_DATE, DAY.toString());

      System.out.printf(Locale.ROOT, "Extraction benchmark: playlist %s, %,d entries, %,d bytes served by WireMock "
          + "on 127.0.0.1, landed in S3Proxy; shaded jar %s (%,d bytes), JVM options %s; %d cold run(s)%n",
          playlistId, entries, servedBytes, jar.getFileName(), Files.size(jar), javaOptions, runs);
      // the doubles (WireMock, S3Proxy) start cold too: one untimed run warms them, so the figures are the
      // extractor's own cold start
      runOnce(0, jar, javaOptions, env, s3, bucket, entries, workDir);
      List<double[]> figures = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        figures.add(runOnce(run, jar, javaOptions, env, s3, bucket, entries, workDir));
      }
      System.out.printf(Locale.ROOT, "median: wall %.0f ms, JVM start to first object %.0f ms, extraction %.0f ms, "
          + "%.0f pages/s (extraction), %.0f pages/s (wall)%n", median(figures, 0), median(figures, 1),
          median(figures, 2), median(figures, 3), median(figures, 4));
    }
  }

  /** Stubs the playlist object and every items page; returns the bytes a full extraction downloads. */
  private static long serve(SpotifyDouble spotify, SyntheticCatalog catalog, String playlistId, int entries) {
    spotify.stubToken("benchmark-access-token");
    byte[] object = catalog.playlistObject(playlistId, entries, spotify.apiBase(), DAY).getBytes(StandardCharsets.UTF_8);
    spotify.stubPlaylist(playlistId, object);
    long bytes = object.length;
    for (int offset = 0; offset < Math.max(entries, 1); offset += 50) {
      byte[] page = catalog.itemsPage(playlistId, entries, offset, 50, spotify.apiBase(), DAY)
          .getBytes(StandardCharsets.UTF_8);
      bytes += page.length;
      // next links of track-shaped playlists keep the old /tracks path: serve both
      spotify.server().stubFor(get(urlPathMatching("/v1/playlists/" + playlistId + "/(items|tracks)"))
          .withQueryParam("offset", equalTo(Integer.toString(offset)))
          .willReturn(SpotifyDouble.json(200, page)));
    }
    return bytes;
  }

  /** {wall ms, first object ms, extraction ms, pages/s extraction, pages/s wall}. */
  private static double[] runOnce(int run, Path jar, List<String> javaOptions, Map<String, String> env, S3Client s3,
                                  String bucket, int entries, Path workDir) throws Exception {
    Path log = workDir.resolve("run-" + run + ".log");
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(javaOptions);
    command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "extract"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(env);
    // a snapshot date per run: on the same date an unchanged playlist is (rightly) not extracted again
    builder.environment().put(ExtractorEnv.SNAPSHOT_DATE, DAY.plusDays(run).toString());
    long started = System.nanoTime();
    Process process = builder.start();
    AtomicLong firstObject = new AtomicLong();
    CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> pump(process, firstObject, log));
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("extract did not finish within 10 minutes; see " + log);
    }
    long wall = System.nanoTime() - started;
    stderr.get(1, TimeUnit.MINUTES);
    if (process.exitValue() != 0) {
      throw new IllegalStateException("extract exited with " + process.exitValue() + "; see " + log + "\n" + stdout);
    }
    JsonNode result = JSON.readTree(stdout.lines().findFirst().orElseThrow());
    int pages = result.get("pages").asInt();
    long extraction = result.get("duration_ms").asLong();
    JsonNode manifest = JSON.readTree(s3.getObject(b -> b.bucket(bucket).key(result.get("manifest_key").asText()),
        ResponseTransformer.toBytes()).asByteArray());
    if (manifest.get(ManifestFields.ENTRIES).asInt() != entries) {
      throw new IllegalStateException("Manifest counts " + manifest.get(ManifestFields.ENTRIES) + " entries, expected "
          + entries);
    }
    double wallMs = wall / 1e6;
    double firstMs = (firstObject.get() - started) / 1e6;
    double[] figures = {wallMs, firstMs, extraction, pages / (extraction / 1000.0), pages / (wallMs / 1000.0)};
    System.out.printf(Locale.ROOT, (run == 0 ? "warm-up (not counted)" : "run " + run) + ": %d pages, %,d entries, %,d bytes; wall %.0f ms, JVM start to first "
        + "object %.0f ms, extraction %d ms, %.0f pages/s (extraction), %.0f pages/s (wall)%n", pages,
        result.get("entries").asLong(), result.get("bytes").asLong(), wallMs, firstMs, extraction, figures[3],
        figures[4]);
    return figures;
  }

  /** Copies the child's log to a file, noting when its first "Landed" line arrives. */
  private static String pump(Process process, AtomicLong firstObject, Path log) {
    StringBuilder text = new StringBuilder();
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (firstObject.get() == 0 && line.contains("Landed s3://")) {
          firstObject.set(System.nanoTime());
        }
        text.append(line).append('\n');
      }
      Files.writeString(log, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Cannot read the extractor's log", e);
    }
    return text.toString();
  }

  private static double median(List<double[]> figures, int index) {
    List<Double> values = new ArrayList<>();
    figures.forEach(f -> values.add(f[index]));
    Collections.sort(values);
    return values.get(values.size() / 2);
  }

  private static String javaExecutable() {
    return ProcessHandle.current().info().command().orElse(
        Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    for (String required : List.of("--jar", "--s3proxy-jar")) {
      if (!options.containsKey(required)) {
        throw new IllegalArgumentException("Missing option " + required);
      }
    }
    return options;
  }
}
