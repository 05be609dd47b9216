package io.github.spotifylakehouse.etl;

import io.github.spotifylakehouse.testkit.LocalIcebergCatalog;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the test JVM: local[2], no UI, loopback driver, two shuffle partitions, and the
 * local Iceberg catalog (a Hive metastore on embedded Derby under the test's temporary folder), as the local
 * runner has it.
 */
public final class TestSpark {

  private static SparkSession session;

  private TestSpark() {
  }

  public static synchronized SparkSession session() {
    if (session == null) {
      Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
      Path metastore = tmp.resolve("metastore-" + ProcessHandle.current().pid());
      System.setProperty("derby.system.home", metastore.toString());
      SparkSession.Builder builder = SparkSession.builder()
          .appName("glue-jobs-tests")
          .master("local[2]")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.sql.warehouse.dir", tmp.resolve("spark-warehouse").toUri().toString())
          .config("spark.local.dir", tmp.resolve("spark-local").toString())
          .enableHiveSupport();
      for (Map.Entry<String, String> setting
          : LocalIcebergCatalog.sparkSettings(metastore.resolve("metastore_db")).entrySet()) {
        builder.config(setting.getKey(), setting.getValue());
      }
      session = builder.getOrCreate();
    }
    return session;
  }
}
