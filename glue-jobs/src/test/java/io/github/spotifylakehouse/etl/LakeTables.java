package io.github.spotifylakehouse.etl;

import io.github.spotifylakehouse.lake.CsvDialect;
import io.github.spotifylakehouse.etl.io.TableWriter;
import io.github.spotifylakehouse.lake.OutputFormat;
import io.github.spotifylakehouse.etl.schema.EntrySchema;
import io.github.spotifylakehouse.lake.LakeTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Reads the job's output tables back, the way a catalog reader would. */
public final class LakeTables {

  private LakeTables() {
  }

  public static StructType schema(LakeTable table) {
    StructType schema = new StructType();
    for (io.github.spotifylakehouse.lake.Column column : table.columns()) {
      schema = schema.add(column.name(), EntrySchema.sparkType(column), true);
    }
    return schema.add(LakeTable.PARTITION_COLUMN, DataTypes.StringType, true);
  }

  /** {@code table} under {@code lakeRoot} (a URI or local path with no trailing slash) in {@code format}. */
  public static Dataset<Row> read(String lakeRoot, LakeTable table, OutputFormat format) {
    String location = lakeRoot + "/" + (format == OutputFormat.CSV ? table.csvPrefix() : table.parquetPrefix());
    if (format == OutputFormat.CSV) {
      return TestSpark.session().read().options(CsvDialect.OPTIONS).option("multiLine", "true")
          .schema(schema(table)).csv(location);
    }
    return TestSpark.session().read().schema(schema(table)).parquet(location);
  }
}
