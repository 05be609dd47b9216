package io.github.spotifylakehouse.etl;

import io.github.spotifylakehouse.lake.LakeCatalog;
import io.github.spotifylakehouse.lake.LakeTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What the tests read of an Iceberg table's metadata, through Spark SQL on its catalog. */
public final class IcebergMetadata {

  private IcebergMetadata() {
  }

  /** Ids of the table's snapshots, oldest first (Iceberg's {@code snapshots} metadata table). */
  public static List<Long> snapshots(SparkSession spark, String database, LakeTable table) {
    List<Long> ids = new ArrayList<>();
    for (Row row : spark.sql("SELECT snapshot_id FROM " + LakeCatalog.identifier(database, table)
        + ".snapshots ORDER BY committed_at").collectAsList()) {
      ids.add(row.getLong(0));
    }
    return ids;
  }

  /** Table properties as Spark shows them. */
  public static Map<String, String> properties(SparkSession spark, String database, LakeTable table) {
    Map<String, String> properties = new TreeMap<>();
    for (Row row : spark.sql("SHOW TBLPROPERTIES " + LakeCatalog.identifier(database, table)).collectAsList()) {
      properties.put(row.getString(0), row.getString(1));
    }
    return properties;
  }
}
