package io.github.spotifylakehouse.workflow.steps;

import io.github.spotifylakehouse.testkit.LocalIcebergCatalog;
import io.github.spotifylakehouse.workflow.s3.S3Endpoint;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * The local Spark session: {@code local[*]}, s3a pointed at the lake's bucket, and Hive support with an
 * embedded Derby metastore under the data directory, which plays the Glue Data Catalog: the job's Iceberg
 * tables are registered there through Iceberg's Hive catalog ({@link LocalIcebergCatalog}), beside the CSV
 * tables and the views.
 */
public final class LocalSpark {

  private LocalSpark() {
  }

  /**
   * Starts the session for {@code config}'s data directory and master.
   *
   * @param hadoopSettings Hadoop settings to add (the lake's s3a settings), without {@code spark.hadoop.}
   */
  public static SparkSession start(RunnerConfig config, Map<String, String> hadoopSettings) {
    Path metastore = config.metastoreDir();
    Path scratch = config.scratchDir();
    // read once, when Derby boots in this JVM: keep derby.log beside the database, not in the working dir
    setIfAbsent("derby.system.home", metastore.toString());
    setIfAbsent("derby.stream.error.file", metastore.resolve("derby.log").toString());
    SparkSession.Builder builder = SparkSession.builder()
        .appName("spotify-lakehouse-local")
        .master(config.sparkMaster())
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.local.dir", scratch.resolve("spark").toString())
        // 2 to 8 shuffle partitions suit a laptop (the default 200 cost +55% in the benchmark)
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        // Spark sizes its memory pages to the heap (64 MB here): each one a humongous object, and a collection, in
        // a run whose sorts hold kilobytes
        .config("spark.buffer.pageSize", "1m")
        .config("spark.sql.warehouse.dir", config.warehouseDir().toUri().toString())
        .config("spark.hadoop.hive.exec.scratchdir", scratch.resolve("hive").toString())
        .config("spark.hadoop.hive.exec.local.scratchdir", scratch.resolve("hive-local").toString())
        .config("spark.hadoop.hive.downloaded.resources.dir", scratch.resolve("hive-resources").toString())
        .config("spark.hadoop.hive.querylog.location", scratch.resolve("hive-log").toString())
        // the metastore would list each added partition's files through s3a for statistics nothing reads (as a
        // crawler's tables have none), and warn "Updating partition stats fast" on the console
        .config("spark.hadoop.hive.stats.autogather", "false")
        .enableHiveSupport();
    for (Map.Entry<String, String> setting
        : LocalIcebergCatalog.sparkSettings(metastore.resolve("metastore_db")).entrySet()) {
      builder.config(setting.getKey(), setting.getValue());
    }
    for (Map.Entry<String, String> setting : hadoopSettings.entrySet()) {
      builder.config("spark.hadoop." + setting.getKey(), setting.getValue());
    }
    return builder.getOrCreate();
  }

  /**
   * Stops the session and closes the bucket's cached s3a file system: Hadoop caches file systems per
   * bucket for the JVM's life, and a later run in the same JVM (tests) may find the bucket on another
   * port.
   */
  static void stop(SparkSession spark, S3Endpoint lake) throws IOException {
    stop(spark, lake.lakeRoot());
  }

  /** Stops the session and closes the cached file system of {@code lakeRoot}. */
  public static void stop(SparkSession spark, String lakeRoot) throws IOException {
    try {
      URI root = URI.create(lakeRoot + "/");
      if ("s3a".equals(root.getScheme())) {
        FileSystem.get(root, spark.sparkContext().hadoopConfiguration()).close();
      }
    } finally {
      spark.stop();
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
    }
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }
}
