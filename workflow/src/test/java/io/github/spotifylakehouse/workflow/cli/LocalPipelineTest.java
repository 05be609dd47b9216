package io.github.spotifylakehouse.workflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.spotifylakehouse.testkit.SyntheticCatalog;
import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.RawLayout;
import io.github.spotifylakehouse.workflow.catalog.LocalCatalog;
import io.github.spotifylakehouse.workflow.emulator.EmulatorSettings;
import io.github.spotifylakehouse.workflow.emulator.SpotifyApiEmulator;
import io.github.spotifylakehouse.workflow.s3.S3Endpoint;
import io.github.spotifylakehouse.workflow.query.QueryRunner;
import io.github.spotifylakehouse.workflow.query.SqlFile;
import io.github.spotifylakehouse.workflow.report.DashboardCheck;
import io.github.spotifylakehouse.workflow.report.HeadlessChromium;
import io.github.spotifylakehouse.workflow.steps.LocalSpark;
import io.github.spotifylakehouse.workflow.steps.RunnerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole local pipeline, as the README's command runs it: the emulator serves a generated catalogue,
 * the extractor's jar lands it in S3Proxy, the Spark job transforms it, the metastore catalogs it and the
 * analytics SQL answers. Then a second run on the same data directory, and a run that fails.
 */
class LocalPipelineTest {

  private static final long SEED = 42L;
  private static final List<Integer> SIZES = List.of(120, 75, 30);

  @TempDir
  Path temp;

  private record Result(int exit, String out, String err) {
  }

  private static Result cli(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = SpotifyLakehouseCli.execute(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Result run(Path dataDir) {
    return cli(Map.of(), "run", "--data-dir", dataDir.toString(), "--spark-master", "local[2]",
        "--playlist-sizes", SIZES.stream().map(String::valueOf).collect(Collectors.joining(",")),
        "--seed", String.valueOf(SEED));
  }

  @Test
  void runTwiceBuildsTwoSnapshotsThroughEveryStep() throws Exception {
    Path dataDir = temp.resolve("lakehouse-data");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    List<String> playlists = new SyntheticCatalog(SEED).playlistIds(SIZES.size());

    Result first = run(dataDir);
    assertThat(first.exit()).as(first.out() + first.err()).isZero();
    LocalDate day1 = snapshotDate(first.out());
    // today, or tomorrow when the clock passed midnight (UTC) between the two lines above
    assertThat(day1).isBetween(today, today.plusDays(1));
    assertThat(first.out())
        .contains("[1/4] extract done in", "[2/4] transform done in", "[3/4] catalog done in",
            "[4/4] query done in")
        .contains("source: Spotify API emulator on http://127.0.0.1:")
        // the user's list (2 pages: 3 playlists among 48 followed ones), each playlist object and its
        // snapshot check, the items; the followed playlists are never requested
        .contains("emulator served 1 token, 1 user, 2 user-playlist-page, 6 playlist and 6 item-page requests, "
            + "0 errors")
        .contains("[extractor] playlist " + playlists.get(0) + " ok: ")
        .contains("[extractor] 3 playlists: 3 landed, 0 failed; ")
        .doesNotContain("\"playlist_id\"", "[INFO]")
        // Spark started while the extractor ran; a small run's plans are interpreted, and so are the queries
        .contains(" on local[2] started during the extract step")
        .contains("queries interpreted, not compiled")
        .contains("rows written: album ")
        .contains("song               Iceberg,   1 partition  (" + day1 + ")")
        .contains("song_csv           CSV,       1 partition  (" + day1 + ")");
    for (SqlFile query : SqlFile.queries()) {
      assertThat(first.out()).contains(query.name() + ": " + query.description());
    }
    // the run ends with the dashboard's path
    Path dashboard = dataDir.resolve("report").resolve("index.html");
    assertThat(first.out().strip()).endsWith("dashboard: " + dashboard.toAbsolutePath());
    assertThat(dashboard).isRegularFile();

    // the lake stays inspectable as plain files
    Path bucket = dataDir.resolve("s3").resolve(RunnerConfig.DEFAULT_BUCKET);
    for (String playlist : playlists) {
      assertThat(files(bucket.resolve(RawLayout.PROCESSED + "snapshot_date=" + day1 + "/playlist_id=" + playlist)))
          .as("raw files of " + playlist).anyMatch(f -> f.endsWith(RawLayout.MANIFEST_FILE))
          .anyMatch(f -> f.endsWith("page-00000.json"));
    }
    for (LakeTable table : LakeTable.values()) {
      assertThat(files(bucket.resolve(table.csvPrefix() + "snapshot_date=" + day1))).as(table.tableName())
          .anyMatch(f -> f.endsWith(".csv"));
    }
    assertThat(files(dataDir.resolve("logs"))).as("S3Proxy logs of a successful run").isEmpty();
    assertNothingListensAt(first.out(), "S3: S3Proxy on http://127.0.0.1:");
    assertNothingListensAt(first.out(), "source: Spotify API emulator on http://127.0.0.1:");
    assertThat(dataDir.resolve("tmp")).doesNotExist();

    Result second = run(dataDir);
    assertThat(second.exit()).as(second.out() + second.err()).isZero();
    LocalDate day2 = snapshotDate(second.out());
    assertThat(day2).isEqualTo(day1.plusDays(1));
    assertThat(second.out()).contains("snapshot date " + day2 + " (the day after the latest snapshot in the lake)")
        .contains("song               Iceberg,   2 partitions (" + day1 + " .. " + day2 + ")");

    assertCatalogAndAnswers(dataDir, playlists, day1, day2);
    assertDashboardDrawsEveryCard(dashboard);

    // report draws it again from the catalog, without running a step or printing the tables
    Files.setLastModifiedTime(dashboard, FileTime.fromMillis(0));
    Result report = cli(Map.of(), "report", "--data-dir", dataDir.toString(), "--spark-master", "local[2]");
    assertThat(report.exit()).as(report.out() + report.err()).isZero();
    assertThat(report.out()).contains("spotify-lakehouse: report (the dashboard, from the catalog) on")
        .contains("[1/1] query done in", "playlist_overlap: ", "dashboard drawn: 6 charts, 1 table")
        .doesNotContain("[1/4]", "-+-", "[extractor]");
    assertThat(report.out().strip()).endsWith("dashboard: " + dashboard.toAbsolutePath());
    assertThat(Files.getLastModifiedTime(dashboard).toMillis()).isGreaterThan(0);
  }

  /** The dashboard of two real runs, in Chromium: every card drawn, the slope chart included. */
  private static void assertDashboardDrawsEveryCard(Path dashboard) throws Exception {
    try (HeadlessChromium browser = HeadlessChromium.start(Path.of("target", "dashboard-browser"))) {
      HeadlessChromium.PageReport page = browser.open(dashboard,
          Path.of("target", "dashboard-browser", "local-pipeline.png"), Duration.ofSeconds(60));
      DashboardCheck.assertDrawn(page, dashboard);
      assertThat(DashboardCheck.states(page)).hasSize(SqlFile.queries().size()).containsOnlyKeys(
          SqlFile.queries().stream().map(query -> "panel-" + query.name()).toList());
      assertThat(DashboardCheck.states(page).values()).containsOnly("drawn");
    }
  }

  /** Opens the catalog the runs left behind, on the same S3 folder, and checks tables and answers. */
  private static void assertCatalogAndAnswers(Path dataDir, List<String> playlists, LocalDate day1, LocalDate day2)
      throws IOException {
    RunnerConfig config = RunnerConfig.builder(dataDir).sparkMaster("local[2]").build();
    try (S3Endpoint lake = S3Endpoint.startS3Proxy(config.s3proxyJar(), config.logsDir(), config.s3Dir(),
        config.s3Region(), config.bucket())) {
      SparkSession spark = LocalSpark.start(config, lake.s3aSettings());
      try {
        LocalCatalog catalog = new LocalCatalog(spark, LocalCatalog.DEFAULT_DATABASE);
        List<String> expected = new ArrayList<>();
        for (LakeTable table : LakeTable.values()) {
          expected.add(table.tableName());
          expected.add(table.csvTableName());
        }
        expected.add("song_enriched");
        assertThat(catalog.tableNames()).containsExactlyInAnyOrderElementsOf(expected);
        for (LakeTable table : LakeTable.values()) {
          List<String> partitions = spark.sql("SHOW PARTITIONS spotify_lakehouse." + table.csvTableName())
              .collectAsList().stream().map(row -> row.getString(0)).sorted().collect(Collectors.toList());
          assertThat(partitions).as(table.csvTableName())
              .containsExactly("snapshot_date=" + day1, "snapshot_date=" + day2);
          assertThat(catalog.icebergPartitions(table)).as(table.tableName())
              .containsExactly(day1.toString(), day2.toString());
        }
        Map<String, Long> entries = new HashMap<>();
        for (Row row : spark.sql("SELECT playlist_id, COUNT(*) FROM spotify_lakehouse.playlist_track"
            + " WHERE snapshot_date = DATE'" + day2 + "' GROUP BY playlist_id").collectAsList()) {
          entries.put(row.getString(0), row.getLong(1));
        }
        assertThat(entries).containsOnlyKeys(playlists);
        for (int i = 0; i < playlists.size(); i++) {
          // every entry is a row but the null, local and episode ones (about 1.5%)
          assertThat(entries.get(playlists.get(i))).as(playlists.get(i))
              .isLessThanOrEqualTo(SIZES.get(i)).isGreaterThanOrEqualTo(Math.round(SIZES.get(i) * 0.9));
        }

        QueryRunner queries = new QueryRunner(spark, LocalCatalog.DEFAULT_DATABASE);
        QueryRunner.QueryResult summary = queries.run(query("playlist_summary"));
        assertThat(summary.rows()).hasSize(playlists.size());
        assertThat(summary.value(0, "entries")).isEqualTo(entries.get(playlists.get(0)));
        for (int i = 0; i < summary.rows().size(); i++) {
          assertThat((String) summary.value(i, "playlist_name")).as("playlist names").isNotBlank();
        }

        QueryRunner.QueryResult moves = queries.run(query("song_popularity_across_snapshots"));
        assertThat(moves.rows()).isNotEmpty();
        for (int i = 0; i < moves.rows().size(); i++) {
          assertThat(moves.value(i, "snapshot_date")).isEqualTo(day2);
        }
        assertThat(moves.value(0, "previous_snapshot")).isEqualTo(day1);
        assertThat(moves.value(0, "snapshots")).isEqualTo(2L);

        assertThat(queries.run(query("top_artists_by_songs")).rows()).isNotEmpty();
        assertThat(spark.sql("SELECT COUNT(DISTINCT snapshot_date) FROM spotify_lakehouse.song_enriched")
            .first().getLong(0)).isEqualTo(2L);
      } finally {
        LocalSpark.stop(spark, lake.lakeRoot());
      }
    }
  }

  @Test
  void aFailingExtractorStopsTheRunAtTheExtractStepAndKeepsWhatLanded() throws Exception {
    Path dataDir = temp.resolve("failing");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    try (SpotifyApiEmulator spotify = SpotifyApiEmulator.start(
        EmulatorSettings.withLocalCredentials(7L, List.of(20), today))) {
      String good = spotify.playlistIds().get(0);
      String missing = "37i9dQZF1DXcBWIGoYBM5M"; // Spotify-owned: 404 for new apps
      Map<String, String> env = Map.of(
          "SPOTIFY_CLIENT_ID", EmulatorSettings.LOCAL_CLIENT_ID,
          "SPOTIFY_CLIENT_SECRET", EmulatorSettings.LOCAL_CLIENT_SECRET,
          "SPOTIFY_REFRESH_TOKEN", EmulatorSettings.LOCAL_REFRESH_TOKEN,
          "SPOTIFY_PLAYLIST_IDS", good + "," + missing,
          "SPOTIFY_API_BASE_URL", spotify.apiBaseUrl(),
          "SPOTIFY_ACCOUNTS_BASE_URL", spotify.accountsBaseUrl());

      Result result = cli(env, "run", "--data-dir", dataDir.toString(), "--spark-master", "local[2]");

      assertThat(result.exit()).as(result.out()).isEqualTo(1);
      assertThat(result.out())
          .contains("source: Spotify Web API (user token from SPOTIFY_REFRESH_TOKEN), 2 playlists")
          .contains("[1/4] extract FAILED after")
          .contains("spotify-lakehouse: FAILED: Step 'extract' failed: the extractor exited with code 1")
          .contains("[extractor] playlist " + good + " ok: ")
          .contains("[extractor] playlist " + missing + " FAILED: ")
          .contains("[extractor] 2 playlists: 1 landed, 1 failed; ")
          .doesNotContain("[2/4] transform");
      // the session started for the later steps while the extractor ran was stopped with the run
      assertThat(org.apache.spark.sql.SparkSession.getDefaultSession().isDefined()).isFalse();
      LocalDate day = snapshotDate(result.out());
      Path landed = dataDir.resolve("s3").resolve(RunnerConfig.DEFAULT_BUCKET)
          .resolve(RawLayout.TO_PROCESS + "snapshot_date=" + day);
      assertThat(files(landed.resolve("playlist_id=" + good))).anyMatch(f -> f.endsWith(RawLayout.MANIFEST_FILE));
      assertThat(landed.resolve("playlist_id=" + missing)).doesNotExist();
      // the good one's object and its snapshot check, the missing one's 404
      assertThat(spotify.served(SpotifyApiEmulator.Endpoint.PLAYLIST)).isEqualTo(3);
    }
  }

  /** The server whose URL follows {@code marker} in the output was shut down with the run. */
  private static void assertNothingListensAt(String out, String marker) {
    int at = out.indexOf(marker);
    assertThat(at).as(marker).isNotNegative();
    Matcher port = Pattern.compile("\\d+").matcher(out.substring(at + marker.length()));
    assertThat(port.lookingAt()).isTrue();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(port.group())), 1000);
      throw new AssertionError("Still listening after the run: " + marker + port.group());
    } catch (IOException expected) {
      assertThat(expected).isInstanceOf(ConnectException.class);
    }
  }

  private static SqlFile query(String name) {
    return SqlFile.queries().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
  }

  private static LocalDate snapshotDate(String out) {
    int at = out.indexOf("snapshot date ");
    assertThat(at).as(out).isNotNegative();
    return LocalDate.parse(out.substring(at + "snapshot date ".length(), at + "snapshot date ".length() + 10));
  }

  private static List<String> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(Files::isRegularFile).map(Path::toString).collect(Collectors.toList());
    }
  }
}
