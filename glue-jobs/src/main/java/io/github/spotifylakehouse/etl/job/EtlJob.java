package io.github.spotifylakehouse.etl.job;

import io.github.spotifylakehouse.etl.io.LakeFileSystem;
import io.github.spotifylakehouse.etl.job.BuildStage.Built;
import io.github.spotifylakehouse.etl.job.MoveStage.Moved;
import io.github.spotifylakehouse.etl.job.ParseStage.Parsed;
import io.github.spotifylakehouse.etl.job.PlanStage.Planned;
import io.github.spotifylakehouse.etl.job.PublishStage.Published;
import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.RawLayout;
import io.github.spotifylakehouse.lake.RunId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.LogicalRDD;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole ETL run on a given session, as five stages: {@link PlanStage plan} the dates and files,
 * {@link ParseStage parse} them, {@link BuildStage build} the tables, {@link PublishStage publish} them (CSV,
 * and Parquet when asked), then {@link MoveStage move} the consumed raw files to {@code processed/} and the
 * unreadable ones to {@code rejected/}. The summary is assembled from what the stages return.
 *
 * <p>Nothing moves before every table is written: a run that fails leaves the raw files where they were,
 * and the next run recomputes the same dates. A rerun with nothing new changes nothing.
 */
public final class EtlJob {

  private static final Logger LOG = LoggerFactory.getLogger(EtlJob.class);
  private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  private static final String SESSION_TIME_ZONE = "spark.sql.session.timeZone";

  private EtlJob() {
  }

  /**
   * Runs the job on {@code spark} (the caller owns the session and stops it). The session's time zone is
   * set to UTC; the shuffle partitions are sized to the cluster when the session leaves them unset.
   *
   * @return what the run did; the same document is written under {@link LakeTable#SUMMARY_PREFIX}
   */
  public static JobSummary run(SparkSession spark, JobArguments args) {
    Instant started = Instant.now();
    configure(spark);
    Configuration hadoopConf = spark.sessionState().newHadoopConf();
    LakeFileSystem lake = LakeFileSystem.resolve(args.lakeRoot(), hadoopConf);
    LOG.info("Spotify ETL starting: lake {} ({}), run date {}, formats {}", args.lakeRoot(), lake,
        args.runDate(), args.formats());

    Planned planned = PlanStage.run(lake, args.runDate());
    Parsed parsed = null;
    Published published = null;
    Moved moved = null;
    Built built = null;
    if (!planned.inventory().dates().isEmpty()) {
      parsed = ParseStage.run(spark, planned.inventory(), hadoopConf, args.maxRawFileBytes());
      try {
        built = BuildStage.run(spark, parsed.parsed(), planned.inventory().dates());
      } finally {
        release(parsed.parsed());
      }
      try {
        published = PublishStage.run(built, args.formats(), lake, jobThreads(spark));
      } finally {
        built.release();
      }
      // only now, with every table written, do raw files leave to_process
      moved = MoveStage.run(lake, planned.inventory(), parsed.tally().rejections());
    } else {
      LOG.info("Nothing new in {}: no table written", RawLayout.TO_PROCESS);
    }

    JobSummary result = JobSummary.assemble(args, started, Instant.now(), planned, parsed, built, published, moved);
    String location = writeSummary(lake, result, started);
    result = result.withSummaryLocation(location);
    LOG.info("Spotify ETL finished in {} ms: {} (summary {})", result.duration().toMillis(), result, location);
    return result;
  }

  /** Threads for driver-side Spark jobs that run side by side (table builds and writes). */
  static int jobThreads(SparkSession spark) {
    return Math.max(2, Math.min(LakeTable.values().length, spark.sparkContext().defaultParallelism()));
  }

  /**
   * Frees the blocks of a local checkpoint now rather than when the session's cleaner gets to them: a
   * long-lived session (the local runner's) runs the job many times.
   */
  static void release(Dataset<Row> checkpointed) {
    if (checkpointed.queryExecution().logical() instanceof LogicalRDD rdd) {
      rdd.rdd().unpersist(false);
    }
  }

  static long millisSince(long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1_000_000;
  }

  private static void configure(SparkSession spark) {
    if (!"UTC".equals(spark.conf().get(SESSION_TIME_ZONE))) {
      LOG.info("Setting {} to UTC (was {}): the lake's timestamps are UTC", SESSION_TIME_ZONE,
          spark.conf().get(SESSION_TIME_ZONE));
      spark.conf().set(SESSION_TIME_ZONE, "UTC");
    }
    if (!spark.conf().contains(SHUFFLE_PARTITIONS)) {
      // the default of 200 is made for big clusters; the tables here are small
      int partitions = Math.max(2, Math.min(200, spark.sparkContext().defaultParallelism() * 2));
      LOG.info("{} unset: using {}", SHUFFLE_PARTITIONS, partitions);
      spark.conf().set(SHUFFLE_PARTITIONS, partitions);
    }
  }

  private static String writeSummary(LakeFileSystem lake, JobSummary summary, Instant started) {
    Path path = lake.resolve(LakeTable.SUMMARY_PREFIX + RunId.create(started) + ".json");
    try (OutputStream out = lake.fileSystem().create(path, true)) {
      out.write(summary.toJson().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to write the job summary " + path, e);
    }
    return path.toString();
  }
}
