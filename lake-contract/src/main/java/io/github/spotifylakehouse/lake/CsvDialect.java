package io.github.spotifylakehouse.lake;

import java.util.Map;

/**
 * The CSV the job writes and every catalog reads: UTF-8, a header, RFC 4180 quoting (a quote inside a
 * field is doubled), ISO dates, {@code yyyy-MM-dd HH:mm:ss} timestamps in UTC, null as an empty field,
 * surrounding spaces kept (Spark trims them by default). Fields with line breaks are quoted, so readers
 * need their multi-line mode (Spark {@code multiLine}).
 *
 * <p>{@link #OPTIONS} are Spark data source options, given as plain strings so the contract stays free of
 * Spark: the job's writer and the local catalog's reader pass them as they are.
 */
public final class CsvDialect {

  /** Spark CSV options of the lake's CSV, for writing and reading alike. */
  public static final Map<String, String> OPTIONS = Map.ofEntries(
      Map.entry("ignoreLeadingWhiteSpace", "false"),
      Map.entry("ignoreTrailingWhiteSpace", "false"),
      Map.entry("header", "true"),
      Map.entry("encoding", "UTF-8"),
      Map.entry("quote", "\""),
      Map.entry("escape", "\""),
      Map.entry("dateFormat", "yyyy-MM-dd"),
      Map.entry("timestampFormat", "yyyy-MM-dd HH:mm:ss"),
      Map.entry("timeZone", "UTC"),
      Map.entry("nullValue", ""),
      Map.entry("lineSep", "\n"));

  private CsvDialect() {
  }
}
