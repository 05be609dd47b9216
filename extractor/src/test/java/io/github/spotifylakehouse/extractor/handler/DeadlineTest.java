package io.github.spotifylakehouse.extractor.handler;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.github.spotifylakehouse.extractor.testing.SpotifyDouble.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spotifylakehouse.extractor.ExtractionService;
import io.github.spotifylakehouse.extractor.PlaylistResult;
import io.github.spotifylakehouse.extractor.PlaylistResult.Status;
import io.github.spotifylakehouse.extractor.RunResult;
import io.github.spotifylakehouse.extractor.cli.Main;
import io.github.spotifylakehouse.extractor.config.CredentialsStore;
import io.github.spotifylakehouse.extractor.config.ExtractorConfig;
import io.github.spotifylakehouse.extractor.config.SpotifyCredentials;
import io.github.spotifylakehouse.extractor.landing.LandingBucket;
import io.github.spotifylakehouse.extractor.spotify.HttpTransport;
import io.github.spotifylakehouse.extractor.testing.FakeLambdaContext;
import io.github.spotifylakehouse.extractor.testing.GeneratedPlaylist;
import io.github.spotifylakehouse.extractor.testing.LocalS3;
import io.github.spotifylakehouse.extractor.testing.MutableClock;
import io.github.spotifylakehouse.extractor.testing.RecordingSleeper;
import io.github.spotifylakehouse.extractor.testing.SpotifyDouble;
import io.github.spotifylakehouse.lake.ExtractorEnv;
import io.github.spotifylakehouse.lake.RawLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The run deadline on a test clock: playlists that would not fit are deferred by id, a rate-limit wait that
 * would cross it is not waited, the Lambda's remaining time is the deadline, a retry takes what was deferred
 * and a retry after that finds everything unchanged.
 */
class DeadlineTest {

  private static final String A = "0firstPlaylist00000000";
  private static final String B = "1secondPlaylist0000000";
  private static final String C = "2thirdPlaylist00000000";
  private static final LocalDate DAY = LocalDate.of(2026, 11, 21);
  private static final Instant NOW = Instant.parse("2026-11-21T05:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static SpotifyDouble spotify;
  private static LocalS3 s3;
  private final MutableClock clock = new MutableClock(NOW);
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private String bucket;

  @BeforeAll
  static void start() {
    spotify = new SpotifyDouble();
    s3 = LocalS3.shared();
  }

  @AfterAll
  static void stop() {
    spotify.close();
  }

  @BeforeEach
  void stubs() {
    spotify.server().resetAll();
    spotify.stubToken(SpotifyDouble.ACCESS_TOKEN);
    spotify.stub(new GeneratedPlaylist(A, 60, GeneratedPlaylist.Shape.ITEM, spotify.apiBase()));
    spotify.stub(new GeneratedPlaylist(B, 20, GeneratedPlaylist.Shape.ITEM, spotify.apiBase()));
    spotify.stub(new GeneratedPlaylist(C, 5, GeneratedPlaylist.Shape.TRACK, spotify.apiBase()));
    bucket = s3.newBucket();
  }

  private ExtractionService service(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(spotify.env(String.join(",", A, B, C)));
    env.putAll(s3.env(bucket));
    env.put(ExtractorEnv.SNAPSHOT_DATE, DAY.toString());
    env.putAll(extra);
    ExtractorConfig config = ExtractorConfig.from(env);
    return new ExtractionService(config, CredentialsStore.fixed(new SpotifyCredentials(SpotifyDouble.CLIENT_ID,
        SpotifyDouble.CLIENT_SECRET, SpotifyDouble.REFRESH_TOKEN)),
        new HttpTransport(config.spotify(), config.retry().httpTimeout()),
        new LandingBucket(LandingBucket.s3Client(config), bucket, ""), clock, sleeper, () -> 0.5);
  }

  @Test
  void playlistsThatCannotStartBeforeTheMarginAreDeferredByIdWithoutARequest() {
    GeneratedPlaylist a = new GeneratedPlaylist(A, 60, GeneratedPlaylist.Shape.ITEM, spotify.apiBase());
    spotify.server().stubFor(spotify.itemsRequest(A, 50).inScenario("429").whenScenarioStateIs(STARTED)
        .willSetStateTo("ok").willReturn(json(429, "{\"error\":{\"status\":429,\"message\":\"API rate limit exceeded\"}}")
            .withHeader("Retry-After", "45")));
    spotify.server().stubFor(spotify.itemsRequest(A, 50).inScenario("429").whenScenarioStateIs("ok")
        .willReturn(json(200, a.itemsPage(50))));

    RunResult result = service(Map.of(ExtractorEnv.EXTRACT_START_MARGIN_SECONDS, "60"))
        .run(Optional.of(Duration.ofSeconds(100)));

    // A waited 45 s (it fitted: 100 s left), which left 55 s: less than the 60 s margin
    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(45));
    assertThat(result.playlists()).extracting(PlaylistResult::status)
        .containsExactly(Status.OK, Status.DEFERRED, Status.DEFERRED);
    assertThat(result.ids(Status.DEFERRED)).containsExactly(B, C);
    assertThat(result.playlists().get(1).error().orElseThrow()).isEqualTo("Not started: 55.0 s left before the run "
        + "deadline, less than the 60 s a playlist needs to start (EXTRACT_START_MARGIN_SECONDS)");
    assertThat(result.failed()).isTrue();
    assertThat(result.failureSummary()).contains("0 of 3 playlists failed, 2 deferred")
        .contains("deferred by the run deadline (the next invocation takes them): " + B + ", " + C);
    assertThat(result.toMap().get("deferred")).isEqualTo(List.of(B, C));
    spotify.server().verify(0, getRequestedFor(urlPathMatching("/v1/playlists/(" + B + "|" + C + ").*")));
    assertThat(s3.keys(bucket)).noneMatch(k -> k.contains(B) || k.contains(C))
        .contains(RawLayout.manifestKey(DAY, A, result.runId()));
  }

  @Test
  void aRateLimitWaitThatWouldCrossTheDeadlineIsNotWaited() {
    spotify.stubItems(A, 0, json(429, "{\"error\":{\"status\":429,\"message\":\"API rate limit exceeded\"}}")
        .withHeader("Retry-After", "58"));

    RunResult result = service(Map.of(ExtractorEnv.EXTRACT_START_MARGIN_SECONDS, "30"))
        .run(Optional.of(Duration.ofSeconds(60)));

    assertThat(sleeper.waits()).isEmpty();
    PlaylistResult a = result.playlists().get(0);
    assertThat(a.status()).isEqualTo(Status.DEFERRED);
    assertThat(a.error().orElseThrow()).startsWith("Run deadline: not waiting 58.0 s for the 429's Retry-After of GET "
        + spotify.apiBase() + "/playlists/" + A + "/items?offset=0")
        .contains("only 60.0 s left");
    assertThat(a.pages()).isEqualTo(1);
    // the other playlists still fit: a deferral is not a failure of the run's time budget as a whole
    assertThat(result.playlists()).extracting(PlaylistResult::status)
        .containsExactly(Status.DEFERRED, Status.OK, Status.OK);
    assertThat(s3.keys(bucket)).filteredOn(k -> k.contains(A))
        .containsExactly(RawLayout.pageKey(DAY, A, result.runId(), 0));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theLambdasRemainingTimeIsTheDeadlineAndItsRetryTakesWhatWasDeferred() throws Exception {
    ExtractorHandler handler = new ExtractorHandler(service(Map.of()));

    // 30 s left, less than the default 60 s margin: nothing starts, the invocation fails
    assertThatThrownBy(() -> handler.handleRequest(ExtractorHandlerTest.scheduledEvent(),
        new FakeLambdaContext(clock, clock.instant().plusSeconds(30))))
        .isInstanceOf(ExtractionFailedException.class)
        .hasMessageContaining("0 of 3 playlists failed, 3 deferred")
        .hasMessageContaining("deferred by the run deadline (the next invocation takes them): " + A + ", " + B + ", " + C);
    spotify.server().verify(0, getRequestedFor(urlPathMatching("/v1/.*")));
    assertThat(s3.keys(bucket)).isEmpty();

    // Lambda's retry, with the whole timeout ahead
    clock.advance(Duration.ofMinutes(1));
    Map<String, Object> retry = handler.handleRequest(ExtractorHandlerTest.scheduledEvent(),
        new FakeLambdaContext(clock, clock.instant().plusSeconds(900)));
    assertThat(retry.get("succeeded")).isEqualTo(3L);
    assertThat(retry.get("deferred")).isEqualTo(List.of());

    // and a second retry the same day: every playlist already landed with its current snapshot_id
    clock.advance(Duration.ofMinutes(1));
    int itemRequests = spotify.server().findAll(getRequestedFor(urlPathMatching("/v1/playlists/.*/items"))).size();
    Map<String, Object> again = handler.handleRequest(ExtractorHandlerTest.scheduledEvent(),
        new FakeLambdaContext(clock, clock.instant().plusSeconds(900)));
    assertThat(again.get("succeeded")).isEqualTo(0L);
    assertThat(again.get("unchanged")).isEqualTo(3);
    List<Map<String, Object>> playlists = (List<Map<String, Object>>) again.get("playlists");
    assertThat(playlists).allSatisfy(p -> assertThat(p).containsEntry("status", "unchanged")
        .containsEntry("snapshot_id", GeneratedPlaylist.SNAPSHOT_ID)
        .containsEntry("run_id", ((List<Map<String, Object>>) retry.get("playlists")).get(0).get("run_id")));
    assertThat(spotify.server().findAll(getRequestedFor(urlPathMatching("/v1/playlists/.*/items")))).hasSize(itemRequests);
  }

  @Test
  void theCommandLineTakesItsDeadlineFromTheEnvironment() throws Exception {
    Map<String, String> env = new HashMap<>(spotify.env(String.join(",", A, B)));
    env.putAll(s3.env(bucket));
    env.put(ExtractorEnv.EXTRACT_TIME_LIMIT_SECONDS, "30");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int exit = Main.run(new String[] {"extract"}, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(Main.FAILED);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(2);
    for (String line : lines) {
      JsonNode result = JSON.readTree(line);
      assertThat(result.get("status").asText()).isEqualTo("deferred");
      assertThat(result.get("error").asText()).contains("less than the 60 s a playlist needs to start");
    }
    spotify.server().verify(0, getRequestedFor(urlPathMatching("/v1/.*")));
  }
}
