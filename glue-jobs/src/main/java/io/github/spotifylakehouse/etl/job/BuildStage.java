package io.github.spotifylakehouse.etl.job;

import static org.apache.spark.sql.functions.col;

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
    private Dataset<Row> kept;
    private long millis;

    SongVersions(Dataset<Row> entries) {
      this.entries = entries;
    }

    synchronized Dataset<Row> get() {
      if (kept == null) {
        long start = System.nanoTime();
        kept = Tables.songVersions(entries).localCheckpoint(true);
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

  /** Defines the tables of {@code dates} from {@code parsed}; nothing is computed yet. */
  static Built run(SparkSession spark, Dataset<Row> parsed, Set<LocalDate> dates) {
    int parallelism = spark.sparkContext().defaultParallelism();
    Dataset<Row> entries = ParseRawFiles.entries(parsed);
    Dataset<Row> filesRead = ParseRawFiles.files(parsed)
        .where(col(EntrySchema.FILE_STATUS).equalTo(EntrySchema.STATUS_READ));
    // the one heavy aggregation, shared by song, song_artist, album and artist
    SongVersions versions = new SongVersions(entries);
    int writeTasks = Math.max(1, Math.min(dates.size(), parallelism));
    Map<LakeTable, Supplier<Dataset<Row>>> tables = new EnumMap<>(LakeTable.class);
    for (LakeTable table : LARGEST_FIRST) {
      tables.put(table, () -> layOut(Tables.build(table, entries, Tables.usesSongVersions(table) ? versions.get()
          : null, filesRead), table, writeTasks));
    }
    return new Built(Collections.unmodifiableMap(tables), dates, versions);
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
