package io.github.spotifylakehouse.etl.job;

import io.github.spotifylakehouse.etl.io.IcebergTables;
import io.github.spotifylakehouse.etl.io.LakeFileSystem;
import io.github.spotifylakehouse.etl.io.Parallel;
import io.github.spotifylakehouse.etl.io.TableWriter;
import io.github.spotifylakehouse.etl.job.BuildStage.Built;
import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.OutputFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 4: the one place that writes tables. Every built table goes out in every requested format, one format
 * after the other, each replacing exactly the partitions of the dates the run computed, and is computed as it
 * is written: its rows and dates are counted by the write itself ({@link WriteCounts}), not by a job of their
 * own. A new output format is one more case in {@link #write}. Iceberg: one commit per table
 * ({@link IcebergTables#replaceDates}).
 */
final class PublishStage {

  private static final Logger LOG = LoggerFactory.getLogger(PublishStage.class);

  private PublishStage() {
  }

  /**
   * What was written.
   *
   * @param dates the snapshot dates whose partitions were replaced, ascending
   * @param rows rows per table over all dates, as the first format's writes counted them
   * @param formatMillis milliseconds per format, in writing order (computing the tables included)
   */
  record Published(List<LocalDate> dates, Map<LakeTable, Long> rows, Map<OutputFormat, Long> formatMillis) {
  }

  /**
   * How many tables are written at once. A small run ({@link PlanExecution#interprets}: a few megabytes) writes
   * them all at once: its tasks take milliseconds, and its time goes to planning and committing each table, the
   * commit's renames waiting on the object store, which the other tables' work overlaps (the local pipeline, on
   * two cores: 0.94x wall against two at once). A larger run writes as many as the cluster runs tasks at once, at
   * least two: a table's planning on the driver then overlaps another's tasks, while the tables started first,
   * the largest, do not wait for the planning of all the others (200,000 entries on two cores: six at once were
   * slower, and so was one at a time).
   */
  static int concurrentWrites(SparkSession spark, int tables, boolean smallRun) {
    if (smallRun) {
      return Math.max(1, tables);
    }
    return Math.max(1, Math.min(tables, Math.max(2, spark.sparkContext().defaultParallelism())));
  }

  /** Writes every table in every requested format; the tables of a format are written {@link #concurrentWrites} at once. */
  static Published run(SparkSession spark, Built built, JobArguments args, LakeFileSystem lake,
                       boolean sanitizeCsv, boolean smallRun, StageListener listener) {
    Set<OutputFormat> formats = args.formats();
    Map<OutputFormat, Long> millis = new LinkedHashMap<>();
    Map<LakeTable, Long> rows = new EnumMap<>(LakeTable.class);
    for (OutputFormat format : OutputFormat.values()) {
      if (!formats.contains(format)) {
        continue;
      }
      long start = System.nanoTime();
      if (format == OutputFormat.ICEBERG) {
        IcebergTables.createDatabase(spark, args.database());
      }
      List<Callable<WriteCounts>> writes = new ArrayList<>();
      for (LakeTable table : BuildStage.LARGEST_FIRST) {
        writes.add(() -> {
          long tableStart = System.nanoTime();
          WriteCounts counts = write(spark, table, built.tables().get(table).get(), format, lake, args.database(),
              built.dates(), sanitizeCsv);
          LOG.info("Wrote {} as {} in {} ms: {} rows", table.tableName(), format.argumentName(),
              EtlJob.millisSince(tableStart), counts.rows());
          listener.tableWritten(table, format);
          return counts;
        });
      }
      List<WriteCounts> written = Parallel.run("write-" + format.argumentName(), writes, concurrentWrites(spark,
          writes.size(), smallRun));
      for (int i = 0; i < written.size(); i++) {
        rows.putIfAbsent(BuildStage.LARGEST_FIRST.get(i), written.get(i).rows());
      }
      millis.put(format, EtlJob.millisSince(start));
      LOG.info("Wrote {} tables for {} in {} ms", format.argumentName(), built.dates(), millis.get(format));
    }
    return new Published(List.copyOf(built.dates()), Collections.unmodifiableMap(rows),
        Collections.unmodifiableMap(millis));
  }

  /** Replaces the partitions of the built dates of one table in one format. */
  private static WriteCounts write(SparkSession spark, LakeTable table, Dataset<Row> data, OutputFormat format,
                                   LakeFileSystem lake, String database, Set<LocalDate> dates, boolean sanitizeCsv) {
    WriteCounts.Observed observed = WriteCounts.observe(data, table.tableName() + "_" + format.argumentName());
    switch (format) {
      case CSV -> {
        TableWriter.write(observed.rows(), table, lake, sanitizeCsv);
        WriteCounts counts = observed.counts();
        // a date the run computed that now has no rows: the dynamic overwrite left its old partition in place
        Set<LocalDate> empty = new TreeSet<>(dates);
        empty.removeAll(counts.dates());
        TableWriter.deletePartitions(table, lake, empty);
        return counts;
      }
      case ICEBERG -> {
        // one commit: the computed dates' old files out (rows or not), the new ones in
        IcebergTables.create(spark, database, table, lake);
        IcebergTables.replaceDates(observed.rows(), database, table, dates);
        return observed.counts();
      }
      default -> throw new IllegalStateException("No writer for " + format);
    }
  }
}
