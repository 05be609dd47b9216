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

/**
 * Hand-made job output for tests: CSV files in the layout and format the job writes (contract columns in
 * order, header, RFC 4180 quoting, empty = null) under {@code <root>/transformed_data/<table>_data/
 * snapshot_date=.../part-00000.csv}. Known rows in, known answers out.
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

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (text.isEmpty() || text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
