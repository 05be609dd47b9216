package io.github.spotifylakehouse.etl.job;

import static org.apache.spark.sql.functions.col;

import io.github.spotifylakehouse.etl.io.Parallel;
import io.github.spotifylakehouse.etl.schema.EntrySchema;
import io.github.spotifylakehouse.etl.transform.ParseRawFiles;
import io.github.spotifylakehouse.etl.transform.Tables;
import io.github.spotifylakehouse.lake.LakeTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 3: build every table from the parsed entries and keep it (local checkpoint) for the writes, laid out
 * one task per date with rows sorted by key, so that recomputing a date writes the same bytes.
 */
final class BuildStage {

  private static final Logger LOG = LoggerFactory.getLogger(BuildStage.class);
  /**
   * Tables by their usual size, largest first: started first, the largest table does not end up alone on
   * the critical path while the other threads idle.
   */
  static final List<LakeTable> LARGEST_FIRST = List.of(LakeTable.PLAYLIST_TRACK, LakeTable.SONG_ARTIST,
      LakeTable.SONG, LakeTable.ARTIST, LakeTable.ALBUM, LakeTable.PLAYLIST);

  private BuildStage() {
  }

  /**
   * A table computed and kept for its writes.
   *
   * @param emptyDates dates this run computes that have no rows in this table (their old partitions go)
   */
  record BuiltTable(LakeTable table, Dataset<Row> data, long rows, Set<LocalDate> emptyDates) {
  }

  /**
   * Every table, largest first.
   *
   * @param dates the dates the tables cover
   * @param millis how long building took
   */
  record Built(Map<LakeTable, BuiltTable> tables, Set<LocalDate> dates, long millis) {

    /** Rows per table, over all dates. */
    Map<LakeTable, Long> rows() {
      Map<LakeTable, Long> rows = new EnumMap<>(LakeTable.class);
      tables.forEach((table, built) -> rows.put(table, built.rows()));
      return rows;
    }

    void release() {
      tables.values().forEach(built -> EtlJob.release(built.data()));
    }
  }

  /** Builds the tables of {@code dates} from {@code parsed} (which it releases once the tables are kept). */
  static Built run(SparkSession spark, Dataset<Row> parsed, Set<LocalDate> dates) {
    long start = System.nanoTime();
    int parallelism = spark.sparkContext().defaultParallelism();
    Dataset<Row> entries = ParseRawFiles.entries(parsed);
    Dataset<Row> filesRead = ParseRawFiles.files(parsed)
        .where(col(EntrySchema.FILE_STATUS).equalTo(EntrySchema.STATUS_READ));
    // the one heavy aggregation, shared by song, song_artist, album and artist
    long versionsStart = System.nanoTime();
    Dataset<Row> versions = Tables.songVersions(entries).localCheckpoint(true);
    LOG.info("Kept the latest version of each song of the day in {} ms", EtlJob.millisSince(versionsStart));
    int writeTasks = Math.max(1, Math.min(dates.size(), parallelism));
    List<Callable<BuiltTable>> builds = new ArrayList<>();
    for (LakeTable table : LARGEST_FIRST) {
      builds.add(() -> keep(table, Tables.build(table, entries, versions, filesRead), writeTasks, dates));
    }
    Map<LakeTable, BuiltTable> tables = new EnumMap<>(LakeTable.class);
    try {
      for (BuiltTable built : Parallel.run("build-table", builds, EtlJob.jobThreads(spark))) {
        tables.put(built.table(), built);
      }
    } finally {
      EtlJob.release(versions);
    }
    Built built = new Built(Collections.unmodifiableMap(tables), dates, EtlJob.millisSince(start));
    LOG.info("Built tables for {} in {} ms: rows {}", dates, built.millis(), built.rows());
    return built;
  }

  /**
   * Lays out and keeps {@code rows} for writing, and counts its rows per date: the dates this run computes
   * that end up with no rows are noted, so their old partitions can be removed.
   */
  private static BuiltTable keep(LakeTable table, Dataset<Row> rows, int writeTasks, Set<LocalDate> dates) {
    long start = System.nanoTime();
    Dataset<Row> kept = layOut(rows, table, writeTasks).localCheckpoint(true);
    Set<LocalDate> empty = new TreeSet<>(dates);
    long total = 0;
    for (Row perDate : kept.groupBy(col(LakeTable.PARTITION_COLUMN)).count().collectAsList()) {
      empty.remove(LocalDate.parse(perDate.getString(0)));
      total += perDate.getLong(1);
    }
    LOG.info("Built {}: {} rows in {} ms", table.tableName(), total, EtlJob.millisSince(start));
    return new BuiltTable(table, kept, total, empty);
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
}
