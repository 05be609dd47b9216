package io.github.spotifylakehouse.lake;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the Iceberg tables are registered, defined once for the job, the local runner, the SQL checks and
 * the CloudFormation checks. The job writes {@code <SPARK_CATALOG>.<database>.<table>}; the session that
 * runs it configures {@link #SPARK_CATALOG}: on AWS Glue, Iceberg's Glue catalog (the stack's {@code --conf});
 * locally, Iceberg's Hive catalog on the runner's metastore. Athena and the local SQL name the tables
 * without a catalog, in {@link #DATABASE}.
 */
public final class LakeCatalog {

  /** Spark catalog name of the Iceberg tables ({@code spark.sql.catalog.lakehouse=...}). */
  public static final String SPARK_CATALOG = "lakehouse";
  /** Database of every table (Iceberg and CSV), the stack's default Glue database. */
  public static final String DATABASE = "spotify_lakehouse";
  /** Iceberg type of {@link LakeTable#PARTITION_COLUMN}: the partition is {@code identity(snapshot_date)}. */
  public static final String PARTITION_TYPE = "date";
  /**
   * Table properties the job creates its Iceberg tables with: format version 2 (what Athena reads and writes),
   * Parquet data files, and no extra shuffle (the job lays out its rows by date itself: one file per date, more for
   * a large date of {@code playlist_track}).
   */
  public static final Map<String, String> TABLE_PROPERTIES = Map.of(
      "format-version", "2",
      "write.format.default", "parquet",
      "write.distribution-mode", "none");

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

  private LakeCatalog() {
  }

  /** Spark's identifier of {@code table} in {@code database}, e.g. {@code lakehouse.spotify_lakehouse.song}. */
  public static String identifier(String database, LakeTable table) {
    return SPARK_CATALOG + "." + requireDatabase(database) + "." + table.tableName();
  }

  /** {@code database} when it is a valid lower-case identifier; fails naming it otherwise. */
  public static String requireDatabase(String database) {
    Objects.requireNonNull(database, "database");
    if (!IDENTIFIER.matcher(database).matches()) {
      throw new IllegalArgumentException("Invalid database name '" + database
          + "' (lower-case letters, digits and underscores)");
    }
    return database;
  }
}
