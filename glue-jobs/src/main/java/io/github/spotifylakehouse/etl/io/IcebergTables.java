package io.github.spotifylakehouse.etl.io;

import static org.apache.spark.sql.functions.col;

import io.github.spotifylakehouse.lake.Column;
import io.github.spotifylakehouse.lake.LakeCatalog;
import io.github.spotifylakehouse.lake.LakeTable;
import java.time.LocalDate;
import java.util.Collection;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.types.DataTypes;

/**
 * The lake's Iceberg tables, through whatever Iceberg catalog the session configures as
 * {@link LakeCatalog#SPARK_CATALOG} (Glue on AWS, the local metastore on a laptop, an in-memory one in tests).
 * Only Spark's own API is used ({@code CREATE TABLE ... USING iceberg}, {@code DataFrameWriterV2}): the job's
 * jar needs no Iceberg class, and a CSV-only run never touches Iceberg.
 *
 * <p>A run replaces the snapshot dates it computed with one {@code overwrite(snapshot_date IN (...))} per table:
 * Iceberg commits the removal of those dates' files and the new files as one snapshot, so a reader sees the
 * previous state or the new one, and a date that ends with no rows is emptied in the same commit.
 */
public final class IcebergTables {

  private static final String CATALOG_KEY = "spark.sql.catalog." + LakeCatalog.SPARK_CATALOG;

  private IcebergTables() {
  }

  /**
   * Fails unless the session configures the Iceberg catalog: checked before any work, so a run that asks for
   * Iceberg without a catalog fails at once and names the setting.
   */
  public static void requireCatalog(SparkSession spark) {
    if (spark.conf().getOption(CATALOG_KEY).isEmpty()) {
      throw new IllegalStateException("--formats iceberg needs the Spark catalog '" + LakeCatalog.SPARK_CATALOG
          + "': set " + CATALOG_KEY + "=org.apache.iceberg.spark.SparkCatalog and its catalog-impl or type "
          + "(on AWS Glue: --datalake-formats iceberg and the --conf of glue-jobs/README.md)");
    }
  }

  /** Creates the catalog database unless it exists (the stack creates it on AWS: then this only looks it up). */
  public static void createDatabase(SparkSession spark, String database) {
    String namespace = LakeCatalog.SPARK_CATALOG + "." + LakeCatalog.requireDatabase(database);
    try {
      spark.sql("CREATE NAMESPACE IF NOT EXISTS " + namespace);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Failed to find or create the catalog database " + namespace + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Creates the table unless it exists: the contract's columns and comments, {@code snapshot_date} as a
   * {@code date} partition (identity), at {@link LakeTable#icebergPrefix()} under the lake root, with
   * {@link LakeCatalog#TABLE_PROPERTIES}. An existing table is left as it is.
   */
  public static void create(SparkSession spark, String database, LakeTable table, LakeFileSystem lake) {
    String location = lake.resolve(table.icebergPrefix()).toString();
    String identifier = LakeCatalog.identifier(database, table);
    try {
      spark.sql(createStatement(identifier, table, location));
    } catch (RuntimeException e) {
      throw new IllegalStateException("Failed to create the Iceberg table " + identifier + " at " + location
          + ": " + e.getMessage(), e);
    }
  }

  /** {@code CREATE TABLE IF NOT EXISTS} of {@code table} as {@code identifier} at {@code location}. */
  static String createStatement(String identifier, LakeTable table, String location) {
    StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(identifier).append(" (\n");
    for (Column column : table.columns()) {
      sql.append("  ").append(column.name()).append(' ').append(column.type())
          .append(" COMMENT ").append(literal(column.description())).append(",\n");
    }
    sql.append("  ").append(LakeTable.PARTITION_COLUMN).append(' ').append(LakeCatalog.PARTITION_TYPE)
        .append(" COMMENT 'Extraction date of the raw files, the partition'\n)\nUSING iceberg\n")
        .append("PARTITIONED BY (").append(LakeTable.PARTITION_COLUMN).append(")\n")
        .append("COMMENT ").append(literal("spotify-lakehouse " + table.tableName() + ", one row per "
            + String.join(", ", table.keyColumns()) + " and snapshot date")).append('\n')
        .append("LOCATION ").append(literal(location)).append('\n')
        .append("TBLPROPERTIES (")
        .append(new TreeMap<>(LakeCatalog.TABLE_PROPERTIES).entrySet().stream()
            .map(p -> literal(p.getKey()) + " = " + literal(p.getValue())).collect(Collectors.joining(", ")))
        .append(')');
    return sql.toString();
  }

  /**
   * Replaces exactly {@code dates} of the table with {@code rows} (the table's columns and a string
   * {@code snapshot_date}, laid out for writing), in one Iceberg commit: rows of other dates stay, and a date
   * of {@code dates} without rows ends up empty.
   */
  public static void replaceDates(Dataset<Row> rows, String database, LakeTable table,
                                  Collection<LocalDate> dates) {
    String identifier = LakeCatalog.identifier(database, table);
    try {
      typed(rows).writeTo(identifier)
          // rows of several dates may share a task (the job lays out one date per task; callers need not)
          .option("fanout-enabled", "true")
          .overwrite(col(LakeTable.PARTITION_COLUMN).isin(dates.toArray()));
    } catch (NoSuchTableException e) {
      throw new IllegalStateException("No Iceberg table " + identifier + ": create it first", e);
    }
  }

  /** {@code rows} with {@code snapshot_date} as the date it is in Iceberg (a pure projection). */
  public static Dataset<Row> typed(Dataset<Row> rows) {
    return rows.withColumn(LakeTable.PARTITION_COLUMN, col(LakeTable.PARTITION_COLUMN).cast(DataTypes.DateType));
  }

  private static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
