package io.github.spotifylakehouse.workflow.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One card of the dashboard: a chart (an ECharts option), a table, or a message saying why there is
 * nothing to draw. The page draws it from its JSON form ({@link #toJson()}); nothing of it becomes HTML text.
 *
 * @param id element id, unique in the page
 * @param query the SQL file it shows (without {@code .sql}), or empty
 * @param title heading
 * @param subtitle what it answers (the SQL file's description)
 * @param kind what the card holds
 * @param wide spans the page's full width
 * @param option the chart's ECharts option ({@link Kind#CHART} only)
 * @param height the chart's height in pixels ({@link Kind#CHART} only)
 * @param points data items the chart draws, one mark each ({@link Kind#CHART}), or table rows
 * @param table columns and rows ({@link Kind#TABLE} only)
 * @param message what a {@link Kind#EMPTY}, {@link Kind#NOTICE} or {@link Kind#ERROR} card says
 * @param footnote source line under the card
 */
record Panel(String id, String query, String title, String subtitle, Kind kind, boolean wide,
             Map<String, Object> option, int height, int points, Table table, String message, String footnote) {

  /** What a card holds. */
  enum Kind {
    /** A chart with at least one mark. */
    CHART,
    /** A table with at least one row. */
    TABLE,
    /** The query answered no rows. */
    EMPTY,
    /** Nothing to draw yet, and why (one snapshot so far). */
    NOTICE,
    /** The query result does not fit the chart (a missing column), or the query did not run. */
    ERROR
  }

  Panel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(kind, "kind");
  }

  static Panel chart(String id, String query, String title, String subtitle, boolean wide,
                     Map<String, Object> option, int height, int points, String footnote) {
    return new Panel(id, query, title, subtitle, Kind.CHART, wide, option, height, points, null, null, footnote);
  }

  static Panel table(String id, String query, String title, String subtitle, Table table, String footnote) {
    return new Panel(id, query, title, subtitle, Kind.TABLE, true, null, 0, table.rows().size(), table, null,
        footnote);
  }

  static Panel message(String id, String query, String title, String subtitle, Kind kind, boolean wide,
                       String message, String footnote) {
    return new Panel(id, query, title, subtitle, kind, wide, null, 0, 0, null, message, footnote);
  }

  /** The card as the page reads it. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id);
    json.put("query", query);
    json.put("title", title);
    json.put("subtitle", subtitle);
    json.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
    json.put("wide", wide);
    json.put("footnote", footnote);
    json.put("points", points);
    switch (kind) {
      case CHART -> {
        json.put("height", height);
        json.put("option", option);
      }
      case TABLE -> {
        json.put("columns", table.columns());
        json.put("numeric", table.numeric());
        json.put("rows", table.rows());
      }
      default -> json.put("message", message);
    }
    return json;
  }

  /**
   * A table's content, as display text.
   *
   * @param columns headings
   * @param numeric which columns hold numbers (right-aligned)
   * @param rows cells, row by row ({@code null} for a missing value)
   */
  record Table(List<String> columns, List<Boolean> numeric, List<List<String>> rows) {
    Table {
      columns = List.copyOf(columns);
      numeric = List.copyOf(numeric);
      rows = List.copyOf(rows);
    }
  }
}
