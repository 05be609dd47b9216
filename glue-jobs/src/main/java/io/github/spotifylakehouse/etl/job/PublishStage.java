package io.github.spotifylakehouse.etl.job;

import io.github.spotifylakehouse.etl.io.IcebergTables;
import io.github.spotifylakehouse.etl.io.LakeFileSystem;
import io.github.spotifylakehouse.etl.io.Parallel;
import io.github.spotifylakehouse.etl.io.TableWriter;
import io.github.spotifylakehouse.etl.job.BuildStage.Built;
import io.github.spotifylakehouse.etl.job.BuildStage.BuiltTable;
import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.OutputFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 4: the one place that writes tables. Every built table goes out in every requested format, one format
 * after the other, each replacing exactly the partitions of the dates the run computed. A new output format is
 * one more case in {@link #write}. Iceberg: one commit per table ({@link IcebergTables#replaceDates}).
 */
final class PublishStage {

  private static final Logger LOG = LoggerFactory.getLogger(PublishStage.class);

  private PublishStage() {
  }

  /**
   * What was written.
   *
   * @param dates the snapshot dates whose partitions were replaced, ascending
   * @param formatMillis milliseconds per format, in writing order
   */
  record Published(List<LocalDate> dates, Map<OutputFormat, Long> formatMillis) {
  }

  static Published run(SparkSession spark, Built built, JobArguments args, LakeFileSystem lake, int threads,
                       StageListener listener) {
    Set<OutputFormat> formats = args.formats();
    Map<OutputFormat, Long> millis = new LinkedHashMap<>();
    for (OutputFormat format : OutputFormat.values()) {
      if (!formats.contains(format)) {
        continue;
      }
      long start = System.nanoTime();
      if (format == OutputFormat.ICEBERG) {
        IcebergTables.createDatabase(spark, args.database());
      }
      List<Callable<Void>> writes = new ArrayList<>();
      for (LakeTable table : BuildStage.LARGEST_FIRST) {
        BuiltTable builtTable = built.tables().get(table);
        writes.add(() -> {
          long tableStart = System.nanoTime();
          write(spark, builtTable, format, lake, args.database(), built.dates());
          LOG.info("Wrote {} as {} in {} ms", table.tableName(), format.argumentName(),
              EtlJob.millisSince(tableStart));
          listener.tableWritten(table, format);
          return null;
        });
      }
      Parallel.run("write-" + format.argumentName(), writes, threads);
      millis.put(format, EtlJob.millisSince(start));
      LOG.info("Wrote {} tables for {} in {} ms", format.argumentName(), built.dates(), millis.get(format));
    }
    return new Published(List.copyOf(built.dates()), Collections.unmodifiableMap(millis));
  }

  /** Replaces the partitions of the built dates of one table in one format. */
  private static void write(SparkSession spark, BuiltTable built, OutputFormat format, LakeFileSystem lake,
                            String database, Set<LocalDate> dates) {
    switch (format) {
      case CSV -> {
        TableWriter.write(built.data(), built.table(), lake);
        TableWriter.deletePartitions(built.table(), lake, built.emptyDates());
      }
      case ICEBERG -> {
        // one commit: the computed dates' old files out (rows or not), the new ones in
        IcebergTables.create(spark, database, built.table(), lake);
        IcebergTables.replaceDates(built.data(), database, built.table(), dates);
      }
    }
  }
}
