package io.github.spotifylakehouse.etl.job;

import io.github.spotifylakehouse.lake.OutputFormat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.spotifylakehouse.etl.LakeTables;
import io.github.spotifylakehouse.etl.TestSpark;
import io.github.spotifylakehouse.etl.io.LakeFileSystem;
import io.github.spotifylakehouse.etl.io.RawFileMover;
import io.github.spotifylakehouse.etl.io.RawInventory;
import io.github.spotifylakehouse.testkit.SyntheticCatalog;
import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.RawLayout;
import io.github.spotifylakehouse.testkit.S3ProxyProcess;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The whole job against a real S3 protocol server (S3Proxy on loopback), through s3a. */
class EtlJobS3Test {

  private static final LocalDate DAY = LocalDate.of(2026, 11, 21);
  private static final String PREFIX = "lake";

  private static S3ProxyProcess s3;
  private static S3Client client;
  private static String bucket;

  @BeforeAll
  static void startS3(@TempDir Path work) {
    s3 = S3ProxyProcess.inMemory(Path.of(System.getProperty("s3proxy.jar")), work);
    client = S3Client.builder()
        .endpointOverride(s3.endpoint())
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
        .build();
    bucket = "lake-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    client.createBucket(b -> b.bucket(bucket));
    // per-bucket s3a settings, so the shared session's other file systems are untouched
    Configuration conf = TestSpark.session().sparkContext().hadoopConfiguration();
    String p = "fs.s3a.bucket." + bucket + ".";
    conf.set(p + "endpoint", s3.endpoint().toString());
    conf.set(p + "endpoint.region", "us-east-1");
    conf.set(p + "path.style.access", "true");
    conf.set(p + "connection.ssl.enabled", "false");
    conf.set(p + "access.key", s3.accessKey());
    conf.set(p + "secret.key", s3.secretKey());
    conf.set(p + "aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
  }

  @AfterAll
  static void stopS3() {
    if (client != null) {
      client.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  private static void put(String key, String body) {
    client.putObject(b -> b.bucket(bucket).key(PREFIX + "/" + key), RequestBody.fromString(body));
  }

  private static List<String> keys(String prefix) {
    return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(PREFIX + "/" + prefix)).contents().stream()
        .map(S3Object::key).map(k -> k.substring(PREFIX.length() + 1 + prefix.length()))
        .filter(k -> !k.isEmpty() && !k.endsWith("/"))
        .sorted().collect(Collectors.toList());
  }

  @Test
  void rawFilesMoveIntoNewFoldersAndAFailedMoveNamesBothPathsOnS3a() {
    String prefix = "mover/";
    String run = "20261121T060000Z-0000000f";
    LakeFileSystem lake = LakeFileSystem.resolve("s3a://" + bucket + "/" + PREFIX + "/" + prefix,
        TestSpark.session().sessionState().newHadoopConf());
    List<RawFileMover.Move> moves = new java.util.ArrayList<>();
    for (int page = 0; page < 3; page++) {
      String stagePath = RawLayout.runFolder(DAY, "p1", run) + RawLayout.pageFileName(page);
      put(prefix + RawLayout.TO_PROCESS + stagePath, "{\"page\": " + page + "}");
      moves.add(RawFileMover.toProcessed(new RawInventory.RawObject(lake.resolve(RawLayout.TO_PROCESS + stagePath),
          RawLayout.TO_PROCESS + stagePath, RawLayout.TO_PROCESS, stagePath, 11, 0, DAY, "p1", run, false, false)));
    }

    assertThat(new RawFileMover(lake).move(moves, path -> { })).isEqualTo(3);

    assertThat(keys(prefix + RawLayout.PROCESSED)).containsExactly(
        RawLayout.runFolder(DAY, "p1", run) + RawLayout.pageFileName(0),
        RawLayout.runFolder(DAY, "p1", run) + RawLayout.pageFileName(1),
        RawLayout.runFolder(DAY, "p1", run) + RawLayout.pageFileName(2));
    assertThat(keys(prefix + RawLayout.TO_PROCESS)).isEmpty();
    // moving them again: the sources are gone
    assertThatThrownBy(() -> new RawFileMover(lake).move(moves.subList(0, 1), path -> { }))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("Failed to move " + moves.get(0).file().path() + " to "
            + lake.resolve(moves.get(0).target()));
  }

  /** Lands the crash tests' raw files under {@code prefix} of the lake. */
  private static void landCrashLake(String prefix, Path work) throws java.io.IOException {
    io.github.spotifylakehouse.etl.RawLake local = new io.github.spotifylakehouse.etl.RawLake(work, 3);
    FaultInjector.land(local);
    for (String file : local.files(RawLayout.TO_PROCESS)) {
      client.putObject(b -> b.bucket(bucket).key(PREFIX + "/" + prefix + RawLayout.TO_PROCESS + file),
          RequestBody.fromFile(work.resolve(RawLayout.TO_PROCESS).resolve(file)));
    }
  }

  private static JobSummary runCrashLake(String prefix, StageListener listener) {
    String root = "s3://" + bucket + "/" + PREFIX + "/" + prefix;
    return EtlJob.run(TestSpark.session(), JobArguments.of(root, FaultInjector.DAY,
        EnumSet.of(OutputFormat.CSV, OutputFormat.ICEBERG)).withDatabase(LakeTables.databaseFor(root)), listener);
  }

  private static java.util.Map<String, List<String>> rawKeys(String prefix) {
    return java.util.Map.of(
        RawLayout.TO_PROCESS, keys(prefix + RawLayout.TO_PROCESS),
        RawLayout.PROCESSED, keys(prefix + RawLayout.PROCESSED),
        RawLayout.REJECTED, keys(prefix + RawLayout.REJECTED).stream()
            .filter(k -> !k.endsWith(RawLayout.REJECTION_NOTE_SUFFIX)).collect(Collectors.toList()));
  }

  @Test
  void aRunStoppedMidWritesThenMidMovesHealsToWhatAnUninterruptedRunWrites(@TempDir Path work) throws Exception {
    landCrashLake("crash-base/", work.resolve("base"));
    landCrashLake("crash/", work.resolve("crash"));
    JobSummary uninterrupted = runCrashLake("crash-base/", StageListener.NONE);
    assertThat(uninterrupted.outcome()).isEqualTo(io.github.spotifylakehouse.lake.JobOutcome.SUCCEEDED_WITH_REJECTED_FILES);

    assertThatThrownBy(() -> runCrashLake("crash/", FaultInjector.afterTables(2)))
        .isInstanceOf(FaultInjector.InjectedFault.class);
    assertThatThrownBy(() -> runCrashLake("crash/", FaultInjector.afterMoves(4)))
        .isInstanceOf(FaultInjector.InjectedFault.class);
    JobSummary healed = runCrashLake("crash/", StageListener.NONE);

    assertThat(healed.outcome()).isNotEqualTo(io.github.spotifylakehouse.lake.JobOutcome.FAILED);
    String root = "s3a://" + bucket + "/" + PREFIX + "/";
    assertThat(FaultInjector.tables(root + "crash")).isEqualTo(FaultInjector.tables(root + "crash-base"));
    assertThat(rawKeys("crash/")).isEqualTo(rawKeys("crash-base/"));
    assertThat(rawKeys("crash/").get(RawLayout.PROCESSED)).hasSize(10);
    assertThat(keys("crash/" + io.github.spotifylakehouse.lake.JobOutcome.FAILED.summaryPrefix())).hasSize(2);
  }

  @Test
  void runsTheWholeJobAgainstS3ThroughS3a() {
    SyntheticCatalog catalog = new SyntheticCatalog(11, 500);
    List<String> ids = catalog.playlistIds(2);
    String run = "20261121T060000Z-00000001";
    String api = "https://api.spotify.com/v1";
    put(RawLayout.pageKey(DAY, ids.get(0), run, 0), catalog.playlistObject(ids.get(0), 150, api, DAY));
    put(RawLayout.pageKey(DAY, ids.get(0), run, 1), catalog.itemsPage(ids.get(0), 150, 100, 100, api, DAY));
    put(RawLayout.pageKey(DAY, ids.get(0), run, 2), "{\"items\": [tru");
    put(RawLayout.manifestKey(DAY, ids.get(0), run), "{\"run_id\": \"" + run + "\"}");
    put(RawLayout.pageKey(DAY, ids.get(1), run, 0), catalog.playlistObject(ids.get(1), 40, api, DAY));

    String database = LakeTables.newDatabase();
    JobSummary summary = EtlJob.run(TestSpark.session(), JobArguments.of("s3://" + bucket + "/" + PREFIX, DAY,
        EnumSet.of(OutputFormat.CSV, OutputFormat.ICEBERG)).withDatabase(database));

    assertThat(summary.filesRead()).isEqualTo(2);
    assertThat(summary.entriesRead()).isEqualTo(150);
    assertThat(summary.rejectedFiles()).singleElement()
        .satisfies(r -> assertThat(r.reason()).startsWith("not valid JSON: Unrecognized token 'tru'"));
    assertThat(summary.incompleteRuns()).containsExactly(
        RawLayout.TO_PROCESS + RawLayout.runFolder(DAY, ids.get(1), run));
    assertThat(summary.datesWritten()).containsExactly(DAY);

    assertThat(keys(RawLayout.PROCESSED)).containsExactly(
        RawLayout.runFolder(DAY, ids.get(0), run) + RawLayout.MANIFEST_FILE,
        RawLayout.runFolder(DAY, ids.get(0), run) + RawLayout.pageFileName(0),
        RawLayout.runFolder(DAY, ids.get(0), run) + RawLayout.pageFileName(1));
    assertThat(keys(RawLayout.REJECTED)).containsExactly(
        RawLayout.runFolder(DAY, ids.get(0), run) + RawLayout.pageFileName(2),
        RawLayout.runFolder(DAY, ids.get(0), run) + RawLayout.pageFileName(2) + RawLayout.REJECTION_NOTE_SUFFIX);
    assertThat(keys(RawLayout.TO_PROCESS)).containsExactly(
        RawLayout.runFolder(DAY, ids.get(1), run) + RawLayout.pageFileName(0));
    assertThat(keys(LakeTable.SUMMARY_PREFIX)).singleElement().satisfies(k -> assertThat(k).endsWith(".json"));
    assertThat(keys(LakeTable.TRANSFORMED_ROOT)).noneMatch(k -> k.contains("_SUCCESS") || k.contains("_temporary"));
    // the playlist objects name their playlists (the second run is incomplete: not read)
    assertThat(LakeTables.readIceberg(database, LakeTable.PLAYLIST).collectAsList())
        .extracting(r -> r.<String>getAs("playlist_id"), r -> r.<String>getAs("playlist_name"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ids.get(0), catalog.playlistName(ids.get(0))));

    String root = "s3a://" + bucket + "/" + PREFIX;
    for (LakeTable table : LakeTable.values()) {
      assertThat(keys(table.csvPrefix())).as(table.tableName()).singleElement()
          .satisfies(k -> assertThat(k).startsWith(LakeTable.PARTITION_COLUMN + "=" + DAY + "/part-"));
      assertThat(LakeTables.readCsv(root, table).count()).as(table.tableName())
          .isEqualTo(summary.rows(table)).isPositive();
      assertThat(LakeTables.readIceberg(database, table).count()).isEqualTo(summary.rows(table));
      // the Iceberg table lives in the bucket, at the contract's prefix: data and metadata
      assertThat(keys(table.icebergPrefix())).as(table.tableName())
          .anyMatch(k -> k.startsWith("metadata/") && k.endsWith(".metadata.json"))
          .anyMatch(k -> k.startsWith("data/" + LakeTable.PARTITION_COLUMN + "=" + DAY + "/") && k.endsWith(".parquet"));
    }
  }
}
