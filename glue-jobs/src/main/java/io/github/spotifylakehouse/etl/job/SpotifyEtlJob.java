package io.github.spotifylakehouse.etl.job;

import io.github.spotifylakehouse.etl.io.NioLocalFileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the ETL job on AWS Glue 5.1 (a Scala/Java job with {@code --class} set to this class),
 * under {@code spark-submit}, and locally with plain {@code java}.
 *
 * <pre>
 * --lake-root s3://bucket[/prefix] | s3a://... | /local/folder   (required)
 * --run-date  2026-11-21                                         (default: today, UTC)
 * --formats   csv,iceberg                                        (default: csv)
 * --max-raw-file-bytes 33554432                                  (default: 32 MiB)
 * --incomplete-run-max-age-hours 24                              (default: 24)
 * --database  spotify_lakehouse                                  (default: the contract's; Iceberg tables)
 * </pre>
 *
 * <p>A run ends {@code succeeded} or {@code succeeded_with_rejected_files} (exit status 0, the summary printed)
 * or {@code failed}: then {@code main} throws {@link JobFailedException} after the summary is written, which
 * exits non-zero ({@link io.github.spotifylakehouse.lake.JobOutcome#exitStatus()}) and is how Glue marks a run
 * FAILED. An error of the run itself (storage, Spark) is thrown as it is, after a failed summary is written.
 *
 * <p>Arguments are checked before Spark starts. The session is taken as Glue or {@code spark-submit}
 * configured it; only when no master is configured (a plain {@code java} run) does the job choose
 * {@code local[*]} with settings for a small machine.
 */
public final class SpotifyEtlJob {

  private static final Logger LOG = LoggerFactory.getLogger(SpotifyEtlJob.class);

  private SpotifyEtlJob() {
  }

  public static void main(String[] args) {
    JobArguments arguments = JobArguments.parse(args);
    SparkSession spark = createSession(new SparkConf());
    try {
      JobSummary summary = EtlJob.run(spark, arguments);
      System.out.println(summary.toJson());
    } catch (JobFailedException e) {
      // the exception out of main is what makes the exit status (outcome.exitStatus() != 0) and marks a Glue run
      // FAILED; the summary is already written under the failed prefix
      System.out.println(e.summary().toJson());
      throw e;
    } finally {
      spark.stop();
    }
  }

  /**
   * The session for {@code conf} (which holds whatever spark-submit, Glue or {@code -Dspark.*} set). With no
   * master configured: {@code local[*]}, few shuffle partitions (the default 200 is for clusters), loopback
   * driver, {@link NioLocalFileSystem} for {@code file:} paths. Settings already present are never overridden.
   */
  public static SparkSession createSession(SparkConf conf) {
    SparkSession.Builder builder = SparkSession.builder().appName("spotify-lakehouse-etl");
    if (!conf.contains("spark.master")) {
      int cores = Runtime.getRuntime().availableProcessors();
      builder.master("local[*]");
      setIfAbsent(builder, conf, "spark.sql.shuffle.partitions", Integer.toString(Math.max(2, Math.min(8, cores * 2))));
      setIfAbsent(builder, conf, "spark.driver.host", "127.0.0.1");
      setIfAbsent(builder, conf, "spark.driver.bindAddress", "127.0.0.1");
      setIfAbsent(builder, conf, "spark.ui.enabled", "false");
      // a lake on the local disk: permissions set through java.nio, not one chmod process per file and folder
      setIfAbsent(builder, conf, NioLocalFileSystem.sparkKey(), NioLocalFileSystem.class.getName());
      LOG.info("No Spark master configured: running on local[*] ({} cores)", cores);
    }
    setIfAbsent(builder, conf, "spark.sql.session.timeZone", "UTC");
    return builder.getOrCreate();
  }

  private static void setIfAbsent(SparkSession.Builder builder, SparkConf conf, String key, String value) {
    if (!conf.contains(key)) {
      builder.config(key, value);
    }
  }
}
