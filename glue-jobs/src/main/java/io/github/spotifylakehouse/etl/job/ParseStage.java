package io.github.spotifylakehouse.etl.job;

import io.github.spotifylakehouse.etl.io.RawFileReader;
import io.github.spotifylakehouse.etl.io.RawInventory;
import io.github.spotifylakehouse.etl.schema.EntrySchema;
import io.github.spotifylakehouse.etl.schema.SkipKind;
import io.github.spotifylakehouse.etl.transform.ParseRawFiles;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Function1;

/**
 * Stage 2: read and parse every raw file of the planned dates, once. Everything downstream reads the kept
 * result: a local checkpoint keeps Spark's own rows (memory, then disk); a cache would also convert them to
 * compressed columns, which cost more than the parse itself here and buys nothing for two full scans.
 */
final class ParseStage {

  private static final Logger LOG = LoggerFactory.getLogger(ParseStage.class);

  private ParseStage() {
  }

  /**
   * The parsed files.
   *
   * @param parsed entry rows and one result row per file ({@link EntrySchema#PARSED}), kept
   * @param files the file rows ({@link EntrySchema#FILE}), as collected for the tally: a plan over them reads
   *     the few thousand rows held on the driver instead of scanning every kept entry for them
   * @param tally what the files held, per the file rows
   * @param millis how long reading and parsing took
   */
  record Parsed(Dataset<Row> parsed, Dataset<Row> files, FileTally tally, long millis) {

    /** The entry rows ({@link EntrySchema#ENTRY}) of {@link #parsed}. */
    Dataset<Row> entries() {
      return ParseRawFiles.entries(parsed);
    }
  }

  /**
   * Counts over the file rows.
   *
   * @param filesRead files parsed successfully
   * @param bytesRead bytes of every file opened, read or rejected
   * @param entriesRead entries in the files read, skipped ones included
   * @param skippedEntries entries that are not rows, per kind
   * @param rejections why each rejected file was rejected, by path relative to the lake root, in file order
   * @param playlistIds the playlist of each file read, by path relative to the lake root
   * @param entriesByDate entries in the files read, skipped ones included, by snapshot date
   * @param unsafeTexts text values of the files read that hold a character the CSV copy replaces
   */
  record FileTally(int filesRead, long bytesRead, long entriesRead, Map<SkipKind, Long> skippedEntries,
                   Map<String, String> rejections, Map<String, String> playlistIds, Map<LocalDate, Long> entriesByDate,
                   long unsafeTexts) {

    /** The tally of no files. */
    static final FileTally NONE = of(List.of());

    static FileTally of(List<Row> files) {
      int read = 0;
      long bytes = 0;
      long entries = 0;
      Map<SkipKind, Long> skipped = new EnumMap<>(SkipKind.class);
      Map<String, String> rejections = new LinkedHashMap<>();
      Map<String, String> playlists = new HashMap<>();
      Map<LocalDate, Long> byDate = new TreeMap<>();
      long unsafe = 0;
      for (Row file : files) {
        bytes += (Long) file.getAs(EntrySchema.FILE_BYTES);
        if (EntrySchema.STATUS_REJECTED.equals(file.getAs(EntrySchema.FILE_STATUS))) {
          rejections.put(file.getAs(EntrySchema.FILE_PATH), file.getAs(EntrySchema.FILE_REASON));
          continue;
        }
        read++;
        playlists.put(file.getAs(EntrySchema.FILE_PATH), file.getAs(EntrySchema.PLAYLIST_ID));
        int fileEntries = file.getAs(EntrySchema.FILE_ENTRIES);
        entries += fileEntries;
        byDate.merge(LocalDate.parse(file.getAs(EntrySchema.SNAPSHOT_DATE)), (long) fileEntries, Long::sum);
        unsafe += (Integer) file.getAs(EntrySchema.FILE_UNSAFE_TEXTS);
        for (SkipKind kind : SkipKind.values()) {
          long count = (Integer) file.getAs(EntrySchema.skippedColumn(kind));
          skipped.merge(kind, count, Long::sum);
        }
      }
      return new FileTally(read, bytes, entries, Collections.unmodifiableMap(skipped),
          Collections.unmodifiableMap(rejections), Collections.unmodifiableMap(playlists),
          Collections.unmodifiableMap(byDate), unsafe);
    }
  }

  static Parsed run(SparkSession spark, RawInventory inventory, Configuration hadoopConf, long maxFileBytes) {
    long start = System.nanoTime();
    int parallelism = spark.sparkContext().defaultParallelism();
    JavaRDD<Row> rawFiles = RawFileReader.read(spark, inventory.toRead(), hadoopConf, parallelism * 3, maxFileBytes);
    Dataset<Row> parsed = ParseRawFiles.apply(spark, rawFiles).localCheckpoint(true);
    List<Row> files = collect(ParseRawFiles.files(parsed));
    FileTally tally = FileTally.of(files);
    long millis = EtlJob.millisSince(start);
    LOG.info("Parsed {} raw files in {} ms: {} read, {} rejected, {} entries, skipped {}", files.size(), millis,
        tally.filesRead(), tally.rejections().size(), tally.entriesRead(), tally.skippedEntries());
    return new Parsed(parsed, spark.createDataFrame(files, EntrySchema.FILE), tally, millis);
  }

  /**
   * The rows of {@code rows}, collected as Spark holds them and converted by its interpreted converters rather than
   * by {@link Dataset#collectAsList}: that one generates a deserializer, which starts Scala's runtime reflection
   * (about 1,800 classes, over a second on two cores while the executors idle) for a few thousand file rows and
   * nothing else in the run. The collect runs as a plain Spark job: Spark's SQL tab does not list it as a query.
   */
  static List<Row> collect(Dataset<Row> rows) {
    InternalRow[] internal = (InternalRow[]) rows.queryExecution().executedPlan().executeCollect();
    Function1<Object, Object> toRow = CatalystTypeConverters.createToScalaConverter(rows.schema());
    List<Row> result = new ArrayList<>(internal.length);
    for (InternalRow row : internal) {
      result.add((Row) toRow.apply(row));
    }
    return result;
  }
}
