package io.github.spotifylakehouse.testkit;

import io.github.spotifylakehouse.lake.LakeCatalog;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Spark settings of the local stand-in for the Glue Data Catalog: one Hive metastore on embedded Derby,
 * reached two ways through Iceberg's Hive catalog. Shared by the local runner, the job's tests and the
 * benchmark, so all of them write the same tables the same way. Plain strings: this module has no Spark.
 *
 * <ul>
 *   <li>{@link LakeCatalog#SPARK_CATALOG} is an Iceberg {@code SparkCatalog} over the metastore: the catalog
 *       the job writes, as it writes Iceberg's Glue catalog on AWS.</li>
 *   <li>{@code spark_catalog} is Iceberg's {@code SparkSessionCatalog} over the same metastore: unqualified
 *       names ({@code USE spotify_lakehouse; SELECT ... FROM song}) find the Iceberg tables, while views and
 *       the CSV tables stay plain Spark/Hive objects, so the same SQL runs here and in Athena.</li>
 * </ul>
 *
 * <p>Iceberg's metastore lock is off ({@code iceberg.engine.hive.lock-enabled=false}): it needs the Hive
 * transaction tables, which Spark's built-in Hive 2.3 metastore on Derby does not create, and a table created
 * with it on silently failed to register. A local run has one writer (the runner holds a lock on its data
 * directory); each commit is still Iceberg's (a new metadata file, then the metastore's pointer).
 */
public final class LocalIcebergCatalog {

  private LocalIcebergCatalog() {
  }

  /**
   * Spark settings (keys as given to {@code SparkSession.Builder.config}) for a metastore whose Derby database
   * is {@code metastoreDb}; the caller also enables Hive support.
   */
  public static Map<String, String> sparkSettings(Path metastoreDb) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
    settings.put("spark.sql.catalog." + LakeCatalog.SPARK_CATALOG, "org.apache.iceberg.spark.SparkCatalog");
    settings.put("spark.sql.catalog." + LakeCatalog.SPARK_CATALOG + ".type", "hive");
    settings.put("spark.sql.catalog.spark_catalog", "org.apache.iceberg.spark.SparkSessionCatalog");
    settings.put("spark.sql.catalog.spark_catalog.type", "hive");
    settings.put("spark.hadoop.iceberg.engine.hive.lock-enabled", "false");
    settings.put("spark.hadoop.javax.jdo.option.ConnectionURL",
        "jdbc:derby:;databaseName=" + metastoreDb + ";create=true");
    // whichever client opens the metastore first (Spark's or Iceberg's) creates its schema
    settings.put("spark.hadoop.datanucleus.schema.autoCreateAll", "true");
    settings.put("spark.hadoop.hive.metastore.schema.verification", "false");
    return settings;
  }
}
