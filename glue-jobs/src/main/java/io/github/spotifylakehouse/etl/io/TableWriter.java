package io.github.spotifylakehouse.etl.io;

import io.github.spotifylakehouse.lake.OutputFormat;
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
 * Writes a table, partitioned by {@link LakeTable#PARTITION_COLUMN}, as CSV under
 * {@link LakeTable#csvPrefix()} or Parquet under {@link LakeTable#parquetPrefix()}. Partitions are
 * overwritten dynamically: a run replaces the dates it wrote and leaves every other date as it was.
 */
public final class TableWriter {

  private TableWriter() {
  }

  /** Writes {@code rows} (columns of {@code table} plus the partition column) to its prefix for {@code format}. */
  public static void write(Dataset<Row> rows, LakeTable table, OutputFormat format, LakeFileSystem lake) {
    DataFrameWriter<Row> writer = rows.write()
        .mode(SaveMode.Overwrite)
        .option("partitionOverwriteMode", "dynamic")
        // crawlers and Athena would see _SUCCESS markers as data
        .option("mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
        .partitionBy(LakeTable.PARTITION_COLUMN);
    String location = location(table, format, lake).toString();
    switch (format) {
      case CSV -> writer.options(CsvDialect.OPTIONS).csv(location);
      case PARQUET -> writer.option("compression", "snappy").parquet(location);
    }
  }

  /** Where {@code table} lives in {@code format}. */
  public static Path location(LakeTable table, OutputFormat format, LakeFileSystem lake) {
    return lake.resolve(format == OutputFormat.CSV ? table.csvPrefix() : table.parquetPrefix());
  }

  /** The partition folder of {@code date}. */
  public static Path partition(LakeTable table, OutputFormat format, LakeFileSystem lake, LocalDate date) {
    return new Path(location(table, format, lake), LakeTable.PARTITION_COLUMN + "=" + date);
  }

  /**
   * Removes the partitions of {@code dates}: for dates a run computed that now have no rows in a table, a
   * dynamic overwrite would otherwise leave the old rows in place.
   */
  public static void deletePartitions(LakeTable table, OutputFormat format, LakeFileSystem lake,
                                      Collection<LocalDate> dates) {
    for (LocalDate date : dates) {
      Path partition = partition(table, format, lake, date);
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
