package io.github.spotifylakehouse.extractor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spotifylakehouse.lake.ExtractorEnv;
import io.github.spotifylakehouse.extractor.testing.GeneratedPlaylist;
import io.github.spotifylakehouse.extractor.testing.LocalS3;
import io.github.spotifylakehouse.extractor.testing.SpotifyDouble;
import io.github.spotifylakehouse.lake.RawLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code extract} from the command line: JSON per playlist on stdout and the exit codes. */
class MainTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(run(Map.of())).isEqualTo(Main.BAD_CONFIGURATION);
    assertThat(run(Map.of(), "load")).isEqualTo(Main.BAD_CONFIGURATION);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown command 'load'").contains("Usage:");
  }

  @Test
  void missingConfigurationExitsWithTwoAndNamesTheVariable() {
    assertThat(run(Map.of(ExtractorEnv.SPOTIFY_PLAYLIST_IDS, "me"), "extract")).isEqualTo(Main.BAD_CONFIGURATION);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Configuration error: Missing required variable LAKE_BUCKET");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void extractPrintsOneJsonResultPerPlaylistAndExitsWithZero() throws Exception {
    try (SpotifyDouble spotify = new SpotifyDouble()) {
      spotify.stubToken(SpotifyDouble.ACCESS_TOKEN);
      spotify.stub(new GeneratedPlaylist("aaaaaaaaaaaaaaaaaaaaa1", 51, GeneratedPlaylist.Shape.TRACK, spotify.apiBase()));
      spotify.stub(new GeneratedPlaylist("bbbbbbbbbbbbbbbbbbbbb2", 0, GeneratedPlaylist.Shape.ITEM, spotify.apiBase()));
      LocalS3 s3 = LocalS3.shared();
      String bucket = s3.newBucket();
      Map<String, String> env = new HashMap<>(spotify.env("aaaaaaaaaaaaaaaaaaaaa1,bbbbbbbbbbbbbbbbbbbbb2"));
      env.putAll(s3.env(bucket));
      env.put(ExtractorEnv.SNAPSHOT_DATE, "2026-11-21");

      assertThat(run(env, "extract")).isEqualTo(Main.OK);

      List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
      assertThat(lines).hasSize(2);
      JsonNode first = JSON.readTree(lines.get(0));
      JsonNode second = JSON.readTree(lines.get(1));
      assertThat(first.get("playlist_id").asText()).isEqualTo("aaaaaaaaaaaaaaaaaaaaa1");
      assertThat(first.get("status").asText()).isEqualTo("ok");
      assertThat(first.get("pages").asInt()).isEqualTo(3);
      assertThat(first.get("entries").asInt()).isEqualTo(51);
      assertThat(first.get("api_shape").asText()).isEqualTo("track");
      assertThat(second.get("entries").asInt()).isZero();
      assertThat(second.get("api_shape").asText()).isEqualTo("none");
      String runId = first.get("run_id").asText();
      assertThat(second.get("run_id").asText()).isEqualTo(runId);
      assertThat(s3.keys(bucket)).contains(first.get("manifest_key").asText(),
          RawLayout.manifestKey(LocalDate.of(2026, 11, 21), "bbbbbbbbbbbbbbbbbbbbb2", runId));
    }
  }
}
