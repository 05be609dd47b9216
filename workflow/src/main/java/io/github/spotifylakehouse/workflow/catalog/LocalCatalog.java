package io.github.spotifylakehouse.workflow.catalog;

import io.github.spotifylakehouse.lake.CsvDialect;
import io.github.spotifylakehouse.lake.Column;
import io.github.spotifylakehouse.lake.LakeCatalog;
import io.github.spotifylakehouse.lake.LakeTable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The local stand-in for the Glue Data Catalog and its crawler. The job registers its Iceberg tables itself
 * ({@code album}, {@code song}, ...: what the queries read); this class registers, like the stack's one
 * crawler, the CSV copies: one external table per {@link LakeTable} ({@link LakeTable#csvTableName()}) over
 * the job's CSV output, with the contract's columns and types, partitioned by
 * {@link LakeTable#PARTITION_COLUMN}, and its partitions registered from what is in the lake. Everything
 * is derived from {@link LakeTable}; nothing is retyped.
 *
 * <p>Tables are Spark data-source tables kept in the Hive metastore: Spark reads them with its CSV reader
 * and the contract's types, where Athena reads the crawled tables through a CSV SerDe. Re-registering a
 * table only rewrites metadata; the data stays where the job wrote it.
 */
public final class LocalCatalog {

  /** The database, named as the Glue database of the stack by default. */
  public static final String DEFAULT_DATABASE = LakeCatalog.DATABASE;

  /**
   * Spark's CSV reader options for the job's output: the job's own writer options
   * ({@link CsvDialect#OPTIONS}: header, RFC 4180 quotes, ISO dates, UTC timestamps, empty = null)
   * plus what only a reader needs: values with line breaks, and {@code enforceSchema=false} so Spark
   * checks each file's header against the contract's columns and a drift between job and catalog fails
   * loudly. Sorted, so the DDL is stable.
   */
  static final Map<String, String> CSV_OPTIONS = csvOptions();

  /** The table property that holds the digest of the DDL a CSV copy was created with. */
  static final String DDL_DIGEST = "spotify_lakehouse.ddl_sha256";

  private final SparkSession spark;
  private final String database;

  public LocalCatalog(SparkSession spark, String database) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.database = requireIdentifier(database);
  }

  private static Map<String, String> csvOptions() {
    Map<String, String> options = new TreeMap<>(CsvDialect.OPTIONS);
    options.put("multiLine", "true");
    options.put("enforceSchema", "false");
    options.put("mode", "FAILFAST");
    return Collections.unmodifiableMap(options);
  }

  public String database() {
    return database;
  }

  /** Creates the database unless it exists (the first call also opens the metastore). */
  public void createDatabase() {
    spark.sql("CREATE DATABASE IF NOT EXISTS " + database
        + " COMMENT 'spotify-lakehouse tables (local stand-in for the Glue database)'");
  }

  /**
   * The contract's Iceberg tables (what the queries read) that are not in the database (all of them when the
   * database is missing).
   */
  public List<String> missingTables() {
    List<String> expected = new ArrayList<>();
    for (LakeTable table : LakeTable.values()) {
      expected.add(table.tableName());
    }
    if (!spark.catalog().databaseExists(database)) {
      return expected;
    }
    expected.removeAll(tableNames());
    return expected;
  }

  /** Creates the database and (re)registers every table with its partitions. */
  public List<CatalogTable> registerAll(String lakeRoot) {
    createDatabase();
    List<CatalogTable> tables = new ArrayList<>();
    for (LakeTable table : LakeTable.values()) {
      tables.add(register(table, lakeRoot));
    }
    return tables;
  }

  /**
   * Registers {@code table}'s CSV copy over its prefix under {@code lakeRoot} and its partitions, as a crawler
   * does. The table is dropped and created again only when its DDL changed (a digest of the DDL is kept as the
   * table property {@value #DDL_DIGEST}); its partitions are then made those of the {@code snapshot_date=...}
   * folders under the location (none before a first transform): the new ones added, the gone ones dropped. The
   * location is listed once; {@code MSCK REPAIR TABLE} would list every partition's files too, for statistics
   * nothing here reads (0.4-0.7 s a table through S3Proxy).
   */
  public CatalogTable register(LakeTable table, String lakeRoot) {
    String qualified = database + "." + table.csvTableName();
    String location = location(table, lakeRoot);
    String ddl = createTableStatement(database, table, lakeRoot);
    String digest = digest(ddl);
    Set<String> registered = new TreeSet<>();
    if (digest.equals(ddlDigest(table))) {
      spark.sql("SHOW PARTITIONS " + qualified).collectAsList()
          .forEach(row -> registered.add(row.getString(0).substring(LakeTable.PARTITION_COLUMN.length() + 1)));
    } else {
      spark.sql("DROP TABLE IF EXISTS " + qualified);
      spark.sql(ddl + "\nTBLPROPERTIES (" + literal(DDL_DIGEST) + " = " + literal(digest) + ")");
    }
    List<String> partitions = partitionFolders(location);
    alterPartitions(qualified, "ADD IF NOT EXISTS", " ",
        partitions.stream().filter(date -> !registered.contains(date)));
    alterPartitions(qualified, "DROP IF EXISTS", ", ", registered.stream().filter(date -> !partitions.contains(date)));
    return new CatalogTable(table, qualified, location, partitions);
  }

  /** The DDL digest {@code table}'s CSV copy was created with, or null when it does not exist or has none. */
  private String ddlDigest(LakeTable table) {
    if (!spark.catalog().tableExists(database, table.csvTableName())) {
      return null;
    }
    List<Row> rows = spark.sql("SHOW TBLPROPERTIES " + database + "." + table.csvTableName()).collectAsList();
    return rows.stream().filter(row -> DDL_DIGEST.equals(row.getString(0))).map(row -> row.getString(1))
        .findFirst().orElse(null);
  }

  /** {@code ALTER TABLE qualified action} the partitions of {@code dates}, unless there are none. */
  private void alterPartitions(String qualified, String action, String separator, Stream<String> dates) {
    String specs = dates.map(date -> "PARTITION (" + LakeTable.PARTITION_COLUMN + " = " + literal(date) + ")")
        .collect(Collectors.joining(separator));
    if (!specs.isEmpty()) {
      spark.sql("ALTER TABLE " + qualified + " " + action + " " + specs);
    }
  }

  private static String digest(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** The values of the partition folders ({@code snapshot_date=VALUE}) right under {@code location}, ascending. */
  private List<String> partitionFolders(String location) {
    Path path = new Path(location);
    String prefix = LakeTable.PARTITION_COLUMN + "=";
    try {
      FileStatus[] children;
      try {
        children = path.getFileSystem(spark.sparkContext().hadoopConfiguration()).listStatus(path);
      } catch (FileNotFoundException noTransformYet) {
        return List.of();
      }
      return Arrays.stream(children)
          .filter(FileStatus::isDirectory)
          .map(child -> child.getPath().getName())
          .filter(name -> name.startsWith(prefix))
          .map(name -> name.substring(prefix.length()))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the partitions under " + location, e);
    }
  }

  /**
   * The snapshot dates of {@code table}'s Iceberg table, ascending, from Iceberg's {@code partitions} metadata
   * table (empty when the table does not exist).
   */
  public List<String> icebergPartitions(LakeTable table) {
    if (!tableNames().contains(table.tableName())) {
      return List.of();
    }
    return spark.sql("SELECT partition." + LakeTable.PARTITION_COLUMN + " FROM "
            + LakeCatalog.identifier(database, table) + ".partitions").collectAsList().stream()
        .map(row -> String.valueOf(row.get(0))).sorted().collect(Collectors.toList());
  }

  /** Names of the tables now in the database. */
  public List<String> tableNames() {
    return spark.sql("SHOW TABLES IN " + database).collectAsList().stream()
        .filter(row -> !row.getBoolean(2))
        .map((Row row) -> row.getString(1))
        .sorted()
        .collect(Collectors.toList());
  }

  /** Where {@code table}'s CSV output lives under {@code lakeRoot} ({@code s3a://bucket} or a local URI). */
  public static String location(LakeTable table, String lakeRoot) {
    String root = lakeRoot.endsWith("/") ? lakeRoot : lakeRoot + "/";
    return root + table.csvPrefix();
  }

  /** The DDL of {@code table}'s CSV copy: the contract's columns and comments, partitioned by snapshot date. */
  public static String createTableStatement(String database, LakeTable table, String lakeRoot) {
    StringBuilder sql = new StringBuilder("CREATE TABLE ")
        .append(requireIdentifier(database)).append('.').append(table.csvTableName()).append(" (\n");
    for (Column column : table.columns()) {
      sql.append("  ").append(column.name()).append(' ').append(column.type())
          .append(" COMMENT ").append(literal(column.description())).append(",\n");
    }
    sql.append("  ").append(LakeTable.PARTITION_COLUMN).append(' ').append(LakeTable.PARTITION_TYPE)
        .append(" COMMENT 'Extraction date (ISO), the partition'\n)\nUSING csv\nOPTIONS (\n");
    sql.append(CSV_OPTIONS.entrySet().stream()
        .map(option -> "  " + option.getKey() + " " + literal(option.getValue()))
        .collect(Collectors.joining(",\n")));
    sql.append("\n)\nPARTITIONED BY (").append(LakeTable.PARTITION_COLUMN).append(")\nLOCATION ")
        .append(literal(location(table, lakeRoot)));
    return sql.toString();
  }

  /** A Spark SQL string literal: quotes and backslashes escaped, line breaks as {@code \n}. */
  static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r") + "'";
  }

  private static String requireIdentifier(String name) {
    if (name == null || !name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("Invalid database name '" + name
          + "' (lower-case letters, digits and underscores)");
    }
    return name;
  }

  /**
   * A registered table.
   *
   * @param table the contract's table
   * @param qualifiedName {@code database.table}
   * @param location its data's location
   * @param partitions its snapshot dates, ascending
   */
  public record CatalogTable(LakeTable table, String qualifiedName, String location, List<String> partitions) {
    public CatalogTable {
      partitions = List.copyOf(partitions);
    }
  }
}
