package io.github.spotifylakehouse.workflow.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spotifylakehouse.workflow.query.QueryRunner.QueryResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The local dashboard: one self-contained HTML page drawn from the analytics queries' results, a card per
 * query (charts by Apache ECharts, inlined with the page's own script and style, so it opens offline from
 * disk). The data travels as JSON in a {@code <script type="application/json">} block and the page builds
 * its elements from it with {@code textContent}: no value is ever spliced into HTML.
 *
 * <p>{@link #render(Input)} is pure (results in, HTML out); {@link #write(Path, Input)} writes the file.
 */
public final class Dashboard {

  /** The dashboard's file name in its folder. */
  public static final String FILE_NAME = "index.html";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TEMPLATE = "report/dashboard.html";
  private static final String STYLE = "report/dashboard.css";
  private static final String SCRIPT = "report/dashboard.js";

  private Dashboard() {
  }

  /**
   * What the dashboard shows.
   *
   * @param results the analytics queries' results, as the query step collected them
   * @param generatedAt when the results were computed
   * @param source where they come from (the data directory), shown in the header
   * @param snapshots the lake's snapshot dates, oldest first (empty when unknown)
   */
  public record Input(List<QueryResult> results, Instant generatedAt, String source, List<LocalDate> snapshots) {
    public Input {
      results = List.copyOf(results);
      Objects.requireNonNull(generatedAt, "generatedAt");
      Objects.requireNonNull(source, "source");
      snapshots = List.copyOf(snapshots);
    }
  }

  /**
   * A written dashboard.
   *
   * @param file where
   * @param bytes its size
   * @param cards its cards by kind, e.g. {@code 5 charts, 1 table, 1 notice}
   */
  public record Written(Path file, long bytes, String cards) {
  }

  /** The page for {@code input}. */
  public static String render(Input input) {
    return render(input, Panels.build(input.results(), input.snapshots().size()));
  }

  /** The page with the given cards (tests pass hand-made ones). */
  static String render(Input input, List<Panel> panels) {
    EChartsBundle echarts = EChartsBundle.get();
    Map<String, Object> data = Panels.object(
        "generated", Columns.TIMESTAMP.format(input.generatedAt()) + " UTC",
        "source", input.source(),
        "snapshots", input.snapshots().stream().map(LocalDate::toString).toList(),
        "about", "The same SQL files are the Athena named queries of the AWS stack; here they ran on Spark SQL"
            + " against the local catalog. Charts: Apache ECharts " + echarts.version() + ", inlined: this file"
            + " needs no network.",
        "panels", panels.stream().map(Panel::toJson).toList());
    return fill(resource(TEMPLATE), Map.of(
        "style", inline(resource(STYLE), "</style", STYLE),
        "echarts", inline(echarts.script(), "</script", "echarts.min.js"),
        "script", inline(resource(SCRIPT), "</script", SCRIPT),
        "data", scriptJson(data)));
  }

  /** Renders the page and writes it to {@code file} (through a temporary file: never half a page). */
  public static Written write(Path file, Input input) {
    List<Panel> panels = Panels.build(input.results(), input.snapshots().size());
    byte[] html = render(input, panels).getBytes(StandardCharsets.UTF_8);
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(temp, html);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the dashboard " + file, e);
    }
    return new Written(file, html.length, describe(panels));
  }

  /** {@code 5 charts, 1 table, 1 notice}. */
  static String describe(List<Panel> panels) {
    Map<Panel.Kind, Long> kinds = new EnumMap<>(Panel.Kind.class);
    for (Panel panel : panels) {
      kinds.merge(panel.kind(), 1L, Long::sum);
    }
    return kinds.entrySet().stream().map(e -> {
      String kind = e.getKey().name().toLowerCase(Locale.ROOT);
      return e.getValue() + " " + (e.getValue() == 1 ? kind : kind.equals("empty") ? "empty" : kind + "s");
    }).collect(Collectors.joining(", "));
  }

  /**
   * JSON that can sit inside a {@code <script>} element: {@code <}, {@code >} and {@code &} escaped as
   * {@code \}{@code u003c}... (they only occur in strings, where JSON reads the escapes back), so no value can
   * close the element or open a comment; U+2028/2029 too, for older JavaScript parsers.
   */
  static String scriptJson(Object value) {
    String json;
    try {
      json = JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the dashboard's data as JSON: " + e.getMessage(), e);
    }
    StringBuilder out = new StringBuilder(json.length() + 64);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> out.append("\\u003c");
        case '>' -> out.append("\\u003e");
        case '&' -> out.append("\\u0026");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** {@code text} for inlining in an element that {@code end} would close; refuses it when it holds one. */
  private static String inline(String text, String end, String what) {
    if (text.toLowerCase(Locale.ROOT).contains(end) || text.contains("<!--")) {
      throw new IllegalStateException(what + " contains " + end + " or <!--: it cannot be inlined as it is");
    }
    return text;
  }

  /** Replaces each {@code {{name}}} of the template (only the template's own text is scanned). */
  static String fill(String template, Map<String, String> values) {
    StringBuilder out = new StringBuilder(template.length() + values.values().stream().mapToInt(String::length).sum());
    int at = 0;
    while (true) {
      int open = template.indexOf("{{", at);
      if (open < 0) {
        return out.append(template, at, template.length()).toString();
      }
      int close = template.indexOf("}}", open);
      String name = template.substring(open + 2, close);
      String value = values.get(name);
      if (value == null) {
        throw new IllegalStateException("No value for {{" + name + "}} in " + TEMPLATE);
      }
      out.append(template, at, open).append(value);
      at = close + 2;
    }
  }

  private static String resource(String path) {
    try (InputStream in = Dashboard.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Not on the classpath: " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path, e);
    }
  }
}
