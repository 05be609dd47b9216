package io.github.spotifylakehouse.workflow.report;

import static io.github.spotifylakehouse.workflow.report.DashboardSamples.DAY1;
import static io.github.spotifylakehouse.workflow.report.DashboardSamples.DAY2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.spotifylakehouse.workflow.query.QueryRunner.QueryResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser: headless Chromium loads the generated file from disk, with the network
 * blocked, and {@link DashboardCheck} holds every card to what it should show. Screenshots go to
 * {@code target/dashboard-browser/}. Without Chromium these tests fail, saying how to install it.
 */
class DashboardBrowserTest {

  static final Path OUT = Path.of("target", "dashboard-browser");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static HeadlessChromium browser;

  @BeforeAll
  static void startBrowser() throws Exception {
    browser = HeadlessChromium.start(OUT);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private static HeadlessChromium.PageReport open(String name, String html) throws Exception {
    Path page = OUT.resolve(name + ".html");
    Files.createDirectories(OUT);
    Files.writeString(page, html, StandardCharsets.UTF_8);
    return browser.open(page, OUT.resolve(name + ".png"), TIMEOUT);
  }

  private static Path page(String name) {
    return OUT.resolve(name + ".html");
  }

  @Test
  void drawsEveryCardOfATwoSnapshotLakeWithAMarkPerDataItem() throws Exception {
    HeadlessChromium.PageReport report = open("two-snapshots",
        Dashboard.render(DashboardSamples.input(DashboardSamples.twoSnapshots(), DAY1, DAY2)));

    DashboardCheck.assertDrawn(report, page("two-snapshots"));
    assertThat(DashboardCheck.states(report)).containsExactly(
        Map.entry("panel-playlist_summary", "drawn"),
        Map.entry("panel-top_artists_by_songs", "drawn"),
        Map.entry("panel-most_popular_songs_latest", "drawn"),
        Map.entry("panel-song_popularity_across_snapshots", "drawn"),
        Map.entry("panel-releases_by_year_and_decade", "drawn"),
        Map.entry("panel-playlist_overlap", "drawn"),
        Map.entry("panel-explicit_share_by_album_type", "drawn"));
    assertThat(report.requests()).containsExactly(page("two-snapshots").toAbsolutePath().toUri().toString());
    assertThat(Files.size(report.screenshot())).isGreaterThan(10_000);
  }

  @Test
  void namesAreTextNeverMarkupWhateverTheyHold() throws Exception {
    HeadlessChromium.PageReport report = open("names",
        Dashboard.render(DashboardSamples.input(DashboardSamples.twoSnapshots(), DAY1, DAY2)));

    DashboardCheck.assertDrawn(report, page("names"));
    JsonNode artists = card(report, "panel-top_artists_by_songs");
    // axis labels are SVG text: non-Latin names as they are, the markup-like one as characters
    assertThat(artists.path("text").asText()).contains("Кино", "坂本龍一", "The Stars Midnight (2)");
    assertThat(card(report, "panel-most_popular_songs_latest").path("text").asText()).contains("— Кино");
    for (JsonNode card : report.cards()) {
      assertThat(card.path("images").asInt()).as(card.path("id").asText()).isZero();
    }
    assertThat(report.problems()).isEmpty();
  }

  @Test
  void anEmptyResultAndASingleSnapshotShowTheirMessages() throws Exception {
    List<QueryResult> results = DashboardSamples.replace(DashboardSamples.oneSnapshot(),
        DashboardSamples.empty(DashboardSamples.twoSnapshots(), Panels.TOP_ARTISTS));
    HeadlessChromium.PageReport report = open("empty-and-one-snapshot",
        Dashboard.render(DashboardSamples.input(results, DAY2)));

    DashboardCheck.assertDrawn(report, page("empty-and-one-snapshot"));
    assertThat(DashboardCheck.states(report))
        .containsEntry("panel-top_artists_by_songs", "empty")
        .containsEntry("panel-song_popularity_across_snapshots", "notice")
        .containsEntry("panel-playlist_overlap", "drawn");
    assertThat(card(report, "panel-top_artists_by_songs").path("svgs").asInt()).isZero();
    assertThat(card(report, "panel-top_artists_by_songs").path("text").asText())
        .contains("No artist in the latest snapshot");
    assertThat(card(report, "panel-song_popularity_across_snapshots").path("text").asText())
        .contains("One snapshot so far (" + DAY2 + ")");
  }

  @Test
  void aLakeWithNoRowsAtAllShowsAMessageOnEveryCard() throws Exception {
    List<QueryResult> results = new ArrayList<>();
    for (QueryResult result : DashboardSamples.twoSnapshots()) {
      results.add(DashboardSamples.empty(List.of(result), result.query().name()));
    }
    HeadlessChromium.PageReport report = open("no-rows", Dashboard.render(DashboardSamples.input(results)));

    DashboardCheck.assertDrawn(report, page("no-rows"));
    assertThat(DashboardCheck.states(report).values()).containsOnly("empty");
  }

  @Test
  void theCheckFailsOnAChartThatDrawsNothing() throws Exception {
    List<Panel> panels = new ArrayList<>(Panels.build(DashboardSamples.twoSnapshots(), 2));
    Map<String, Object> option = Panels.object("animation", false,
        "xAxis", Panels.object("type", "category", "data", List.of()),
        "yAxis", Panels.object("type", "value"),
        "series", List.of(Panels.object("type", "bar", "data", List.of())));
    panels.set(1, Panel.chart("panel-top_artists_by_songs", Panels.TOP_ARTISTS, "Top artists", null, false, option,
        300, 5, null));
    HeadlessChromium.PageReport report = open("blank-chart",
        Dashboard.render(DashboardSamples.input(DashboardSamples.twoSnapshots(), DAY1, DAY2), panels));

    assertThatThrownBy(() -> DashboardCheck.assertDrawn(report, page("blank-chart")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("panel-top_artists_by_songs: the chart drew no marks");
  }

  @Test
  void theCheckFailsOnABrokenChartSpec() throws Exception {
    List<Panel> panels = new ArrayList<>(Panels.build(DashboardSamples.twoSnapshots(), 2));
    Panel good = panels.get(1);
    Map<String, Object> option = new java.util.LinkedHashMap<>(good.option());
    option.put("series", List.of(Panels.object("type", "no-such-chart-type", "data", List.of(1, 2, 3))));
    panels.set(1, Panel.chart(good.id(), good.query(), good.title(), good.subtitle(), false, option, 300,
        good.points(), good.footnote()));
    HeadlessChromium.PageReport report = open("broken-spec",
        Dashboard.render(DashboardSamples.input(DashboardSamples.twoSnapshots(), DAY1, DAY2), panels));

    // ECharts' production build skips an unknown series type without a word: the missing marks give it away
    assertThatThrownBy(() -> DashboardCheck.assertDrawn(report, page("broken-spec")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("panel-top_artists_by_songs: the chart drew no marks");
    // the other cards still draw
    assertThat(DashboardCheck.states(report)).containsEntry("panel-playlist_overlap", "drawn");
  }

  @Test
  void theCheckFailsWhenThePageTriesTheNetwork() throws Exception {
    String html = Dashboard.render(DashboardSamples.input(DashboardSamples.twoSnapshots(), DAY1, DAY2))
        .replace("</body>", "<img src=\"https://example.com/pixel.png\" alt=\"\"></body>");
    HeadlessChromium.PageReport report = open("network", html);

    assertThat(DashboardCheck.problems(report, page("network")))
        .anyMatch(problem -> problem.contains("example.com"));
  }

  private static JsonNode card(HeadlessChromium.PageReport report, String id) {
    for (JsonNode card : report.cards()) {
      if (card.path("id").asText().equals(id)) {
        return card;
      }
    }
    throw new AssertionError("No card " + id + " in " + report.cards());
  }
}
