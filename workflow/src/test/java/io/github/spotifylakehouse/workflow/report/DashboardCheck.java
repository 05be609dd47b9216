package io.github.spotifylakehouse.workflow.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a drawn dashboard must show in a real browser: the page finished, nothing went wrong (no exception,
 * console error, failed or outside request), and every card is in a final state: a chart with one mark per
 * data item, a table with its rows, or a visible message (empty result, one snapshot so far). A chart that
 * drew nothing, a card that failed and a page that never finished all fail.
 */
public final class DashboardCheck {

  private DashboardCheck() {
  }

  /** The problems of {@code report}; empty when the dashboard is drawn. */
  public static List<String> problems(HeadlessChromium.PageReport report, Path page) {
    List<String> problems = new ArrayList<>(report.problems());
    String url = page.toAbsolutePath().toUri().toString();
    for (String request : report.requests()) {
      if (!request.equals(url)) {
        problems.add("the page requested " + request + ": it must need nothing but itself");
      }
    }
    JsonNode status = report.status();
    if (status == null || !status.path("done").asBoolean()) {
      problems.add("the page did not finish drawing (window.dashboardStatus.done is not true)");
      return problems;
    }
    Map<String, JsonNode> dom = new LinkedHashMap<>();
    report.cards().forEach(card -> dom.put(card.path("id").asText(), card));
    if (status.path("panels").size() == 0) {
      problems.add("the page has no card");
    }
    for (JsonNode panel : status.path("panels")) {
      String id = panel.path("id").asText();
      String kind = panel.path("kind").asText();
      String state = panel.path("state").asText();
      JsonNode card = dom.get(id);
      if (card == null) {
        problems.add(id + ": no such card in the DOM");
        continue;
      }
      if (!state.equals(card.path("state").asText())) {
        problems.add(id + ": the DOM says " + card.path("state").asText() + ", the page's status " + state);
      }
      if (card.path("images").asInt() > 0) {
        problems.add(id + ": holds an img, iframe or object element: data became markup");
      }
      int expected = panel.path("expected").asInt();
      int marks = panel.path("marks").asInt();
      switch (kind) {
        case "chart" -> {
          if (!state.equals("drawn") || marks == 0) {
            problems.add(id + ": the chart drew no marks (state " + state + ", "
                + panel.path("message").asText("no message") + ")");
          } else if (marks != expected) {
            problems.add(id + ": the chart drew " + marks + " marks for " + expected + " data items");
          }
          if (card.path("svgs").asInt() == 0 || card.path("shapes").asInt() < marks) {
            problems.add(id + ": " + card.path("svgs").asInt() + " SVG elements with " + card.path("shapes").asInt()
                + " shapes for " + marks + " marks");
          }
        }
        case "table" -> {
          if (!state.equals("drawn") || card.path("rows").asInt() == 0 || card.path("rows").asInt() != expected) {
            problems.add(id + ": the table shows " + card.path("rows").asInt() + " rows for " + expected);
          }
        }
        case "empty", "notice" -> {
          String message = panel.path("message").asText("");
          if (!state.equals(kind) || message.isBlank() || !card.path("text").asText().contains(message)) {
            problems.add(id + ": the " + kind + " card does not show its message");
          }
        }
        default -> problems.add(id + ": a card of kind " + kind + " in state " + state + ": "
            + panel.path("message").asText(""));
      }
    }
    return problems;
  }

  /** Fails, listing every problem, unless the dashboard is drawn. */
  public static void assertDrawn(HeadlessChromium.PageReport report, Path page) {
    List<String> problems = problems(report, page);
    if (!problems.isEmpty()) {
      throw new AssertionError("The dashboard " + page + " is not drawn as it should be (screenshot: "
          + report.screenshot() + "):\n  - " + String.join("\n  - ", problems));
    }
  }

  /** Each card's state, by id, in page order. */
  public static Map<String, String> states(HeadlessChromium.PageReport report) {
    Map<String, String> states = new LinkedHashMap<>();
    report.cards().forEach(card -> states.put(card.path("id").asText(), card.path("state").asText()));
    return states;
  }
}
