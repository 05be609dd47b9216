package io.github.spotifylakehouse.etl.io;

import io.github.spotifylakehouse.etl.transform.CsvText;
import io.github.spotifylakehouse.lake.CsvDialect;
import io.github.spotifylakehouse.lake.LakeTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Collection;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writes the CSV copy of a table, partitioned by {@link LakeTable#PARTITION_COLUMN}, under
 * {@link LakeTable#csvPrefix()}, with control characters of its text turned into spaces ({@link CsvText}).
 * Partitions are overwritten dynamically: a run replaces the dates it wrote and leaves every other date as it
 * was. (The Iceberg tables are written by {@link IcebergTables}.)
 */
public final class TableWriter {

  private TableWriter() {
  }

  /**
   * Writes {@code rows} (columns of {@code table} plus the partition column) to its CSV prefix, replacing the
   * characters of {@link io.github.spotifylakehouse.lake.CsvDialect#UNSAFE_TEXT} when {@code sanitize}: a caller that
   * knows none of the text holds one (the job counts them as it parses) spares every string of every row a regular
   * expression.
   */
  public static void write(Dataset<Row> rows, LakeTable table, LakeFileSystem lake, boolean sanitize) {
    DataFrameWriter<Row> writer = (sanitize ? CsvText.sanitize(rows, table) : rows).write()
        .mode(SaveMode.Overwrite)
        .option("partitionOverwriteMode", "dynamic")
        // crawlers and Athena would see _SUCCESS markers as data
        .option("mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
        .partitionBy(LakeTable.PARTITION_COLUMN);
    writer.options(CsvDialect.OPTIONS).csv(location(table, lake).toString());
  }

  /** Where the CSV copy of {@code table} lives. */
  public static Path location(LakeTable table, LakeFileSystem lake) {
    return lake.resolve(table.csvPrefix());
  }

  /** The partition folder of {@code date}. */
  public static Path partition(LakeTable table, LakeFileSystem lake, LocalDate date) {
    return new Path(location(table, lake), LakeTable.PARTITION_COLUMN + "=" + date);
  }

  /**
   * Removes the partitions of {@code dates}: for dates a run computed that now have no rows in a table, a
   * dynamic overwrite would otherwise leave the old rows in place.
   */
  public static void deletePartitions(LakeTable table, LakeFileSystem lake, Collection<LocalDate> dates) {
    for (LocalDate date : dates) {
      Path partition = partition(table, lake, date);
      try {
        if (lake.fileSystem().exists(partition) && !lake.fileSystem().delete(partition, true)) {
          throw new IOException("delete returned false");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Failed to delete the stale partition " + partition, e);
      }
    }
  }
}
