package io.github.spotifylakehouse.etl.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.spotifylakehouse.etl.LakeTables;
import io.github.spotifylakehouse.etl.RawLake;
import io.github.spotifylakehouse.lake.JobOutcome;
import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.testkit.Fixtures;
import io.github.spotifylakehouse.testkit.LocalIcebergCatalog;
import io.github.spotifylakehouse.lake.RawLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built job jar, as {@code deploy.sh} uploads it, run by Spark's own launcher
 * ({@code org.apache.spark.deploy.SparkSubmit}, what the {@code spark-submit} script runs) in a child JVM
 * whose classpath is only what a Spark distribution provides: Spark and its dependencies, Hadoop's client.
 * Nothing of this project but the jar, so the jar's contents are proven, not assumed.
 */
class SparkSubmitIT {

  private static final LocalDate DAY = LocalDate.of(2026, 11, 21);
  /** Everything the Glue jar may hold: the job's packages and the lake contract. */
  private static final Pattern JOB_CLASS = Pattern.compile(
      "io/github/spotifylakehouse/(etl/(job|schema|transform|io)|lake)/[A-Za-z0-9_$-]+\\.class");

  @TempDir
  Path dir;

  @Test
  void theJobJarRunsUnderSparkSubmitOnASparkDistributionClasspath() throws Exception {
    RawLake lake = new RawLake(dir.resolve("lake"), 11);
    List<String> playlists = lake.catalog().playlistIds(2);
    lake.syntheticRun(DAY, playlists.get(0), "20261121T060000Z-0000000a", 150, true);
    lake.syntheticRun(DAY, playlists.get(1), "20261121T060500Z-0000000b", 80, true);

    // CSV only: plain Spark, no Iceberg anywhere on the classpath
    String output = sparkSubmit(lake, 0, List.of(), List.of(), "csv");

    assertThat(output).contains("\"files_read\" : 3", "\"entries_read\" : 230");
    for (LakeTable table : LakeTable.values()) {
      assertThat(LakeTables.readCsv(lake.root().toUri().toString().replaceAll("/$", ""), table).count())
          .as("%s as CSV", table.tableName()).isPositive();
    }
    assertThat(lake.files(RawLayout.TO_PROCESS)).isEmpty();
    assertThat(lake.files(RawLayout.PROCESSED)).hasSize(5);
    assertThat(lake.files(JobOutcome.SUCCEEDED.summaryPrefix())).hasSize(1);
    assertThat(lake.files(LakeTable.ICEBERG_ROOT)).isEmpty();
  }

  @Test
  void withIcebergsRuntimeAddedAsUsersAddItTheJobWritesTheIcebergTables() throws Exception {
    RawLake lake = new RawLake(dir.resolve("iceberg-lake"), 12);
    String playlist = lake.catalog().playlistIds(1).get(0);
    lake.syntheticRun(DAY, playlist, "20261121T060000Z-0000000a", 120, true);
    List<String> conf = new ArrayList<>();
    for (Map.Entry<String, String> setting
        : LocalIcebergCatalog.sparkSettings(dir.resolve("metastore_db")).entrySet()) {
      Collections.addAll(conf, "--conf", setting.getKey() + "=" + setting.getValue());
    }
    Collections.addAll(conf, "--conf", "spark.sql.catalogImplementation=hive",
        "--conf", "spark.sql.warehouse.dir=" + dir.resolve("warehouse").toUri());

    String output = sparkSubmit(lake, 0, List.of(Path.of(System.getProperty("iceberg.runtime.jar"))), conf,
        "csv,iceberg");

    assertThat(output).contains("\"files_read\" : 2", "\"write_iceberg\"");
    for (LakeTable table : LakeTable.values()) {
      assertThat(lake.files(table.icebergPrefix())).as(table.tableName())
          .anyMatch(f -> f.startsWith("metadata/") && f.endsWith(".metadata.json"))
          .anyMatch(f -> f.startsWith("data/" + LakeTable.PARTITION_COLUMN + "=" + DAY + "/") && f.endsWith(".parquet"));
    }
  }

  @Test
  void aFailedRunWritesItsSummaryAndExitsNonZero() throws Exception {
    RawLake lake = new RawLake(dir.resolve("failing-lake"), 11);
    String loose = "spotify_raw_20261121T101500.json";
    lake.write(RawLayout.TO_PROCESS + loose, Fixtures.bytes(Fixtures.JOOSTLEK_NOT_FOUND));

    String output = sparkSubmit(lake, JobOutcome.FAILED.exitStatus(), List.of(), List.of(), "csv");

    assertThat(output).contains("\"outcome\" : \"failed\"", JobFailedException.class.getName(),
        "none of the 1 new raw file(s) can be used");
    assertThat(lake.files(JobOutcome.FAILED.summaryPrefix())).hasSize(1);
    assertThat(lake.files(RawLayout.TO_PROCESS)).containsExactly(loose);
    assertThat(lake.files(LakeTable.SONG.csvPrefix())).isEmpty();
  }

  /**
   * Runs the job jar under spark-submit on {@code lake}, with {@code extraJars} added to the distribution's
   * classpath and {@code conf} before the jar; returns its output.
   */
  private String sparkSubmit(RawLake lake, int exitStatus, List<Path> extraJars, List<String> conf,
                             String formats) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:ReservedCodeCacheSize=256m");
    Collections.addAll(command, System.getProperty("spark.java17.opens").trim().split("\\s+"));
    command.add("-Dderby.system.home=" + dir);
    command.add("-cp");
    String classpath = Files.readString(Path.of(System.getProperty("spark.distribution.classpath")),
        StandardCharsets.UTF_8).trim();
    for (Path jar : extraJars) {
      assertThat(jar).isRegularFile();
      classpath = classpath + java.io.File.pathSeparator + jar;
    }
    command.add(classpath);
    command.add("org.apache.spark.deploy.SparkSubmit");
    Collections.addAll(command, "--master", "local[2]",
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.driver.bindAddress=127.0.0.1");
    command.addAll(conf);
    Collections.addAll(command, "--class", SpotifyEtlJob.class.getName(),
        jobJar().toString(),
        "--lake-root", lake.root().toString(),
        "--run-date", DAY.toString(),
        "--formats", formats);
    Path log = lake.root().resolveSibling(lake.root().getFileName() + "-spark-submit.log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // the driver stays on loopback, as every server in the tests does
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process process = builder.start();
    boolean finished = process.waitFor(4, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("spark-submit finished within 4 minutes; output:%n%s", output).isTrue();
    if (exitStatus == 0) {
      assertThat(process.exitValue()).as("spark-submit exit status; output:%n%s", output).isZero();
    } else {
      assertThat(process.exitValue()).as("spark-submit exit status; output:%n%s", output).isNotZero();
    }
    return output;
  }

  @Test
  void theJobJarHoldsTheJobAndTheContractAndNothingElse() throws IOException {
    try (JarFile jar = new JarFile(jobJar().toFile())) {
      List<String> classes = jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class"))
          .collect(Collectors.toList());
      assertThat(classes).allSatisfy(name -> assertThat(name).matches(JOB_CLASS))
          .anyMatch(name -> name.startsWith("io/github/spotifylakehouse/lake/"))
          .contains("io/github/spotifylakehouse/etl/job/SpotifyEtlJob.class");
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(SpotifyEtlJob.class.getName());
    }
  }

  private static Path jobJar() {
    Path jar = Path.of(System.getProperty("job.jar"));
    assertThat(jar).as("the packaged job jar").isRegularFile();
    return jar;
  }
}
