package io.github.spotifylakehouse.extractor.handler;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.github.spotifylakehouse.extractor.testing.SpotifyDouble.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.spotifylakehouse.extractor.ExtractionService;
import io.github.spotifylakehouse.extractor.PlaylistResult;
import io.github.spotifylakehouse.extractor.RunResult;
import io.github.spotifylakehouse.extractor.config.CredentialsStore;
import io.github.spotifylakehouse.extractor.config.ExtractorConfig;
import io.github.spotifylakehouse.extractor.config.SecretsManagerCredentials;
import io.github.spotifylakehouse.extractor.config.SpotifyCredentials;
import io.github.spotifylakehouse.extractor.landing.LandingBucket;
import io.github.spotifylakehouse.extractor.spotify.HttpTransport;
import io.github.spotifylakehouse.extractor.testing.GeneratedPlaylist;
import io.github.spotifylakehouse.extractor.testing.LocalS3;
import io.github.spotifylakehouse.extractor.testing.RecordingSleeper;
import io.github.spotifylakehouse.extractor.testing.SpotifyDouble;
import io.github.spotifylakehouse.extractor.testing.StatefulSecretsManager;
import io.github.spotifylakehouse.lake.ExtractorEnv;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spotify rotating the refresh token on every refresh, and revoking the old one at once (as it may for
 * tokens from the PKCE flow): the new token must be in the secret before anything else happens, so a run
 * that dies right after the rotation leaves a secret the next run can use.
 */
class TokenRotationTest {

  private static final String PLAYLIST = "0rotatingTokenPlaylist";
  private static final String OTHER = "1secondPlaylist0000000";

  private SpotifyDouble spotify;
  private StatefulSecretsManager secrets;
  private LocalS3 s3;
  private String bucket;

  /** What the Lambda runtime sees when the function is killed (timeout, out of memory). */
  static final class SimulatedKill extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedKill() {
      super("the invocation was killed right after the rotated token was stored");
    }
  }

  @BeforeEach
  void start() {
    spotify = new SpotifyDouble();
    secrets = new StatefulSecretsManager("{\"client_id\":\"" + SpotifyDouble.CLIENT_ID + "\",\"client_secret\":\""
        + SpotifyDouble.CLIENT_SECRET + "\",\"refresh_token\":\"rt-0\"}");
    s3 = LocalS3.shared();
    bucket = s3.newBucket();
    stubRotatingTokenEndpoint(5);
    spotify.stub(new GeneratedPlaylist(PLAYLIST, 60, GeneratedPlaylist.Shape.ITEM, spotify.apiBase()));
    spotify.stub(new GeneratedPlaylist(OTHER, 3, GeneratedPlaylist.Shape.ITEM, spotify.apiBase()));
  }

  @AfterEach
  void stop() {
    secrets.close();
    spotify.close();
  }

  /**
   * Refresh token {@code rt-i} is accepted only while it is the latest: it yields {@code rt-(i+1)} and is
   * revoked; anything else is {@code invalid_grant}.
   */
  private void stubRotatingTokenEndpoint(int rotations) {
    spotify.server().stubFor(spotify.tokenRequest().atPriority(10).willReturn(
        json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid refresh token\"}")));
    for (int i = 0; i < rotations; i++) {
      spotify.server().stubFor(spotify.tokenRequest().atPriority(1)
          .withRequestBody(containing("refresh_token=rt-" + i))
          .inScenario("rotation").whenScenarioStateIs(i == 0 ? STARTED : "rt-" + i).willSetStateTo("rt-" + (i + 1))
          .willReturn(json(200, "{\"access_token\":\"" + SpotifyDouble.ACCESS_TOKEN + "\",\"token_type\":\"Bearer\","
              + "\"expires_in\":3600,\"scope\":\"playlist-read-private playlist-read-collaborative\","
              + "\"refresh_token\":\"rt-" + (i + 1) + "\"}")));
    }
  }

  private ExtractorConfig config(String playlistIds) {
    Map<String, String> env = new HashMap<>(spotify.env(playlistIds));
    env.remove(ExtractorEnv.SPOTIFY_CLIENT_ID);
    env.remove(ExtractorEnv.SPOTIFY_CLIENT_SECRET);
    env.remove(ExtractorEnv.SPOTIFY_REFRESH_TOKEN);
    env.put(ExtractorEnv.SPOTIFY_SECRET_ARN, StatefulSecretsManager.ARN);
    env.putAll(s3.env(bucket));
    return ExtractorConfig.from(env);
  }

  @Test
  void aRunKilledRightAfterARotationLeavesTheNewTokenForTheNextRun() {
    ExtractorConfig config = config(PLAYLIST);
    SecretsManagerCredentials secret = SecretsManagerCredentials.create(StatefulSecretsManager.ARN, config.region(),
        config.awsKeys(), Optional.of(secrets.endpoint()));
    CredentialsStore killedAfterStoring = new CredentialsStore() {
      @Override
      public SpotifyCredentials load() {
        return secret.load();
      }

      @Override
      public void refreshTokenRotated(SpotifyCredentials updated) {
        secret.refreshTokenRotated(updated);
        throw new SimulatedKill();
      }
    };
    ExtractionService killed = new ExtractionService(config, killedAfterStoring,
        new HttpTransport(config.spotify(), Duration.ofSeconds(2)),
        new LandingBucket(LandingBucket.s3Client(config), bucket, ""), Clock.systemUTC(), new RecordingSleeper(),
        () -> 0.5);

    assertThatThrownBy(killed::run).isInstanceOf(SimulatedKill.class);

    // stored before any request was made with the new token
    assertThat(secrets.refreshToken()).isEqualTo("rt-1");
    assertThat(secrets.puts()).isEqualTo(1);
    spotify.server().verify(0, getRequestedFor(urlPathMatching("/v1/.*")));

    // the next invocation: a fresh container reading the secret
    RunResult next = ExtractionService.create(config, Optional.of(secrets.endpoint())).run();

    assertThat(next.failed()).as(next.failureSummary()).isFalse();
    assertThat(next.playlists()).singleElement().satisfies(p -> {
      assertThat(p.status()).isEqualTo(PlaylistResult.Status.OK);
      assertThat(p.entries()).isEqualTo(60);
    });
    spotify.server().verify(1, postRequestedFor(urlPathEqualTo("/accounts/api/token"))
        .withRequestBody(containing("refresh_token=rt-1")));
    assertThat(secrets.refreshToken()).isEqualTo("rt-2");
    assertThat(secret.load().clientId()).isEqualTo(SpotifyDouble.CLIENT_ID);

    // the double really revokes: a run still holding the first token is refused
    RunResult stale = new ExtractionService(config, CredentialsStore.fixed(new SpotifyCredentials(
        SpotifyDouble.CLIENT_ID, SpotifyDouble.CLIENT_SECRET, "rt-0")),
        new HttpTransport(config.spotify(), Duration.ofSeconds(2)),
        new LandingBucket(LandingBucket.s3Client(config), bucket, ""), Clock.systemUTC(), new RecordingSleeper(),
        () -> 0.5).run();
    assertThat(stale.playlists().get(0).error().orElseThrow()).contains("invalid_grant");
  }

  @Test
  void aRotatedTokenThatCannotBeStoredStopsTheRunBeforeAnyPlaylistRequest() throws Exception {
    secrets.refusePuts();
    ExtractorHandler handler = new ExtractorHandler(ExtractionService.create(config(PLAYLIST + "," + OTHER),
        Optional.of(secrets.endpoint())));

    assertThatThrownBy(() -> handler.handleRequest(ExtractorHandlerTest.scheduledEvent(), null))
        .isInstanceOf(ExtractionFailedException.class)
        .hasMessageContaining("2 of 2 playlists failed, and 1 run error(s)")
        .hasMessageContaining("Run stopped: Spotify rotated the refresh token but it could not be stored in secret "
            + StatefulSecretsManager.ARN + " (SecretsManagerException)")
        .hasMessageContaining("no further request is made with a refresh token the next run would not have");

    spotify.server().verify(0, getRequestedFor(urlPathMatching("/v1/.*")));
    assertThat(s3.keys(bucket)).isEmpty();
    assertThat(secrets.refreshToken()).isEqualTo("rt-0");
  }
}
