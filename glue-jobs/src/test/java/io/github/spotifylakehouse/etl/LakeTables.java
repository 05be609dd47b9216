package io.github.spotifylakehouse.etl;

import io.github.spotifylakehouse.etl.schema.EntrySchema;
import io.github.spotifylakehouse.lake.CsvDialect;
import io.github.spotifylakehouse.lake.LakeCatalog;
import io.github.spotifylakehouse.lake.LakeTable;
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

  /** A database name of its own for one test: the tests share one catalog. */
  public static String newDatabase() {
    return "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}
