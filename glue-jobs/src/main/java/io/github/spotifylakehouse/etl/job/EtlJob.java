package io.github.spotifylakehouse.etl.job;

import io.github.spotifylakehouse.etl.io.IcebergTables;
import io.github.spotifylakehouse.etl.io.LakeFileSystem;
import io.github.spotifylakehouse.etl.io.RawInventory;
import io.github.spotifylakehouse.etl.job.ParseStage.FileTally;
import io.github.spotifylakehouse.etl.schema.EntrySchema;
import io.github.spotifylakehouse.lake.JobOutcome;
import io.github.spotifylakehouse.etl.job.BuildStage.Built;
import io.github.spotifylakehouse.etl.job.MoveStage.Moved;
import io.github.spotifylakehouse.etl.job.ParseStage.Parsed;
import io.github.spotifylakehouse.etl.job.PlanStage.Planned;
import io.github.spotifylakehouse.etl.job.PublishStage.Published;
import io.github.spotifylakehouse.lake.OutputFormat;
import io.github.spotifylakehouse.lake.RawLayout;
import io.github.spotifylakehouse.lake.RunId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.SortedSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.execution.LogicalRDD;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole ETL run on a given session, as five stages: {@link PlanStage plan} the dates and files,
 * {@link ParseStage parse} them, {@link BuildStage build} the tables, {@link PublishStage publish} them (CSV,
 * and Iceberg when asked: one commit per table), then {@link MoveStage move} the consumed raw files to {@code processed/} and the
 * unusable ones to {@code rejected/}. Between parse and build the {@link Verdict} decides the outcome. The
 * summary is assembled from what the stages return and written under the outcome's prefix
 * ({@link JobOutcome#summaryPrefix()}).
 *
 * <p>Nothing moves before every table is written: a run that stops early leaves the raw files where they
 * were, and the next run recomputes the same dates. A rerun with nothing new changes nothing. A run that
 * {@link JobOutcome#FAILED fails} writes no partition and moves no file.
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
   * @return what a run that succeeded (with or without rejected files) did; the same document is written
   *     under its outcome's {@link JobOutcome#summaryPrefix()}
   * @throws JobFailedException when the run {@link JobOutcome#FAILED failed}, after writing its summary
   */
  public static JobSummary run(SparkSession spark, JobArguments args) {
    JobSummary summary = run(spark, args, StageListener.NONE);
    if (summary.outcome().exitStatus() != 0) {
      throw new JobFailedException(summary);
    }
    return summary;
  }

  /** The run, whatever its outcome; {@code listener} hears the stage boundaries (tests stop runs there). */
  static JobSummary run(SparkSession spark, JobArguments args, StageListener listener) {
    Instant started = Instant.now();
    configure(spark);
    if (args.writes(OutputFormat.ICEBERG)) {
      IcebergTables.requireCatalog(spark);
    }
    Configuration hadoopConf = spark.sessionState().newHadoopConf();
    LakeFileSystem lake = LakeFileSystem.resolve(args.lakeRoot(), hadoopConf);
    LOG.info("Spotify ETL starting: lake {} ({}), run date {}, formats {}", args.lakeRoot(), lake,
        args.runDate(), args.formats());

    Planned planned = null;
    Parsed parsed = null;
    Verdict verdict = null;
    Built built = null;
    Published published = null;
    Moved moved = null;
    PlanExecution execution = null;
    JobSummary summary;
    try {
      planned = PlanStage.run(lake, args, started);
      RawInventory inventory = planned.inventory();
      execution = PlanExecution.forRun(spark, inventory.bytesToRead());
      if (!inventory.toRead().isEmpty()) {
        parsed = ParseStage.run(spark, inventory, hadoopConf, args.maxRawFileBytes());
      }
      verdict = Verdict.decide(inventory, parsed == null ? FileTally.NONE : parsed.tally());
      try {
        if (verdict.failed()) {
          LOG.error("Run failed, nothing written and nothing moved: {}", verdict.failure());
        } else {
          if (!verdict.writeDates().isEmpty()) {
            built = BuildStage.run(spark, datesOf(parsed.entries(), verdict.writeDates(), inventory.dates()),
                datesOf(parsed.files(), verdict.writeDates(), inventory.dates()), verdict.writeDates(),
                parsed.tally().entriesByDate());
            // text with nothing to replace for the CSV copy (the usual case) is written as it is
            published = PublishStage.run(spark, built, args, lake, parsed.tally().unsafeTexts() > 0,
                PlanExecution.interprets(inventory.bytesToRead()), listener);
          } else {
            LOG.info("No date to rewrite: nothing new in {} can be used", RawLayout.TO_PROCESS);
          }
          // only now, with every table written, do raw files leave to_process
          moved = MoveStage.run(lake, inventory, verdict, listener);
        }
      } finally {
        if (parsed != null) {
          release(parsed.parsed());
        }
        if (built != null) {
          built.release();
        }
      }
      summary = JobSummary.assemble(args, started, Instant.now(), verdict.outcome(), verdict.failure(), planned,
          parsed, verdict, built, published, moved);
    } catch (RuntimeException e) {
      // a storage error, a bug, a stop: the summary still says how far the run got
      JobSummary failed = JobSummary.assemble(args, started, Instant.now(), JobOutcome.FAILED,
          "the run stopped on an error: " + e, planned, parsed, verdict, built, published, moved);
      try {
        writeSummary(lake, failed, started);
      } catch (RuntimeException summaryFailure) {
        e.addSuppressed(summaryFailure);
      }
      LOG.error("Spotify ETL stopped on an error after {} ms: {}", failed.duration().toMillis(), failed);
      throw e;
    } finally {
      if (execution != null) {
        execution.close();
      }
    }
    summary = summary.withSummaryLocation(writeSummary(lake, summary, started));
    LOG.info("Spotify ETL finished in {} ms, {}: {} (summary {})", summary.duration().toMillis(),
        summary.outcome().label(), summary, summary.summaryLocation());
    return summary;
  }

  /** The parsed rows of {@code dates} only, when the run read more dates than it rewrites. */
  private static Dataset<Row> datesOf(Dataset<Row> rows, SortedSet<LocalDate> dates, SortedSet<LocalDate> read) {
    if (dates.equals(read)) {
      return rows;
    }
    return rows.where(functions.col(EntrySchema.SNAPSHOT_DATE).isin(dates.stream().map(LocalDate::toString)
        .toArray()));
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
    Path path = lake.resolve(summary.outcome().summaryPrefix() + RunId.create(started) + ".json");
    try (OutputStream out = lake.fileSystem().create(path, true)) {
      out.write(summary.toJson().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to write the job summary " + path, e);
    }
    return path.toString();
  }
}
