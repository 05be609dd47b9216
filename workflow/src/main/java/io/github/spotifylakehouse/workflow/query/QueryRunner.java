package io.github.spotifylakehouse.workflow.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the analytics SQL on Spark SQL against the local catalog, in the catalog's database, as Athena
 * runs the named queries in the stack's database.
 */
public final class QueryRunner {

  /** Rows kept per query; the queries themselves LIMIT what they return. */
  static final int MAX_ROWS = 1000;

  private final SparkSession spark;
  private final String database;

  public QueryRunner(SparkSession spark, String database) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.database = Objects.requireNonNull(database, "database");
  }

  /** Creates (or replaces) a view from its {@code CREATE OR REPLACE VIEW} file, in the database. */
  public void createView(SqlFile view) {
    spark.sql("USE " + database);
    try {
      spark.sql(view.text());
    } catch (RuntimeException e) {
      throw new IllegalStateException("View " + view.resource() + " failed: " + firstLine(e), e);
    }
  }

  /** Runs one query and collects its rows (timestamps as {@link java.time.Instant}, dates as LocalDate). */
  public QueryResult run(SqlFile query) {
    spark.sql("USE " + database);
    // java.time values print the same whatever the JVM's time zone; java.sql.Timestamp would not
    spark.conf().set("spark.sql.datetime.java8API.enabled", "true");
    long start = System.nanoTime();
    try {
      Dataset<Row> result = spark.sql(query.text());
      List<String> columns = Arrays.asList(result.columns());
      List<List<Object>> rows = new ArrayList<>();
      for (Row row : result.limit(MAX_ROWS).collectAsList()) {
        List<Object> values = new ArrayList<>(row.size());
        for (int i = 0; i < row.size(); i++) {
          values.add(row.get(i));
        }
        rows.add(values);
      }
      return new QueryResult(query, columns, rows, Duration.ofNanos(System.nanoTime() - start));
    } catch (RuntimeException e) {
      throw new IllegalStateException("Query " + query.resource() + " failed: " + firstLine(e), e);
    }
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /**
   * A query's answer.
   *
   * @param query the query
   * @param columns column names, in order
   * @param rows values, row by row
   * @param duration wall time of planning, running and collecting
   */
  public record QueryResult(SqlFile query, List<String> columns, List<List<Object>> rows, Duration duration) {

    public QueryResult {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }

    /** The value of {@code column} in row {@code row}. */
    public Object value(int row, String column) {
      int index = columns.indexOf(column);
      if (index < 0) {
        throw new IllegalArgumentException("Query " + query.name() + " has no column '" + column + "': " + columns);
      }
      return rows.get(row).get(index);
    }

    /** The rows as an aligned text table. */
    public String render() {
      return TextTable.render(columns, rows);
    }

    /** The first {@code maxRows} rows as an aligned text table. */
    public String render(int maxRows) {
      return TextTable.render(columns, rows.subList(0, Math.min(maxRows, rows.size())));
    }
  }
}
