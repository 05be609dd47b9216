package io.github.spotifylakehouse.workflow.steps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The extractor's JSON results as one line per playlist, and what passes as it is. */
class ExtractorOutputTest {

  private final ExtractorOutput output = new ExtractorOutput();

  @Test
  void aResultBecomesOneShortLineAndTheResultsAddUp() {
    assertThat(output.summarize("{\"playlist_id\":\"Whk2Tf6WI09ymlQAk5hZLK\",\"status\":\"ok\",\"run_id\":"
        + "\"20261206T045801Z-171e9e8e\",\"snapshot_date\":\"2026-12-06\",\"pages\":9,\"entries\":400,"
        + "\"bytes\":1617615,\"api_shape\":\"item\",\"manifest_key\":\"raw_data/to_process/snapshot_date=2026-12-06/"
        + "playlist_id=Whk2Tf6WI09ymlQAk5hZLK/run_id=20261206T045801Z-171e9e8e/_manifest.json\","
        + "\"duration_ms\":3073}"))
        .isEqualTo("playlist Whk2Tf6WI09ymlQAk5hZLK ok: 9 pages, 400 entries, 1.5 MB in 3.1 s");
    assertThat(output.summarize("{\"playlist_id\":\"37i9dQZF1DXcBWIGoYBM5M\",\"status\":\"failed\",\"pages\":0,"
        + "\"entries\":0,\"bytes\":0,\"duration_ms\":120,\"error\":\"Spotify answered 404: not found\"}"))
        .isEqualTo("playlist 37i9dQZF1DXcBWIGoYBM5M FAILED: 0 pages, 0 entries, 0 B in 120 ms:"
            + " Spotify answered 404: not found");

    assertThat(output.total()).contains("2 playlists: 1 landed, 1 failed; 9 pages, 400 entries, 1.5 MB");
  }

  @Test
  void fieldsMayBeMissingOrNew() {
    assertThat(output.summarize("{\"playlist_id\":\"p1\",\"entries\":1,\"something_new\":[1,2]}"))
        .isEqualTo("playlist p1 ?: 1 entry");
    assertThat(output.total()).contains("1 playlist: 0 landed, 1 failed; 0 pages, 1 entry, 0 B");
  }

  @Test
  void anyOtherLinePassesAsItIs() {
    for (String line : new String[] {
        "[WARN] SpotifyClient - 429 Too Many Requests, retrying in 2 s",
        "{\"run_id\":\"r1\",\"status\":\"ok\"}",
        "{not json}",
        "{\"playlist_id\": \"p1\"",
        ""}) {
      assertThat(output.summarize(line)).isEqualTo(line);
    }
    assertThat(output.total()).isEmpty();
  }
}
