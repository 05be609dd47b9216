package io.github.spotifylakehouse.etl.job;

import static org.apache.spark.sql.functions.col;

import io.github.spotifylakehouse.etl.schema.EntrySchema;
import io.github.spotifylakehouse.etl.transform.Tables;
import io.github.spotifylakehouse.lake.LakeTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 3: define every table from the parsed entries, laid out one task per date with rows sorted by key (so
 * that recomputing a date writes the same bytes), for {@link PublishStage} to write straight from the plan. The
 * only thing computed and kept apart from the writes is what four tables share: the latest version of each song
 * of the day ({@link SongVersions}), when the first of them is written. Nothing is counted apart from its write:
 * the writes report their rows.
 */
final class BuildStage {

  private static final Logger LOG = LoggerFactory.getLogger(BuildStage.class);
  /** Entries of a date per file of {@code playlist_track}: below this, one file per date. */
  static final long ENTRIES_PER_TRACK_FILE = 100_000;
  /** At most this many files of {@code playlist_track} per date. */
  static final int MAX_TRACK_FILES = 64;
  /**
   * Tables by their usual size, largest first: started first, the largest table does not end up alone on
   * the critical path while the other threads idle.
   */
  static final List<LakeTable> LARGEST_FIRST = List.of(LakeTable.PLAYLIST_TRACK, LakeTable.SONG_ARTIST,
      LakeTable.SONG, LakeTable.ARTIST, LakeTable.ALBUM, LakeTable.PLAYLIST);

  private BuildStage() {
  }

  /**
   * Every table, as a plan over the parsed entries and the song versions, computed when first asked for.
   *
   * @param tables each table laid out for writing (one task per date, sorted by key); asking for one of the four
   *     tables made from the song versions computes and keeps the versions first, once, while the others wait
   * @param dates the dates the tables cover
   */
  record Built(Map<LakeTable, Supplier<Dataset<Row>>> tables, Set<LocalDate> dates, SongVersions versions) {

    /** How long computing the song versions took (0 when no table asked for them). */
    long millis() {
      return versions.millis();
    }

    void release() {
      versions.release();
    }
  }

  /**
   * The latest version of each song of the day ({@link Tables#songVersions}), computed and kept on first use:
   * four tables derive from it, and the tables that do not ({@code playlist_track}, {@code playlist}) are
   * written meanwhile.
   */
  static final class SongVersions {
    private final Dataset<Row> entries;
    private final int tasks;
    private Dataset<Row> kept;
    private long millis;

    SongVersions(Dataset<Row> entries, int tasks) {
      this.entries = entries;
      this.tasks = tasks;
    }

    /**
     * The versions, kept in {@code tasks} partitions by date (as {@link #layOut} lays out a table): the tables made
     * from them group by date and key and are written one task per date, all without another shuffle.
     */
    synchronized Dataset<Row> get() {
      if (kept == null) {
        long start = System.nanoTime();
        kept = Tables.songVersions(entries).repartition(tasks, col(LakeTable.PARTITION_COLUMN)).localCheckpoint(true);
        millis = EtlJob.millisSince(start);
        LOG.info("Kept the latest version of each song of the day in {} ms", millis);
      }
      return kept;
    }

    synchronized long millis() {
      return millis;
    }

    synchronized void release() {
      if (kept != null) {
        EtlJob.release(kept);
      }
    }
  }

  /**
   * Defines the tables of {@code dates}; nothing is computed yet.
   *
   * @param entries the parsed entries ({@link EntrySchema#ENTRY}) of those dates
   * @param files the parsed files ({@link EntrySchema#FILE}) of those dates, read or rejected
   * @param entriesByDate how many entries the files of each date held (at least those of {@code dates})
   */
  static Built run(SparkSession spark, Dataset<Row> entries, Dataset<Row> files, Set<LocalDate> dates,
                   Map<LocalDate, Long> entriesByDate) {
    int parallelism = spark.sparkContext().defaultParallelism();
    Dataset<Row> filesRead = files.where(col(EntrySchema.FILE_STATUS).equalTo(EntrySchema.STATUS_READ));
    // at least two: a repartition into one task is planned as a single partition, which Spark never drops
    int writeTasks = Math.max(2, Math.min(dates.size(), parallelism));
    int trackTasks = playlistTrackFiles(dates, entriesByDate);
    // the one heavy aggregation, shared by song, song_artist, album and artist
    SongVersions versions = new SongVersions(entries, writeTasks);
    Map<LakeTable, Supplier<Dataset<Row>>> tables = new EnumMap<>(LakeTable.class);
    for (LakeTable table : LARGEST_FIRST) {
      tables.put(table, () -> {
        Dataset<Row> built = Tables.build(table, entries, Tables.usesSongVersions(table) ? versions.get() : null,
            filesRead);
        return table == LakeTable.PLAYLIST_TRACK && trackTasks > 1
            ? layOut(built, table, trackTasks, col(LakeTable.PARTITION_COLUMN), col(EntrySchema.PLAYLIST_ID))
            : layOut(built, table, writeTasks, col(LakeTable.PARTITION_COLUMN));
      });
    }
    return new Built(Collections.unmodifiableMap(tables), dates, versions);
  }

  /**
   * How many files {@code playlist_track} gets per date: one, or one per {@value #ENTRIES_PER_TRACK_FILE} entries of
   * the run's largest date, so that a large run writes its largest table in as many tasks. A function of the input
   * alone (not of the cluster), so that a rerun lays the rows out the same way.
   */
  static int playlistTrackFiles(Set<LocalDate> dates, Map<LocalDate, Long> entriesByDate) {
    long largest = dates.stream().mapToLong(d -> entriesByDate.getOrDefault(d, 0L)).max().orElse(0);
    return (int) Math.min(MAX_TRACK_FILES, Math.max(1, (largest + ENTRIES_PER_TRACK_FILE - 1) / ENTRIES_PER_TRACK_FILE));
  }

  /**
   * Rows in {@code tasks} tasks by {@code by} (one task per date when {@code by} is the date alone, so one file per
   * table and date), sorted by date and key within each: reruns write the same bytes. A table made from the
   * {@link SongVersions} is laid out so already (they are kept in as many partitions by date), and Spark drops the
   * repartition then: the tables made from them are written without a shuffle.
   */
  private static Dataset<Row> layOut(Dataset<Row> table, LakeTable lakeTable, int tasks, Column... by) {
    List<Column> order = new ArrayList<>();
    order.add(col(LakeTable.PARTITION_COLUMN));
    for (String key : lakeTable.keyColumns()) {
      order.add(col(key));
    }
    return table.repartition(tasks, by).sortWithinPartitions(order.toArray(new Column[0]));
  }
}
