package io.github.spotifylakehouse.workflow.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Query results as an aligned text table, the way a SQL console prints them: a header, a rule, numbers
 * right-aligned, {@code NULL} for nulls, long or multi-line values shortened to one line.
 */
public final class TextTable {

  static final int MAX_WIDTH = 48;
  /** Timestamps as the lake writes them: UTC, to the second. */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private TextTable() {
  }

  /** Renders {@code rows} (each as long as {@code columns}) without a trailing newline. */
  public static String render(List<String> columns, List<List<Object>> rows) {
    Objects.requireNonNull(columns, "columns");
    int count = columns.size();
    List<String[]> cells = new ArrayList<>();
    boolean[] numeric = new boolean[count];
    java.util.Arrays.fill(numeric, true);
    for (List<Object> row : rows) {
      if (row.size() != count) {
        throw new IllegalArgumentException("Row has " + row.size() + " values for " + count + " columns: " + row);
      }
      String[] rendered = new String[count];
      for (int i = 0; i < count; i++) {
        Object value = row.get(i);
        rendered[i] = cell(value);
        if (value != null && !(value instanceof Number)) {
          numeric[i] = false;
        }
      }
      cells.add(rendered);
    }
    int[] widths = new int[count];
    for (int i = 0; i < count; i++) {
      widths[i] = columns.get(i).length();
      for (String[] row : cells) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(i == 0 ? " " : " | ").append(pad(columns.get(i), widths[i], false));
    }
    out.append('\n');
    for (int i = 0; i < count; i++) {
      out.append(i == 0 ? "-" : "-+-").append("-".repeat(widths[i]));
    }
    for (String[] row : cells) {
      out.append('\n');
      for (int i = 0; i < count; i++) {
        out.append(i == 0 ? " " : " | ").append(pad(row[i], widths[i], numeric[i]));
      }
    }
    return stripTrailing(out.toString());
  }

  static String cell(Object value) {
    if (value == null) {
      return "NULL";
    }
    String text;
    if (value instanceof BigDecimal decimal) {
      text = decimal.toPlainString();
    } else if (value instanceof Instant instant) {
      text = TIMESTAMP.format(instant);
    } else {
      text = String.valueOf(value);
    }
    text = text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    if (text.codePointCount(0, text.length()) > MAX_WIDTH) {
      text = text.substring(0, text.offsetByCodePoints(0, MAX_WIDTH - 3)) + "...";
    }
    return text;
  }

  private static String pad(String text, int width, boolean right) {
    String padding = " ".repeat(width - text.length());
    return right ? padding + text : text + padding;
  }

  private static String stripTrailing(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(line.stripTrailing());
    }
    return out.toString();
  }
}
