package io.github.spotifylakehouse.etl.bench;

import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.ManifestFields;
import io.github.spotifylakehouse.lake.PageKind;
import io.github.spotifylakehouse.lake.RawLayout;
import io.github.spotifylakehouse.testkit.CommandLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The yardstick: the job's transform done by DuckDB (in-process, through JDBC) over the same raw files, the
 * tool a data engineer would reach for on one machine instead of Spark. The SQL is {@value #SQL_RESOURCE}:
 * {@code read_json} of every page of the complete runs, {@code unnest} of the entries, the latest song
 * versions by {@code arg_max}, the five tables, and {@code COPY ... TO} CSV partitioned by snapshot date.
 *
 * <pre>
 * java ... DuckDbYardstick --raw LAKE/raw_data/to_process --out DIR [--threads 2] [--memory-limit 4GB]
 *                          [--formats csv] [--temp-dir DIR]
 * </pre>
 *
 * <p>Prints one {@code yardstick.<key>=<value>} line per figure on stdout (steps in milliseconds, entries,
 * rows per table) for {@link EngineComparison} to read. {@code --formats csv,parquet} also writes Parquet
 * (snappy); any other format has no DuckDB counterpart here and is reported as skipped.
 */
public final class DuckDbYardstick {

  static final String SQL_RESOURCE = "/bench/duckdb-yardstick.sql";
  static final String PREFIX = "yardstick.";
  /** The tables its SQL builds: the five it was written for (the playlist table has no counterpart here). */
  static final List<LakeTable> TABLES = java.util.Arrays.stream(LakeTable.values())
      .filter(table -> table != LakeTable.PLAYLIST).toList();
  /** Where {@code --formats csv,parquet} writes its Parquet copies (the job itself now writes Iceberg). */
  static final String PARQUET_ROOT = LakeTable.TRANSFORMED_ROOT + "parquet/";
  static final Set<String> OPTIONS = Set.of("raw", "out", "threads", "memory-limit", "formats", "temp-dir");
  private static final Pattern STEP = Pattern.compile("(?m)^-- step: (.+)$");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)(?:\\.([a-z]+))?}");

  private DuckDbYardstick() {
  }

  public static void main(String[] args) throws Exception {
    CommandLine options = new CommandLine("duckdb-yardstick", OPTIONS, args);
    Path raw = Path.of(options.text("raw", "target/bench/raw/" + RawLayout.TO_PROCESS)).toAbsolutePath();
    Path out = Path.of(options.text("out", "target/bench/duckdb-out")).toAbsolutePath();
    int threads = (int) options.number("threads", Runtime.getRuntime().availableProcessors());
    String memoryLimit = options.text("memory-limit", "4GB");
    List<String> formats = List.of(options.text("formats", "csv").split(","));
    Path tempDir = Path.of(options.text("temp-dir", out.resolveSibling(out.getFileName() + "-tmp").toString()));
    if (!Files.isDirectory(raw)) {
      throw new IllegalArgumentException("duckdb-yardstick: no raw files under " + raw);
    }
    if (Files.exists(out)) {
      throw new IllegalArgumentException("duckdb-yardstick: " + out + " exists; give a fresh --out");
    }

    List<Step> steps = parse(render(loadSql(), raw, out));
    if (formats.contains("parquet")) {
      steps.add(new Step("write parquet", parquetCopies(out)));
    }
    for (String format : formats) {
      if (!format.equals("csv") && !format.equals("parquet")) {
        System.out.println(PREFIX + "skipped_format=" + format);
      }
    }

    // COPY ... PARTITION_BY makes the table's folder, not its parents
    Files.createDirectories(out.resolve(formats.contains("parquet") ? PARQUET_ROOT : LakeTable.TRANSFORMED_ROOT));
    long start = System.nanoTime();
    Map<String, Long> stepMillis = new LinkedHashMap<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
         Statement sql = db.createStatement()) {
      sql.execute("SET threads = " + threads);
      sql.execute("SET memory_limit = '" + memoryLimit + "'");
      sql.execute("SET temp_directory = '" + tempDir + "'");
      sql.execute("SET TimeZone = 'UTC'");
      stepMillis.put("connect", millisSince(start));
      for (Step step : steps) {
        long t = System.nanoTime();
        for (String statement : step.statements()) {
          try {
            sql.execute(statement);
          } catch (SQLException e) {
            throw new SQLException("DuckDB yardstick failed in step '" + step.name() + "': " + e.getMessage()
                + "\n" + statement, e);
          }
        }
        stepMillis.merge(step.name(), millisSince(t), Long::sum);
        System.err.printf("duckdb-yardstick: %s %,d ms%n", step.name(), stepMillis.get(step.name()));
      }
      System.out.println(PREFIX + "version=" + single(sql, "SELECT version()"));
      System.out.println(PREFIX + "threads=" + threads);
      System.out.println(PREFIX + "memory_limit=" + memoryLimit);
      System.out.println(PREFIX + "files=" + single(sql, "SELECT count(*) FROM files"));
      // entries as the job counts them (skipped ones included), and those that became rows
      System.out.println(PREFIX + "entries_seen=" + single(sql, "SELECT sum(hi - lo) FROM files"));
      System.out.println(PREFIX + "entries=" + single(sql, "SELECT count(*) FROM entries"));
      for (LakeTable table : TABLES) {
        System.out.println(PREFIX + "rows." + table.tableName() + "="
            + single(sql, "SELECT count(*) FROM " + table.tableName()));
      }
    }
    for (Map.Entry<String, Long> step : stepMillis.entrySet()) {
      System.out.println(PREFIX + "step." + step.getKey().replace(' ', '_') + "=" + step.getValue());
    }
    System.out.println(PREFIX + "total_ms=" + millisSince(start));
  }

  /** A timed part of the script and its statements. */
  record Step(String name, List<String> statements) {
  }

  static String loadSql() {
    try (InputStream in = DuckDbYardstick.class.getResourceAsStream(SQL_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("No " + SQL_RESOURCE + " on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + SQL_RESOURCE, e);
    }
  }

  /**
   * Fills the placeholders: {@code ${raw}}, {@code ${out}}, the manifest's names ({@code ${manifest.name}},
   * {@code .pages}, {@code .file}, {@code .kind}), page kinds ({@code ${kind.items}}, {@code ${kind.playlist}}),
   * and per table {@code ${<table>.columns}} (the
   * contract's columns in order, without the partition column), {@code ${<table>.keys}} and
   * {@code ${<table>.prefix}} (its CSV prefix without the trailing slash).
   */
  static String render(String sql, Path raw, Path out) {
    Matcher m = PLACEHOLDER.matcher(sql);
    StringBuilder result = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String part = m.group(2);
      String value;
      if (part == null) {
        value = switch (name) {
          case "raw" -> raw.toString();
          case "out" -> out.toString();
          default -> throw new IllegalArgumentException("Unknown placeholder ${" + name + "} in " + SQL_RESOURCE);
        };
      } else if (name.equals("manifest")) {
        value = switch (part) {
          case "name" -> RawLayout.MANIFEST_FILE;
          case "pages" -> ManifestFields.PAGES;
          case "file" -> ManifestFields.PAGE_FILE;
          case "kind" -> ManifestFields.PAGE_KIND;
          default -> throw new IllegalArgumentException("Unknown placeholder " + m.group() + " in " + SQL_RESOURCE);
        };
      } else if (name.equals("kind")) {
        value = PageKind.valueOf(part.toUpperCase(Locale.ROOT)).manifestValue();
      } else {
        LakeTable table = LakeTable.byName(name);
        value = switch (part) {
          case "columns" -> String.join(", ", table.columnNames());
          case "keys" -> String.join(", ", table.keyColumns());
          case "prefix" -> stripSlash(table.csvPrefix());
          default -> throw new IllegalArgumentException("Unknown placeholder " + m.group() + " in " + SQL_RESOURCE);
        };
      }
      m.appendReplacement(result, Matcher.quoteReplacement(value));
    }
    m.appendTail(result);
    return result.toString();
  }

  /** Statements end with a semicolon at the end of a line; a "-- step: NAME" line starts a step. */
  static List<Step> parse(String sql) {
    List<Step> steps = new ArrayList<>();
    String current = "setup";
    List<String> statements = new ArrayList<>();
    for (String chunk : sql.split(";[ \\t]*\\r?\\n")) {
      Matcher step = STEP.matcher(chunk);
      if (step.find()) {
        if (!statements.isEmpty()) {
          steps.add(new Step(current, statements));
        }
        current = step.group(1).trim();
        statements = new ArrayList<>();
      }
      if (!chunk.lines().allMatch(line -> line.isBlank() || line.trim().startsWith("--"))) {
        statements.add(chunk.strip());
      }
    }
    if (!statements.isEmpty()) {
      steps.add(new Step(current, statements));
    }
    return steps;
  }

  private static List<String> parquetCopies(Path out) {
    List<String> copies = new ArrayList<>();
    for (LakeTable table : TABLES) {
      copies.add("COPY (SELECT " + String.join(", ", table.columnNames()) + ", " + LakeTable.PARTITION_COLUMN
          + " FROM " + table.tableName() + " ORDER BY " + LakeTable.PARTITION_COLUMN + ", "
          + String.join(", ", table.keyColumns()) + ") TO '" + out + "/" + stripSlash(PARQUET_ROOT + table.tableName() + "_data/")
          + "' (FORMAT PARQUET, COMPRESSION snappy, PARTITION_BY (" + LakeTable.PARTITION_COLUMN + "))");
    }
    return copies;
  }

  private static String single(Statement sql, String query) throws SQLException {
    try (ResultSet rs = sql.executeQuery(query)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String stripSlash(String prefix) {
    return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
  }

  private static long millisSince(long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1_000_000;
  }
}
