package io.github.spotifylakehouse.etl;

import io.github.spotifylakehouse.etl.schema.EntrySchema;
import io.github.spotifylakehouse.lake.CsvDialect;
import io.github.spotifylakehouse.lake.LakeCatalog;
import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.OutputFormat;
import java.util.UUID;
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

  /** The CSV copy of {@code table} under {@code lakeRoot} (a URI or local path with no trailing slash). */
  public static Dataset<Row> readCsv(String lakeRoot, LakeTable table) {
    return TestSpark.session().read().options(CsvDialect.OPTIONS).option("multiLine", "true")
        .schema(schema(table)).csv(lakeRoot + "/" + table.csvPrefix());
  }

  /** The Iceberg table {@code table} in {@code database} of the test session's catalog. */
  public static Dataset<Row> readIceberg(String database, LakeTable table) {
    return TestSpark.session().table(LakeCatalog.identifier(database, table));
  }

  /**
   * {@code table} under {@code lakeRoot} in {@code format}: the CSV copy, or the Iceberg table of the lake's
   * own database ({@link #databaseFor}) with {@code snapshot_date} as text, as in the CSV.
   */
  public static Dataset<Row> read(String lakeRoot, LakeTable table, OutputFormat format) {
    if (format == OutputFormat.CSV) {
      return readCsv(lakeRoot, table);
    }
    return readIceberg(databaseFor(lakeRoot), table).withColumn(LakeTable.PARTITION_COLUMN,
        org.apache.spark.sql.functions.col(LakeTable.PARTITION_COLUMN).cast(DataTypes.StringType));
  }

  /**
   * The database of the Iceberg tables of the lake at {@code lakeRoot}: one per lake, the same for every spelling
   * of its root ({@code /tmp/l}, {@code file:/tmp/l/}, {@code s3://b/p}, {@code s3a://b/p}).
   */
  public static String databaseFor(String lakeRoot) {
    String key = lakeRoot.replaceFirst("^s3a://", "s3://").replaceFirst("^file:(//)?", "").replaceAll("/+$", "");
    return "lake_" + Integer.toHexString(key.hashCode()).replace('-', '0');
  }

  /** A database name of its own for one test: the tests share one catalog. */
  public static String newDatabase() {
    return "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}
