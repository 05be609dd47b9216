package io.github.spotifylakehouse.workflow.report;

import io.github.spotifylakehouse.workflow.query.QueryRunner.QueryResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * A query result's columns found by name, so the dashboard follows the SQL when it changes: each role lists
 * the columns that can play it, best first (a playlist's {@code playlist_name} before its {@code playlist_id}).
 */
final class Columns {

  /** Timestamps as the lake writes them: UTC, to the second. */
  static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final QueryResult result;

  Columns(QueryResult result) {
    this.result = result;
  }

  /** Index of the first of {@code candidates} the result has. */
  OptionalInt find(String... candidates) {
    for (String candidate : candidates) {
      int index = result.columns().indexOf(candidate);
      if (index >= 0) {
        return OptionalInt.of(index);
      }
    }
    return OptionalInt.empty();
  }

  /** Index of the first of {@code candidates} the result has; fails with the columns it does have. */
  int require(String... candidates) {
    return find(candidates).orElseThrow(() -> new MissingColumnException("query " + result.query().name()
        + " has no column " + String.join(" or ", candidates) + " (it has " + String.join(", ", result.columns())
        + ")"));
  }

  /** The rows. */
  List<List<Object>> rows() {
    return result.rows();
  }

  /** A value as a number: numbers, and text that reads as one (Athena-style string columns); else null. */
  static Double number(Object value) {
    if (value instanceof Number number) {
      double d = number.doubleValue();
      return Double.isFinite(d) ? d : null;
    }
    if (value instanceof String text) {
      try {
        double d = Double.parseDouble(text.strip());
        return Double.isFinite(d) ? d : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** A value as display text: plain decimals, UTC timestamps, ISO dates; null stays null. */
  static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Instant instant) {
      return TIMESTAMP.format(instant);
    }
    if (value instanceof byte[] bytes) {
      return "(" + bytes.length + " bytes)";
    }
    return String.valueOf(value);
  }

  /** A value as JSON can carry it: finite numbers and booleans as they are, everything else as text. */
  static Object json(Object value) {
    if (value == null || value instanceof Boolean || value instanceof Long || value instanceof Integer
        || value instanceof Short || value instanceof Byte) {
      return value;
    }
    if (value instanceof Number) {
      return number(value);
    }
    return text(value);
  }

  /** Labels made unique by numbering repeats ({@code Name}, {@code Name (2)}): categories must not merge. */
  static List<String> unique(List<String> labels) {
    String[] out = new String[labels.size()];
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < out.length; i++) {
      String label = labels.get(i) == null || labels.get(i).isBlank() ? "(unnamed)" : labels.get(i);
      int count = seen.merge(label, 1, Integer::sum);
      String candidate = count == 1 ? label : label + " (" + count + ")";
      while (count > 1 && seen.containsKey(candidate)) {
        count++;
        candidate = label + " (" + count + ")";
      }
      if (count > 1) {
        seen.put(candidate, 1);
      }
      out[i] = candidate;
    }
    return Arrays.asList(out);
  }

  /** A query result lacks a column a chart needs: the panel says so instead of drawing. */
  static final class MissingColumnException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MissingColumnException(String message) {
      super(message);
    }
  }
}
