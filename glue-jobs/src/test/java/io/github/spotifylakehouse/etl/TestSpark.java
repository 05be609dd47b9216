package io.github.spotifylakehouse.etl;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** The one SparkSession of the test JVM: local[2], no UI, loopback driver, two shuffle partitions. */
public final class TestSpark {

  private static SparkSession session;

  private TestSpark() {
  }

  public static synchronized SparkSession session() {
    if (session == null) {
      Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
      session = SparkSession.builder()
          .appName("glue-jobs-tests")
          .master("local[2]")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.sql.warehouse.dir", tmp.resolve("spark-warehouse").toUri().toString())
          .config("spark.local.dir", tmp.resolve("spark-local").toString())
          .getOrCreate();
    }
    return session;
  }
}
