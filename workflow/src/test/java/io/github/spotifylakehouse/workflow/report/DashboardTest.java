package io.github.spotifylakehouse.workflow.report;

import static io.github.spotifylakehouse.workflow.report.DashboardSamples.DAY1;
import static io.github.spotifylakehouse.workflow.report.DashboardSamples.DAY2;
import static io.github.spotifylakehouse.workflow.report.DashboardSamples.MARKUP;
import static io.github.spotifylakehouse.workflow.report.DashboardSamples.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spotifylakehouse.workflow.query.QueryRunner.QueryResult;
import io.github.spotifylakehouse.workflow.query.SqlFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard without a browser: query results in, one self-contained page out. */
class DashboardTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATA_OPEN = "<script type=\"application/json\" id=\"dashboard-data\">";

  @TempDir
  Path temp;

  private static String render(List<QueryResult> results, String... snapshots) {
    return Dashboard.render(DashboardSamples.input(results, snapshots));
  }

  /** The JSON block as the page's script reads it. */
  private static JsonNode data(String html) throws Exception {
    int start = html.indexOf(DATA_OPEN) + DATA_OPEN.length();
    return JSON.readTree(html.substring(start, html.indexOf("</script>", start)));
  }

  private static JsonNode panel(JsonNode data, String query) {
    for (JsonNode panel : data.path("panels")) {
      if (panel.path("query").asText().equals(query)) {
        return panel;
      }
    }
    throw new AssertionError("No panel for " + query);
  }

  @Test
  void everyQueryHasACardInPageOrder() throws Exception {
    JsonNode data = data(render(DashboardSamples.twoSnapshots(), DAY1, DAY2));

    List<String> queries = new ArrayList<>();
    data.path("panels").forEach(panel -> queries.add(panel.path("query").asText()));
    assertThat(queries).containsExactly(Panels.PLAYLIST_SUMMARY, Panels.TOP_ARTISTS, Panels.MOST_POPULAR,
        Panels.POPULARITY_MOVES, Panels.RELEASES, Panels.OVERLAP, Panels.EXPLICIT);
    assertThat(queries).containsExactlyInAnyOrderElementsOf(SqlFile.queries().stream().map(SqlFile::name).toList());
    List<String> kinds = new ArrayList<>();
    data.path("panels").forEach(panel -> kinds.add(panel.path("kind").asText()));
    assertThat(kinds).containsExactly("table", "chart", "chart", "chart", "chart", "chart", "chart");
    assertThat(data.path("snapshots").toString()).isEqualTo("[\"" + DAY1 + "\",\"" + DAY2 + "\"]");
    assertThat(data.path("generated").asText()).isEqualTo("2026-11-22 06:30:00 UTC");
  }

  @Test
  void thePageCarriesItsScriptsAndNeedsNothingElse() {
    String html = render(DashboardSamples.twoSnapshots(), DAY1, DAY2);

    // the data block, ECharts, the page's own script: no src, no link, no external reference
    assertThat(count(html, "<script")).isEqualTo(3);
    assertThat(count(html, "</script>")).isEqualTo(3);
    // (the library itself holds an img tag for its image export, which the dashboard does not offer)
    // (and the data holds names that look like markup, as escaped JSON text: see the test below)
    int data = html.indexOf(DATA_OPEN);
    String own = (html.substring(0, data) + html.substring(html.indexOf("</script>", data)))
        .replace(EChartsBundle.get().script(), "");
    assertThat(own).doesNotContain(" src=", "<link", "@import", "url(", "http://", "https://");
    assertThat(html).contains("Content-Security-Policy", "default-src 'none'")
        .contains("Apache ECharts " + EChartsBundle.get().version())
        .contains("echarts.init(box, null, { renderer: 'svg' })");
    assertThat(html.length()).isBetween(900_000, 1_500_000);
  }

  @Test
  void namesGoInAsEscapedJsonAndReadBackUnchanged() throws Exception {
    String html = render(DashboardSamples.twoSnapshots(), DAY1, DAY2);

    int start = html.indexOf(DATA_OPEN) + DATA_OPEN.length();
    String block = html.substring(start, html.indexOf("</script>", start));
    assertThat(block).doesNotContain("<", ">", "&").contains("\\u003c/script\\u003e");
    JsonNode artists = panel(data(html), Panels.TOP_ARTISTS).path("option").path("dataset").path("source");
    List<String> names = new ArrayList<>();
    artists.forEach(row -> names.add(row.get(0).asText()));
    assertThat(names).contains(MARKUP, "Кино", "坂本龍一", "The Stars Midnight", "The Stars Midnight (2)",
        "Tyler, the \"Signal\" & Co");
    // the markup-like name never reaches the HTML as markup
    assertThat(html).doesNotContain("window.injected=1</script>", "onerror=\"window.injected");
  }

  @Test
  void scriptJsonEscapesWhatCouldEndTheElement() {
    assertThat(Dashboard.scriptJson(Map.of("a", "</script><!-- & \u2028\u2029")))
        .isEqualTo("{\"a\":\"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029\"}");
  }

  @Test
  void aPlaylistNameWinsOverItsIdWhenTheQueryHasOne() throws Exception {
    List<QueryResult> results = DashboardSamples.replace(DashboardSamples.twoSnapshots(),
        DashboardSamples.result(Panels.PLAYLIST_SUMMARY,
            List.of("playlist_id", "playlist_name", "entries", "songs"),
            row("Whk2Tf6WI09ymlQAk5hZLK", "Morning Ψ κ 朝", 399L, 377L),
            row("SFsJsxIa18O7UaEgcLVIYe", null, 245L, 231L)));
    results = DashboardSamples.replace(results, DashboardSamples.result(Panels.OVERLAP,
        List.of("playlist_a", "playlist_a_name", "playlist_b", "playlist_b_name", "shared_songs", "songs_a",
            "songs_b", "overlap_pct"),
        row("a1", "Chill", "b2", "Focus", 3L, 30L, 40L, 10.0),
        row("a1", "Chill", "c3", "Chill", 2L, 30L, 20L, 10.0)));

    JsonNode data = data(render(results, DAY1, DAY2));

    JsonNode summary = panel(data, Panels.PLAYLIST_SUMMARY);
    assertThat(summary.path("columns").toString()).isEqualTo("[\"playlist\",\"entries\",\"songs\",\"playlist id\"]");
    assertThat(summary.path("rows").get(0).toString())
        .isEqualTo("[\"Morning Ψ κ 朝\",\"399\",\"377\",\"Whk2Tf6WI09ymlQAk5hZLK\"]");
    assertThat(summary.path("rows").get(1).get(0).isNull()).isTrue();
    JsonNode overlap = panel(data, Panels.OVERLAP);
    // two playlists called Chill stay two rows of the heat map
    assertThat(overlap.path("option").path("yAxis").path("data").toString())
        .isEqualTo("[\"Focus\",\"Chill\",\"Chill (2)\"]");
    assertThat(overlap.path("subtitle").asText()).doesNotContain("by id");
    assertThat(overlap.path("points").asInt()).isEqualTo(4);
  }

  @Test
  void playlistsAreShownByIdUntilTheQueriesHaveNames() throws Exception {
    JsonNode data = data(render(DashboardSamples.twoSnapshots(), DAY1, DAY2));

    JsonNode summary = panel(data, Panels.PLAYLIST_SUMMARY);
    assertThat(summary.path("columns").get(0).asText()).isEqualTo("playlist");
    assertThat(summary.path("rows").get(0).get(0).asText()).isEqualTo("Whk2Tf6WI09ymlQAk5hZLK");
    assertThat(summary.path("rows").get(0).get(5).asText()).isEqualTo("2025-05-28 04:41:22");
    assertThat(summary.path("numeric").toString()).isEqualTo("[false,true,true,true,true,false]");
    JsonNode overlap = panel(data, Panels.OVERLAP);
    // biggest playlist first, each pair drawn both ways
    assertThat(overlap.path("option").path("xAxis").path("data").toString())
        .isEqualTo("[\"Whk2Tf6WI09ymlQAk5hZLK\",\"SFsJsxIa18O7UaEgcLVIYe\",\"EjboajirIQQZ6rc23jQ3RT\"]");
    assertThat(overlap.path("points").asInt()).isEqualTo(6);
    assertThat(overlap.path("subtitle").asText()).endsWith("Playlists by id until the lake has their names");
  }

  @Test
  void popularityMovesAreASlopeChartFromTheSecondSnapshotOn() throws Exception {
    JsonNode moves = panel(data(render(DashboardSamples.twoSnapshots(), DAY1, DAY2)), Panels.POPULARITY_MOVES);

    assertThat(moves.path("kind").asText()).isEqualTo("chart");
    assertThat(moves.path("option").path("xAxis").path("data").toString())
        .isEqualTo("[\"" + DAY1 + "\",\"" + DAY2 + "\"]");
    assertThat(moves.path("option").path("series")).hasSize(4); // the new song has no previous value
    assertThat(moves.path("points").asInt()).isEqualTo(8);
    assertThat(moves.path("option").path("series").get(0).path("data").toString())
        .startsWith("[[\"" + DAY1 + "\",80.0],{\"value\":[\"" + DAY2 + "\",100.0],\"label\":{\"show\":true,");
    assertThat(moves.path("subtitle").asText()).contains("1 of the top 5 had no popularity in the previous snapshot");
  }

  @Test
  void beforeASecondSnapshotPopularityMovesSayWhyThereIsNoChart() throws Exception {
    JsonNode one = panel(data(render(DashboardSamples.oneSnapshot(), DAY2)), Panels.POPULARITY_MOVES);
    assertThat(one.path("kind").asText()).isEqualTo("notice");
    assertThat(one.path("message").asText()).startsWith("One snapshot so far (" + DAY2 + ")")
        .contains("Run the pipeline again");

    // two snapshots in the lake, yet no song with a value in both: not "one snapshot so far"
    JsonNode none = panel(data(render(DashboardSamples.oneSnapshot(), DAY1, DAY2)), Panels.POPULARITY_MOVES);
    assertThat(none.path("kind").asText()).isEqualTo("empty");
    assertThat(none.path("message").asText()).contains("both of the latest two snapshots");
  }

  @Test
  void anEmptyResultIsAMessageNotAnEmptyChart() throws Exception {
    List<QueryResult> results = DashboardSamples.twoSnapshots();
    for (String query : List.of(Panels.TOP_ARTISTS, Panels.OVERLAP, Panels.PLAYLIST_SUMMARY, Panels.RELEASES,
        Panels.EXPLICIT, Panels.MOST_POPULAR, Panels.POPULARITY_MOVES)) {
      JsonNode panel = panel(data(render(DashboardSamples.replace(results, DashboardSamples.empty(results, query)))),
          query);
      assertThat(panel.path("kind").asText()).as(query).isEqualTo("empty");
      assertThat(panel.path("message").asText()).as(query).isNotBlank();
      assertThat(panel.has("option")).as(query).isFalse();
    }
  }

  @Test
  void releasesStackByDecadeOverEveryYearSoGapsShow() throws Exception {
    JsonNode releases = panel(data(render(DashboardSamples.twoSnapshots(), DAY1, DAY2)), Panels.RELEASES);

    JsonNode option = releases.path("option");
    assertThat(option.path("xAxis").path("data")).hasSize(16); // 1968..1983, 1975 without releases
    List<String> decades = new ArrayList<>();
    option.path("series").forEach(series -> decades.add(series.path("name").asText()));
    assertThat(decades).containsExactly("1960s: 5 albums", "1970s: 41 albums", "1980s: 13 albums");
    assertThat(releases.path("points").asInt()).isEqualTo(15);
    assertThat(option.path("series").get(1).path("data").get(7).isNull()).isTrue(); // 1975
  }

  @Test
  void aMissingColumnMakesAnErrorCardThatNamesIt() throws Exception {
    List<QueryResult> results = DashboardSamples.replace(DashboardSamples.twoSnapshots(),
        DashboardSamples.result(Panels.TOP_ARTISTS, List.of("artist_name", "song_count"), row("Кино", 6L)));

    JsonNode panel = panel(data(render(results)), Panels.TOP_ARTISTS);

    assertThat(panel.path("kind").asText()).isEqualTo("error");
    assertThat(panel.path("message").asText())
        .isEqualTo("Cannot draw this card: query top_artists_by_songs has no column songs (it has artist_name,"
            + " song_count).");
  }

  @Test
  void anUnknownQueryIsATableAndAMissingOneSaysSo() throws Exception {
    List<QueryResult> results = new ArrayList<>(DashboardSamples.twoSnapshots());
    results.removeIf(result -> result.query().name().equals(Panels.EXPLICIT));
    results.add(DashboardSamples.result("zz_new_question", List.of("answer"), row(42L)));

    JsonNode data = data(render(results));

    JsonNode missing = panel(data, Panels.EXPLICIT);
    assertThat(missing.path("kind").asText()).isEqualTo("error");
    assertThat(missing.path("message").asText()).contains("did not run");
    JsonNode extra = panel(data, "zz_new_question");
    assertThat(extra.path("kind").asText()).isEqualTo("table");
    assertThat(extra.path("title").asText()).isEqualTo("Zz new question");
    assertThat(data.path("panels").get(data.path("panels").size() - 1).path("query").asText())
        .isEqualTo("zz_new_question");
  }

  @Test
  void uniqueLabelsNumberTheRepeats() {
    assertThat(Columns.unique(java.util.Arrays.asList("A", "B", "A", null, "A", " ")))
        .containsExactly("A", "B", "A (2)", "(unnamed)", "A (3)", "(unnamed) (2)");
  }

  @Test
  void writeReplacesTheFileWholeAndDescribesTheCards() throws Exception {
    Path file = temp.resolve("report").resolve(Dashboard.FILE_NAME);

    Dashboard.Written written = Dashboard.write(file, DashboardSamples.input(DashboardSamples.oneSnapshot(), DAY2));

    assertThat(written.file()).isEqualTo(file);
    assertThat(written.bytes()).isEqualTo(Files.size(file));
    assertThat(written.cards()).isEqualTo("5 charts, 1 table, 1 notice");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>");
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly(Dashboard.FILE_NAME);
    }
  }

  private static int count(String text, String part) {
    Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }
}
