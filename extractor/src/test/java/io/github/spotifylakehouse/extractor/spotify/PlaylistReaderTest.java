package io.github.spotifylakehouse.extractor.spotify;

import io.github.spotifylakehouse.lake.ApiShape;
import io.github.spotifylakehouse.lake.PageKind;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.github.spotifylakehouse.extractor.testing.SpotifyDouble.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.spotifylakehouse.extractor.config.RetrySettings;
import io.github.spotifylakehouse.extractor.config.SpotifyCredentials;
import io.github.spotifylakehouse.extractor.config.SpotifyEndpoints;
import io.github.spotifylakehouse.testkit.Fixtures;
import io.github.spotifylakehouse.extractor.testing.GeneratedPlaylist;
import io.github.spotifylakehouse.extractor.testing.MutableClock;
import io.github.spotifylakehouse.extractor.testing.RecordingSleeper;
import io.github.spotifylakehouse.extractor.testing.SpotifyDouble;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Spotify side against a WireMock double on 127.0.0.1: paging, tokens, retries and error messages. */
class PlaylistReaderTest {

  private static final String ID = "4rOoJ6Egrf8K2IrywzwOMk";
  private static final RetrySettings RETRY =
      new RetrySettings(4, Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofMillis(500));

  private static SpotifyDouble spotify;
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T06:00:00Z"));

  @BeforeAll
  static void startDouble() {
    spotify = new SpotifyDouble();
  }

  @AfterAll
  static void stopDouble() {
    spotify.close();
  }

  @BeforeEach
  void reset() {
    spotify.server().resetAll();
    spotify.stubToken(SpotifyDouble.ACCESS_TOKEN);
  }

  private SpotifyClient client(String refreshToken) {
    SpotifyEndpoints endpoints = new SpotifyEndpoints(URI.create(spotify.apiBase()), URI.create(spotify.accountsBase()));
    return SpotifyClient.create(new HttpTransport(endpoints, RETRY.httpTimeout()),
        new SpotifyCredentials(SpotifyDouble.CLIENT_ID, SpotifyDouble.CLIENT_SECRET, refreshToken), RETRY, sleeper,
        clock, () -> 0.5);
  }

  private List<Page> read(SpotifyClient client, String id) {
    List<Page> pages = new ArrayList<>();
    new PlaylistReader(client).read(id, pass -> pages::add);
    return pages;
  }

  @Test
  void readsThePlaylistAndFollowsNextPastOneHundredEntries() {
    GeneratedPlaylist playlist = new GeneratedPlaylist(ID, 120, GeneratedPlaylist.Shape.ITEM, spotify.apiBase());
    spotify.stub(playlist);

    List<Page> pages = read(client(SpotifyDouble.REFRESH_TOKEN), ID);

    assertThat(pages).extracting(Page::kind)
        .containsExactly(PageKind.PLAYLIST, PageKind.ITEMS, PageKind.ITEMS, PageKind.ITEMS);
    assertThat(pages.get(0).body()).isEqualTo(playlist.playlistObject());
    assertThat(pages.get(0).url()).hasToString(spotify.apiBase() + "/playlists/" + ID
        + "?additional_types=track,episode");
    assertThat(pages.get(1).body()).isEqualTo(playlist.itemsPage(0));
    assertThat(pages.get(2).body()).isEqualTo(playlist.itemsPage(50));
    assertThat(pages.get(3).body()).isEqualTo(playlist.itemsPage(100));
    assertThat(pages.get(1).url()).hasToString(playlist.itemsUrl(0, 50));
    assertThat(pages.get(2).url()).hasToString(playlist.itemsUrl(50, 50));
    assertThat(pages.subList(1, 4)).extracting(Page::entries).containsExactly(50, 50, 20);
    assertThat(pages.get(3).next()).isEmpty();
    assertThat(pages.subList(1, 4)).allSatisfy(p -> {
      assertThat(p.sawItem()).isTrue();
      assertThat(p.sawTrack()).isFalse();
    });
    spotify.server().verify(1, postRequestedFor(urlPathEqualTo("/accounts/api/token"))
        .withRequestBody(containing("grant_type=refresh_token"))
        .withRequestBody(containing("refresh_token=" + SpotifyDouble.REFRESH_TOKEN)));
    spotify.server().verify(3, getRequestedFor(urlPathEqualTo("/v1/playlists/" + ID + "/items"))
        .withHeader("Authorization", equalTo("Bearer " + SpotifyDouble.ACCESS_TOKEN))
        .withQueryParam("limit", equalTo("50")));
  }

  @Test
  void recordedFixturesKeepTheirShapeAndBytes() {
    spotify.stubPlaylist(ID, Fixtures.bytes("GetPlaylistRequest.json"));
    spotify.stubItems(ID, 0, json(200, Fixtures.bytes("GetPlaylistsItemsRequest.json")));

    List<Page> pages = read(client(SpotifyDouble.REFRESH_TOKEN), ID);

    assertThat(pages.get(0).body()).isEqualTo(Fixtures.bytes("GetPlaylistRequest.json"));
    assertThat(pages.get(0).entries()).isEqualTo(1);
    assertThat(pages.get(1).body()).isEqualTo(Fixtures.bytes("GetPlaylistsItemsRequest.json"));
    assertThat(pages.get(1).entries()).isEqualTo(2);
    assertThat(ApiShape.of(pages.get(1).sawItem(), pages.get(1).sawTrack())).isEqualTo(ApiShape.TRACK);
  }

  @Test
  void clientCredentialsFlowWithoutRefreshToken() {
    spotify.stub(new GeneratedPlaylist(ID, 3, GeneratedPlaylist.Shape.TRACK, spotify.apiBase()));

    SpotifyClient client = client(null);
    read(client, ID);

    assertThat(client.tokens().userFlow()).isFalse();
    spotify.server().verify(1, postRequestedFor(urlPathEqualTo("/accounts/api/token"))
        .withRequestBody(equalTo("grant_type=client_credentials")));
  }

  @Test
  void renewsTheTokenOnceAfterA401() {
    spotify.server().resetAll();
    spotify.server().stubFor(spotify.tokenRequest().inScenario("tokens").whenScenarioStateIs(STARTED)
        .willSetStateTo("second").willReturn(json(200, "{\"access_token\":\"stale\",\"expires_in\":3600}")));
    spotify.server().stubFor(spotify.tokenRequest().inScenario("tokens").whenScenarioStateIs("second")
        .willReturn(json(200, "{\"access_token\":\"fresh\",\"expires_in\":3600}")));
    GeneratedPlaylist playlist = new GeneratedPlaylist(ID, 10, GeneratedPlaylist.Shape.ITEM, spotify.apiBase());
    spotify.stubPlaylist(ID, playlist.playlistObject());
    spotify.server().stubFor(spotify.itemsRequest(ID, 0).withHeader("Authorization", equalTo("Bearer stale"))
        .willReturn(json(401, "{\"error\":{\"status\":401,\"message\":\"The access token expired\"}}")));
    spotify.server().stubFor(spotify.itemsRequest(ID, 0).withHeader("Authorization", equalTo("Bearer fresh"))
        .willReturn(json(200, playlist.itemsPage(0))));

    List<Page> pages = read(client(SpotifyDouble.REFRESH_TOKEN), ID);

    assertThat(pages.get(1).body()).isEqualTo(playlist.itemsPage(0));
    spotify.server().verify(2, postRequestedFor(urlPathEqualTo("/accounts/api/token")));
  }

  @Test
  void aSecond401FailsWithAClearMessage() {
    spotify.stubPlaylist(ID, new GeneratedPlaylist(ID, 1, GeneratedPlaylist.Shape.ITEM, spotify.apiBase())
        .playlistObject());
    spotify.stubItems(ID, 0, json(401, "{\"error\":{\"status\":401,\"message\":\"Invalid access token\"}}"));

    assertThatThrownBy(() -> read(client(SpotifyDouble.REFRESH_TOKEN), ID))
        .isInstanceOf(SpotifyException.class)
        .hasMessageContaining("Cannot read playlist " + ID)
        .hasMessageContaining("HTTP 401 (Invalid access token)")
        .hasMessageContaining("refused even after renewing it");
    spotify.server().verify(2, postRequestedFor(urlPathEqualTo("/accounts/api/token")));
  }

  @Test
  void renewsTheTokenBeforeItExpires() {
    spotify.stub(new GeneratedPlaylist(ID, 1, GeneratedPlaylist.Shape.ITEM, spotify.apiBase()));
    SpotifyClient client = client(SpotifyDouble.REFRESH_TOKEN);

    read(client, ID);
    clock.advance(Duration.ofSeconds(3_000));
    read(client, ID);
    spotify.server().verify(1, postRequestedFor(urlPathEqualTo("/accounts/api/token")));
    clock.advance(Duration.ofSeconds(545));
    read(client, ID);

    spotify.server().verify(2, postRequestedFor(urlPathEqualTo("/accounts/api/token")));
  }

  @Test
  void waitsRetryAfterOn429() {
    GeneratedPlaylist playlist = new GeneratedPlaylist(ID, 60, GeneratedPlaylist.Shape.ITEM, spotify.apiBase());
    spotify.stub(playlist);
    spotify.server().stubFor(spotify.itemsRequest(ID, 50).inScenario("429").whenScenarioStateIs(STARTED)
        .willSetStateTo("served").willReturn(json(429, Fixtures.bytes("joostlek-python-spotify/rate_limit.json"))
            .withHeader("Retry-After", "7")));
    spotify.server().stubFor(spotify.itemsRequest(ID, 50).inScenario("429").whenScenarioStateIs("served")
        .willReturn(json(200, playlist.itemsPage(50))));

    List<Page> pages = read(client(SpotifyDouble.REFRESH_TOKEN), ID);

    assertThat(pages.get(2).body()).isEqualTo(playlist.itemsPage(50));
    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void aRetryAfterBeyondTheBoundFailsAtOnce() {
    spotify.stub(new GeneratedPlaylist(ID, 5, GeneratedPlaylist.Shape.ITEM, spotify.apiBase()));
    spotify.stubItems(ID, 0, json(429, Fixtures.bytes("joostlek-python-spotify/rate_limit.json"))
        .withHeader("Retry-After", "7200"));

    assertThatThrownBy(() -> read(client(SpotifyDouble.REFRESH_TOKEN), ID))
        .isInstanceOf(SpotifyException.class)
        .hasMessageContaining("Spotify rate limit")
        .hasMessageContaining("Retry-After 7200 s, longer than the 60 s the extractor waits")
        .hasMessageContaining("SPOTIFY_MAX_RETRY_AFTER_SECONDS");
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void retriesServerErrorsWithJitteredExponentialBackoff() {
    GeneratedPlaylist playlist = new GeneratedPlaylist(ID, 5, GeneratedPlaylist.Shape.ITEM, spotify.apiBase());
    spotify.stub(playlist);
    spotify.server().stubFor(spotify.itemsRequest(ID, 0).inScenario("5xx").whenScenarioStateIs(STARTED)
        .willSetStateTo("503").willReturn(json(500, "{\"error\":{\"status\":500,\"message\":\"Server error\"}}")));
    spotify.server().stubFor(spotify.itemsRequest(ID, 0).inScenario("5xx").whenScenarioStateIs("503")
        .willSetStateTo("ok").willReturn(aResponse().withStatus(503).withBody("<html>busy</html>")));
    spotify.server().stubFor(spotify.itemsRequest(ID, 0).inScenario("5xx").whenScenarioStateIs("ok")
        .willReturn(json(200, playlist.itemsPage(0))));

    List<Page> pages = read(client(SpotifyDouble.REFRESH_TOKEN), ID);

    assertThat(pages.get(1).body()).isEqualTo(playlist.itemsPage(0));
    // base 100 ms, random 0.5: 50 + 25, then 100 + 50
    assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(75), Duration.ofMillis(150));
  }

  @Test
  void givesUpAfterTheLastAttempt() {
    spotify.stub(new GeneratedPlaylist(ID, 5, GeneratedPlaylist.Shape.ITEM, spotify.apiBase()));
    spotify.stubItems(ID, 0, json(502, "{\"error\":{\"status\":502,\"message\":\"Bad gateway\"}}"));

    assertThatThrownBy(() -> read(client(SpotifyDouble.REFRESH_TOKEN), ID))
        .isInstanceOf(SpotifyException.class)
        .hasMessageContaining("Spotify kept failing")
        .hasMessageContaining("/v1/playlists/" + ID + "/items?offset=0")
        .hasMessageContaining("HTTP 502 (Bad gateway) on all 4 attempts");
    assertThat(sleeper.waits()).hasSize(3);
  }

  @Test
  void retriesATimeout() {
    GeneratedPlaylist playlist = new GeneratedPlaylist(ID, 5, GeneratedPlaylist.Shape.ITEM, spotify.apiBase());
    spotify.stub(playlist);
    spotify.server().stubFor(spotify.itemsRequest(ID, 0).inScenario("slow").whenScenarioStateIs(STARTED)
        .willSetStateTo("fast").willReturn(json(200, playlist.itemsPage(0)).withFixedDelay(4_000)));
    spotify.server().stubFor(spotify.itemsRequest(ID, 0).inScenario("slow").whenScenarioStateIs("fast")
        .willReturn(json(200, playlist.itemsPage(0))));

    long started = System.nanoTime();
    List<Page> pages = read(client(SpotifyDouble.REFRESH_TOKEN), ID);

    assertThat(pages.get(1).body()).isEqualTo(playlist.itemsPage(0));
    assertThat(sleeper.waits()).hasSize(1);
    // the client gave up after its 500 ms instead of waiting out the 4 s delay
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3_000));
  }

  @Test
  void forbiddenSaysTheUserMustOwnOrCollaborate() {
    spotify.stub(new GeneratedPlaylist(ID, 5, GeneratedPlaylist.Shape.ITEM, spotify.apiBase()));
    spotify.stubItems(ID, 0, json(403, "{\"error\":{\"status\":403,\"message\":\"Forbidden\"}}"));

    assertThatThrownBy(() -> read(client(SpotifyDouble.REFRESH_TOKEN), ID))
        .isInstanceOf(SpotifyException.class)
        .hasMessageContaining("Cannot read playlist " + ID)
        .hasMessageContaining("HTTP 403 (Forbidden)")
        .hasMessageContaining("the authorized user must own or collaborate on it")
        .hasMessageNotContaining("run `authorize`");
    assertThatThrownBy(() -> read(client(null), ID))
        .hasMessageContaining("a user token is needed (run `authorize` and set SPOTIFY_REFRESH_TOKEN)");
  }

  @Test
  void notFoundSaysTheListDoesNotExistOrIsSpotifyOwned() {
    String editorial = "37i9dQZF1DXcBWIGoYBM5M";
    spotify.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
        urlPathEqualTo("/v1/playlists/" + editorial))
        .willReturn(json(404, Fixtures.bytes("joostlek-python-spotify/playlist_not_found.json"))));

    assertThatThrownBy(() -> read(client(SpotifyDouble.REFRESH_TOKEN), editorial))
        .isInstanceOf(SpotifyException.class)
        .hasMessageContaining("Cannot read playlist " + editorial)
        .hasMessageContaining("HTTP 404 (Resource not found)")
        .hasMessageContaining("does not exist, or it is a Spotify-owned");
  }

  @Test
  void malformedBodyNamesThePlaylistAndUrl() {
    GeneratedPlaylist playlist = new GeneratedPlaylist(ID, 60, GeneratedPlaylist.Shape.ITEM, spotify.apiBase());
    spotify.stub(playlist);
    spotify.stubItems(ID, 50, json(200, "{\"href\":\"x\",\"items\":[{\"item\":"));

    assertThatThrownBy(() -> read(client(SpotifyDouble.REFRESH_TOKEN), ID))
        .isInstanceOf(SpotifyException.class)
        .hasMessageContaining("Malformed response for playlist " + ID + " from GET " + playlist.itemsUrl(50, 50))
        .hasMessageContaining("not valid JSON");
    spotify.stubItems(ID, 50, json(200, "{\"href\":\"x\",\"tracks\":[]}"));
    assertThatThrownBy(() -> read(client(SpotifyDouble.REFRESH_TOKEN), ID))
        .hasMessageContaining("expected a paging object with an \"items\" array");
  }

  @Test
  void invalidClientIsACredentialsProblem() {
    spotify.server().resetAll();
    spotify.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
        urlPathEqualTo("/accounts/api/token")).willReturn(json(400, Fixtures.bytes("auth-invalid-client.json"))));
    spotify.stub(new GeneratedPlaylist(ID, 5, GeneratedPlaylist.Shape.ITEM, spotify.apiBase()));

    assertThatThrownBy(() -> read(client(SpotifyDouble.REFRESH_TOKEN), ID))
        .isInstanceOf(SpotifyAuthException.class)
        .hasMessageContaining("Spotify rejected the app credentials (invalid_client)")
        .hasMessageContaining("SPOTIFY_CLIENT_ID/SPOTIFY_CLIENT_SECRET");
  }

  @Test
  void revokedRefreshTokenAsksToAuthorizeAgain() {
    spotify.server().resetAll();
    spotify.server().stubFor(spotify.tokenRequest().willReturn(
        json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token revoked\"}")));

    assertThatThrownBy(() -> read(client(SpotifyDouble.REFRESH_TOKEN), ID))
        .isInstanceOf(SpotifyAuthException.class)
        .hasMessageContaining("invalid_grant: Refresh token revoked")
        .hasMessageContaining("run the `authorize` command again");
  }

  @Test
  void refusesToSendTheTokenOutsideTheApiBase() {
    GeneratedPlaylist elsewhere = new GeneratedPlaylist(ID, 60, GeneratedPlaylist.Shape.ITEM, "https://evil.example/v1");
    spotify.stubPlaylist(ID, elsewhere.playlistObject());
    spotify.stubItems(ID, 0, json(200, elsewhere.itemsPage(0)));

    assertThatThrownBy(() -> read(client(SpotifyDouble.REFRESH_TOKEN), ID))
        .isInstanceOf(SpotifyException.class)
        .hasMessageContaining("Refusing to follow the next link https://evil.example/v1/playlists/" + ID);
  }

  @Test
  void nextLinksOnTheRealApiHostAreRewrittenOntoTheDouble() {
    GeneratedPlaylist recorded = new GeneratedPlaylist(ID, 60, GeneratedPlaylist.Shape.BOTH,
        "https://api.spotify.com/v1");
    spotify.stub(recorded);

    List<Page> pages = read(client(SpotifyDouble.REFRESH_TOKEN), ID);

    assertThat(pages).hasSize(3);
    assertThat(pages.get(2).url()).hasToString(spotify.apiBase() + "/playlists/" + ID
        + "/items?offset=50&limit=50&additional_types=track,episode");
    assertThat(pages.get(2).sawItem()).isTrue();
    assertThat(pages.get(2).sawTrack()).isTrue();
  }
}
