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

  /**
   * What the CSV copy turns into a space, as a regular expression: control characters (Unicode category Cc,
   * U+0000-U+001F and U+007F-U+009F) and Unicode's line and paragraph separators (U+2028, U+2029). Athena reads CSV
   * line by line before its SerDe sees a quote, so a line break inside a quoted name would split the row there.
   */
  public static final String UNSAFE_TEXT = "[\\p{Cc}\\u2028\\u2029]";

  private CsvDialect() {
  }

  /**
   * Whether {@code length} chars of {@code chars} from {@code offset} hold none of the characters {@link #UNSAFE_TEXT}
   * matches (the same rule, no regex); made for a parser's text buffer, read before any string is made of it.
   */
  public static boolean isSafe(char[] chars, int offset, int length) {
    for (int i = offset, end = offset + length; i < end; i++) {
      char c = chars[i];
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029) {
        return false;
      }
    }
    return true;
  }
}
