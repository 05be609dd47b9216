package io.github.spotifylakehouse.etl.job;

import io.github.spotifylakehouse.lake.OutputFormat;
import static org.apache.spark.sql.functions.col;

import io.github.spotifylakehouse.etl.io.IcebergTables;
import io.github.spotifylakehouse.etl.io.LakeFileSystem;
import io.github.spotifylakehouse.etl.io.Parallel;
import io.github.spotifylakehouse.etl.io.RawFileMover;
import io.github.spotifylakehouse.etl.io.RawFileReader;
import io.github.spotifylakehouse.etl.io.RawInventory;
import io.github.spotifylakehouse.etl.io.RawInventory.RawObject;
import io.github.spotifylakehouse.etl.io.TableWriter;
import io.github.spotifylakehouse.etl.schema.EntrySchema;
import io.github.spotifylakehouse.etl.schema.SkipKind;
import io.github.spotifylakehouse.etl.transform.ParseRawFiles;
import io.github.spotifylakehouse.etl.transform.Tables;
import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.RawLayout;
import io.github.spotifylakehouse.lake.RunId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.LogicalRDD;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole ETL run on a given session: list the raw prefixes, parse the files of the dates that have new
 * complete extractions, build every table, write them (CSV, and Iceberg when asked), then move the consumed
 * raw files to {@code processed/} and the unreadable ones to {@code rejected/}, and write a summary.
 *
 * <p>Nothing moves before every table is written: a run that fails leaves the raw files where they were,
 * and the next run recomputes the same dates. A rerun with nothing new changes nothing.
 */
public final class EtlJob {

  private static final Logger LOG = LoggerFactory.getLogger(EtlJob.class);
  private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  private static final String SESSION_TIME_ZONE = "spark.sql.session.timeZone";
  /**
   * Tables by their usual size, largest first: started first, the largest table does not end up alone on
   * the critical path while the other threads idle.
   */
  private static final List<LakeTable> LARGEST_FIRST = List.of(LakeTable.PLAYLIST_TRACK, LakeTable.SONG_ARTIST,
      LakeTable.SONG, LakeTable.ARTIST, LakeTable.ALBUM, LakeTable.PLAYLIST);

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
    JobSummary.Builder summary = JobSummary.builder(args, started);
    configure(spark);
    if (args.writes(OutputFormat.ICEBERG)) {
      IcebergTables.requireCatalog(spark);
    }
    Configuration hadoopConf = spark.sessionState().newHadoopConf();
    LakeFileSystem lake = LakeFileSystem.resolve(args.lakeRoot(), hadoopConf);
    LOG.info("Spotify ETL starting: lake {} ({}), run date {}, formats {}", args.lakeRoot(), lake,
        args.runDate(), args.formats());

    long t = System.nanoTime();
    RawInventory inventory = RawInventory.scan(lake, args.runDate());
    summary.phase(JobSummary.PHASE_LIST, millisSince(t));
    summary.incompleteRuns.addAll(inventory.incompleteRuns());
    summary.filesInIncompleteRuns = inventory.filesInIncompleteRuns();
    summary.unrecognizedFiles.addAll(inventory.unrecognized());
    LOG.info("Listed raw files: {} to read ({} bytes) for dates {}, {} to consume, {} incomplete runs left alone, "
            + "{} unrecognized files", inventory.toRead().size(), inventory.bytesToRead(), inventory.dates(),
        inventory.toConsume().size() + inventory.manifestsToConsume().size(), inventory.incompleteRuns().size(),
        inventory.unrecognized().size());
    for (String run : inventory.incompleteRuns()) {
      LOG.warn("Incomplete run left alone (no {}): {}", RawLayout.MANIFEST_FILE, run);
    }
    for (String file : inventory.unrecognized()) {
      LOG.warn("Unrecognized raw file left alone: {}", file);
    }

    if (!inventory.dates().isEmpty()) {
      process(spark, args, lake, hadoopConf, inventory, summary);
    } else {
      LOG.info("Nothing new in {}: no table written", RawLayout.TO_PROCESS);
    }

    JobSummary result = summary.build(Instant.now());
    String location = writeSummary(lake, result, started);
    result = result.withSummaryLocation(location);
    LOG.info("Spotify ETL finished in {} ms: {} (summary {})", result.duration().toMillis(), result, location);
    return result;
  }

  private static void process(SparkSession spark, JobArguments args, LakeFileSystem lake, Configuration hadoopConf,
                              RawInventory inventory, JobSummary.Builder summary) {
    int parallelism = spark.sparkContext().defaultParallelism();

    // parse once: everything downstream reads the kept entries. A local checkpoint keeps Spark's own rows
    // (memory, then disk); a cache would also convert them to compressed columns, which cost more than the
    // parse itself here and buys nothing for two full scans.
    long t = System.nanoTime();
    JavaRDD<Row> rawFiles = RawFileReader.read(spark, inventory.toRead(), hadoopConf, parallelism * 3);
    Dataset<Row> parsed = ParseRawFiles.apply(spark, rawFiles).localCheckpoint(true);
    List<Row> files = ParseRawFiles.files(parsed).collectAsList();
    summary.phase(JobSummary.PHASE_PARSE, millisSince(t));
    Map<String, String> rejections = tally(files, summary);
    LOG.info("Parsed {} raw files: {} read, {} rejected, {} entries, skipped {}", files.size(),
        summary.filesRead, rejections.size(), summary.entriesRead, summary.skippedEntries);

    t = System.nanoTime();
    Dataset<Row> entries = ParseRawFiles.entries(parsed);
    Dataset<Row> filesRead = ParseRawFiles.files(parsed)
        .where(col(EntrySchema.FILE_STATUS).equalTo(EntrySchema.STATUS_READ));
    // the one heavy aggregation, shared by song, song_artist, album and artist
    long versionsStart = System.nanoTime();
    Dataset<Row> versions = Tables.songVersions(entries).localCheckpoint(true);
    LOG.info("Kept the latest version of each song of the day in {} ms", millisSince(versionsStart));
    int writeTasks = Math.max(1, Math.min(inventory.dates().size(), parallelism));
    int jobThreads = Math.max(2, Math.min(LakeTable.values().length, parallelism));
    List<Callable<BuiltTable>> builds = new ArrayList<>();
    for (LakeTable table : LARGEST_FIRST) {
      builds.add(() -> build(table, Tables.build(table, entries, versions, filesRead), writeTasks, inventory.dates()));
    }
    Map<LakeTable, BuiltTable> tables = new EnumMap<>(LakeTable.class);
    for (BuiltTable built : Parallel.run("build-table", builds, jobThreads)) {
      tables.put(built.table(), built);
      summary.rows.put(built.table(), built.rows());
    }
    release(parsed);
    release(versions);
    summary.phase(JobSummary.PHASE_TRANSFORM, millisSince(t));
    LOG.info("Built tables for {}: rows {}", inventory.dates(), summary.rows);

    for (OutputFormat format : OutputFormat.values()) {
      if (!args.writes(format)) {
        continue;
      }
      t = System.nanoTime();
      if (format == OutputFormat.ICEBERG) {
        IcebergTables.createDatabase(spark, args.database());
      }
      List<Callable<Void>> writes = new ArrayList<>();
      for (LakeTable table : LARGEST_FIRST) {
        BuiltTable built = tables.get(table);
        writes.add(() -> {
          long tableStart = System.nanoTime();
          if (format == OutputFormat.ICEBERG) {
            // one commit per table: the computed dates' old files out, the new ones in
            IcebergTables.create(spark, args.database(), built.table(), lake);
            IcebergTables.replaceDates(built.data(), args.database(), built.table(), inventory.dates());
          } else {
            TableWriter.write(built.data(), built.table(), format, lake);
            TableWriter.deletePartitions(built.table(), format, lake, built.emptyDates());
          }
          LOG.info("Wrote {} as {} in {} ms", built.table().tableName(), format.argumentName(),
              millisSince(tableStart));
          return null;
        });
      }
      Parallel.run("write-" + format.argumentName(), writes, jobThreads);
      summary.phase(format == OutputFormat.CSV ? JobSummary.PHASE_WRITE_CSV : JobSummary.PHASE_WRITE_ICEBERG,
          millisSince(t));
      LOG.info("Wrote {} tables for {}", format.argumentName(), inventory.dates());
    }
    tables.values().forEach(built -> release(built.data()));
    summary.datesWritten.addAll(inventory.dates());

    // only now, with every table written, do raw files leave to_process
    t = System.nanoTime();
    RawFileMover mover = new RawFileMover(lake);
    List<RawObject> consumed = new ArrayList<>();
    for (RawObject file : inventory.toRead()) {
      String reason = rejections.get(file.lakePath());
      if (reason != null) {
        summary.rejectedFiles.add(new JobSummary.RejectedFile(file.lakePath(), reason));
        String target = mover.reject(file, reason);
        LOG.warn("Rejected {} -> {}: {}", file.lakePath(), target, reason);
      }
    }
    for (RawObject file : inventory.toConsume()) {
      if (!rejections.containsKey(file.lakePath())) {
        consumed.add(file);
      }
    }
    int moved = mover.moveToProcessed(consumed);
    // manifests last: until they move, their runs still count as complete and new
    moved += mover.moveToProcessed(inventory.manifestsToConsume());
    summary.filesMoved = moved;
    summary.phase(JobSummary.PHASE_MOVE, millisSince(t));
    LOG.info("Moved {} raw files to processed, {} to rejected", moved, rejections.size());
  }

  /** A table computed and kept (local checkpoint) for its writes. */
  private record BuiltTable(LakeTable table, Dataset<Row> data, long rows, Set<LocalDate> emptyDates) {
  }

  /**
   * Lays out and keeps {@code rows} for writing, and counts its rows per date: the dates this run computes
   * that end up with no rows are noted, so their old partitions can be removed.
   */
  private static BuiltTable build(LakeTable table, Dataset<Row> rows, int writeTasks, Set<LocalDate> dates) {
    long start = System.nanoTime();
    Dataset<Row> kept = layOut(rows, table, writeTasks).localCheckpoint(true);
    Set<LocalDate> empty = new TreeSet<>(dates);
    long total = 0;
    for (Row perDate : kept.groupBy(col(LakeTable.PARTITION_COLUMN)).count().collectAsList()) {
      empty.remove(LocalDate.parse(perDate.getString(0)));
      total += perDate.getLong(1);
    }
    LOG.info("Built {}: {} rows in {} ms", table.tableName(), total, millisSince(start));
    return new BuiltTable(table, kept, total, empty);
  }

  /** Files read, bytes, entries and skips into the summary; returns rejection reasons by lake path. */
  private static Map<String, String> tally(List<Row> files, JobSummary.Builder summary) {
    Map<String, String> rejections = new HashMap<>();
    for (Row file : files) {
      String path = file.getAs(EntrySchema.FILE_PATH);
      summary.bytesRead += (Long) file.getAs(EntrySchema.FILE_BYTES);
      if (EntrySchema.STATUS_REJECTED.equals(file.getAs(EntrySchema.FILE_STATUS))) {
        rejections.put(path, file.getAs(EntrySchema.FILE_REASON));
        continue;
      }
      summary.filesRead++;
      summary.entriesRead += (Integer) file.getAs(EntrySchema.FILE_ENTRIES);
      for (SkipKind kind : SkipKind.values()) {
        long count = (Integer) file.getAs(EntrySchema.skippedColumn(kind));
        summary.skippedEntries.merge(kind, count, Long::sum);
      }
    }
    return rejections;
  }

  /** One task per date (so one file per table and date), rows sorted by key: reruns write the same bytes. */
  private static Dataset<Row> layOut(Dataset<Row> table, LakeTable lakeTable, int tasks) {
    List<Column> order = new ArrayList<>();
    order.add(col(LakeTable.PARTITION_COLUMN));
    for (String key : lakeTable.keyColumns()) {
      order.add(col(key));
    }
    return table.repartition(tasks, col(LakeTable.PARTITION_COLUMN))
        .sortWithinPartitions(order.toArray(new Column[0]));
  }

  /**
   * Frees the blocks of a local checkpoint now rather than when the session's cleaner gets to them: a
   * long-lived session (the local runner's) runs the job many times.
   */
  private static void release(Dataset<Row> checkpointed) {
    if (checkpointed.queryExecution().logical() instanceof LogicalRDD rdd) {
      rdd.rdd().unpersist(false);
    }
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

  private static long millisSince(long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1_000_000;
  }
}
