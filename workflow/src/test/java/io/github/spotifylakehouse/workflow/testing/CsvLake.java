package io.github.spotifylakehouse.workflow.testing;

import io.github.spotifylakehouse.lake.LakeTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.time.LocalDate;
import java.util.stream.Collectors;
import io.github.spotifylakehouse.etl.io.IcebergTables;
import io.github.spotifylakehouse.etl.io.LakeFileSystem;
import io.github.spotifylakehouse.etl.schema.EntrySchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import static org.apache.spark.sql.functions.col;

/**
 * Hand-made job output for tests: CSV files in the layout and format the job writes (contract columns in
 * order, header, RFC 4180 quoting, empty = null, control characters as spaces) under
 * {@code <root>/transformed_data/<table>_data/snapshot_date=.../part-00000.csv}, and the same rows, exact, in
 * the Iceberg tables through the job's own writer ({@link IcebergTables}). Known rows in, known answers out.
 */
public final class CsvLake {

  private final Path root;
  private final Map<LakeTable, Map<String, List<Map<String, Object>>>> rows = new LinkedHashMap<>();

  public CsvLake(Path root) {
    this.root = root;
  }

  /** A row as alternating column names and values; columns not named are null. */
  public static Map<String, Object> row(Object... namesAndValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      row.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return row;
  }

  /** Adds rows of {@code table} to the snapshot {@code date}; fails on a column the contract lacks. */
  @SafeVarargs
  public final CsvLake add(LakeTable table, String date, Map<String, Object>... values) {
    for (Map<String, Object> value : values) {
      value.keySet().forEach(table::column);
      rows.computeIfAbsent(table, t -> new TreeMap<>()).computeIfAbsent(date, d -> new ArrayList<>()).add(value);
    }
    return this;
  }

  /** Writes every table and returns the lake root as a URI string ({@code file:/...}). */
  public String write() {
    rows.forEach((table, byDate) -> byDate.forEach((date, list) -> {
      Path dir = root.resolve(table.csvPrefix()).resolve(LakeTable.PARTITION_COLUMN + "=" + date);
      StringBuilder csv = new StringBuilder(String.join(",", table.columnNames())).append('\n');
      for (Map<String, Object> row : list) {
        List<String> cells = new ArrayList<>();
        for (String column : table.columnNames()) {
          cells.add(cell(row.get(column)));
        }
        csv.append(String.join(",", cells)).append('\n');
      }
      try {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("part-00000.csv"), csv.toString(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write test CSV under " + dir, e);
      }
    }));
    String uri = root.toUri().toString();
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  /**
   * Writes every table's rows into the Iceberg tables of {@code database} in the session's lake catalog, one
   * commit per table, through the job's writer; the tables live under this lake's root.
   */
  public void writeIceberg(SparkSession spark, String database) {
    LakeFileSystem lake = LakeFileSystem.resolve(root.toString(), spark.sparkContext().hadoopConfiguration());
    IcebergTables.createDatabase(spark, database);
    rows.forEach((table, byDate) -> {
      List<Row> all = new ArrayList<>();
      StructType text = new StructType();
      for (String column : table.columnNames()) {
        text = text.add(column, DataTypes.StringType, true);
      }
      text = text.add(LakeTable.PARTITION_COLUMN, DataTypes.StringType, false);
      byDate.forEach((date, list) -> {
        for (Map<String, Object> row : list) {
          Object[] values = new Object[table.columnNames().size() + 1];
          for (int i = 0; i < table.columnNames().size(); i++) {
            Object value = row.get(table.columnNames().get(i));
            values[i] = value == null ? null : value.toString();
          }
          values[values.length - 1] = date;
          all.add(RowFactory.create(values));
        }
      });
      // text in, the contract's types out (timestamps are UTC, as the session's time zone)
      List<Column> typed = new ArrayList<>();
      for (io.github.spotifylakehouse.lake.Column column : table.columns()) {
        typed.add(col(column.name()).cast(EntrySchema.sparkType(column)).as(column.name()));
      }
      typed.add(col(LakeTable.PARTITION_COLUMN));
      Dataset<Row> data = spark.createDataFrame(all, text).select(typed.toArray(new Column[0]));
      IcebergTables.create(spark, database, table, lake);
      IcebergTables.replaceDates(data, database, table,
          byDate.keySet().stream().map(LocalDate::parse).collect(Collectors.toList()));
    });
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    // as the job's CSV: control characters become spaces (the exact text is in Iceberg)
    String text = value.toString().replaceAll("[\\p{Cc}\\u2028\\u2029]", " ");
    if (text.isEmpty() || text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
