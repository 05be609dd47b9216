package io.github.spotifylakehouse.extractor.handler;

import static io.github.spotifylakehouse.extractor.testing.SpotifyDouble.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spotifylakehouse.extractor.ExtractionService;
import io.github.spotifylakehouse.lake.ExtractorEnv;
import io.github.spotifylakehouse.extractor.config.ExtractorConfig;
import io.github.spotifylakehouse.extractor.testing.GeneratedPlaylist;
import io.github.spotifylakehouse.extractor.testing.LocalS3;
import io.github.spotifylakehouse.extractor.testing.SecretsManagerDouble;
import io.github.spotifylakehouse.extractor.testing.SpotifyDouble;
import io.github.spotifylakehouse.lake.RawLayout;
import java.io.InputStream;
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
 * The Lambda handler as the runtime drives it: a real EventBridge scheduled event (JSON read with the
 * runtime's own serializer), credentials from Secrets Manager (WireMock), Spotify (WireMock), S3 (S3Proxy).
 */
class ExtractorHandlerTest {

  private static final String OK_ID = "0kPlaylistOwnedByUser0";
  private static final String FORBIDDEN_ID = "1someoneElsesPlaylist0";
  private static final LocalDate DAY = LocalDate.of(2026, 11, 21);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static SpotifyDouble spotify;
  private static SecretsManagerDouble secrets;
  private static LocalS3 s3;
  private String bucket;

  @BeforeAll
  static void start() {
    spotify = new SpotifyDouble();
    secrets = new SecretsManagerDouble(spotify.server());
    s3 = LocalS3.shared();
  }

  @AfterAll
  static void stop() {
    spotify.close();
  }

  @BeforeEach
  void stubs() {
    spotify.server().resetAll();
    secrets.stubSecret("{\"client_id\":\"" + SpotifyDouble.CLIENT_ID + "\",\"client_secret\":\""
        + SpotifyDouble.CLIENT_SECRET + "\",\"refresh_token\":\"" + SpotifyDouble.REFRESH_TOKEN + "\","
        + "\"note\":\"kept on rotation\"}");
    spotify.stubToken(SpotifyDouble.ACCESS_TOKEN);
    spotify.stub(new GeneratedPlaylist(OK_ID, 75, GeneratedPlaylist.Shape.ITEM, spotify.apiBase()));
    spotify.stubPlaylist(FORBIDDEN_ID,
        new GeneratedPlaylist(FORBIDDEN_ID, 3, GeneratedPlaylist.Shape.ITEM, spotify.apiBase()).playlistObject());
    spotify.stubItems(FORBIDDEN_ID, 0, json(403, "{\"error\":{\"status\":403,\"message\":\"Forbidden\"}}"));
    bucket = s3.newBucket();
  }

  private ExtractorHandler handler(String playlistIds) {
    Map<String, String> env = new HashMap<>(spotify.env(playlistIds));
    env.remove(ExtractorEnv.SPOTIFY_CLIENT_ID);
    env.remove(ExtractorEnv.SPOTIFY_CLIENT_SECRET);
    env.remove(ExtractorEnv.SPOTIFY_REFRESH_TOKEN);
    env.put(ExtractorEnv.SPOTIFY_SECRET_ARN, SecretsManagerDouble.ARN);
    env.put(ExtractorEnv.SNAPSHOT_DATE, DAY.toString());
    env.putAll(s3.env(bucket));
    return new ExtractorHandler(ExtractionService.create(ExtractorConfig.from(env), Optional.of(secrets.endpoint())));
  }

  static ScheduledEvent scheduledEvent() throws Exception {
    try (InputStream json = ExtractorHandlerTest.class.getResourceAsStream("/events/scheduled-event.json")) {
      return LambdaEventSerializers.serializerFor(ScheduledEvent.class, ExtractorHandlerTest.class.getClassLoader())
          .fromJson(json);
    }
  }

  @Test
  void theEventIsReadAsTheRuntimeReadsIt() throws Exception {
    ScheduledEvent event = scheduledEvent();

    assertThat(event.getDetailType()).isEqualTo("Scheduled Event");
    assertThat(event.getSource()).isEqualTo("aws.events");
    assertThat(event.getTime().getMillis()).isEqualTo(java.time.Instant.parse("2026-11-21T06:00:00Z").toEpochMilli());
    assertThat(event.getResources()).containsExactly(
        "arn:aws:events:eu-west-1:123456789012:rule/spotify-lakehouse-daily-extract");
  }

  @Test
  @SuppressWarnings("unchecked")
  void landsThePlaylistsAndReturnsAResultPerPlaylist() throws Exception {
    Map<String, Object> answer = handler(OK_ID).handleRequest(scheduledEvent(), null);

    String runId = (String) answer.get("run_id");
    List<Map<String, Object>> playlists = (List<Map<String, Object>>) answer.get("playlists");
    assertThat(playlists).hasSize(1);
    assertThat(playlists.get(0)).containsEntry("playlist_id", OK_ID).containsEntry("status", "ok")
        .containsEntry("pages", 3).containsEntry("entries", 75L).containsEntry("api_shape", "item")
        .containsEntry("manifest_key", RawLayout.manifestKey(DAY, OK_ID, runId));
    assertThat(s3.keys(bucket)).containsExactly(
        RawLayout.manifestKey(DAY, OK_ID, runId),
        RawLayout.pageKey(DAY, OK_ID, runId, 0),
        RawLayout.pageKey(DAY, OK_ID, runId, 1),
        RawLayout.pageKey(DAY, OK_ID, runId, 2));
    // the answer is what the runtime serializes back: it must be plain JSON
    JsonNode serialized = JSON.readTree(JSON.writeValueAsString(answer));
    assertThat(serialized.get("failed").asInt()).isZero();
    assertThat(secrets.puts()).isEmpty();
  }

  @Test
  void failsTheInvocationAfterLandingEveryPlaylistThatWorked() throws Exception {
    ExtractorHandler handler = handler(FORBIDDEN_ID + "," + OK_ID);

    assertThatThrownBy(() -> handler.handleRequest(scheduledEvent(), null))
        .isInstanceOf(ExtractionFailedException.class)
        .hasMessageContaining("1 of 2 playlists failed")
        .hasMessageContaining(FORBIDDEN_ID + ": Cannot read playlist " + FORBIDDEN_ID)
        .hasMessageContaining("the authorized user must own or collaborate on it");

    List<String> manifests = s3.keys(bucket).stream().filter(k -> k.endsWith(RawLayout.MANIFEST_FILE)).toList();
    assertThat(manifests).singleElement().asString().contains("playlist_id=" + OK_ID + "/");
  }

  @Test
  void aRotatedRefreshTokenIsStoredBackInTheSecret() throws Exception {
    spotify.server().stubFor(spotify.tokenRequest().willReturn(json(200, "{\"access_token\":\""
        + SpotifyDouble.ACCESS_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
        + "\"refresh_token\":\"rotated-refresh-token\"}")));

    handler(OK_ID).handleRequest(scheduledEvent(), null);

    assertThat(secrets.puts()).hasSize(1);
    JsonNode put = JSON.readTree(secrets.puts().get(0).getBodyAsString());
    assertThat(put.get("SecretId").asText()).isEqualTo(SecretsManagerDouble.ARN);
    JsonNode stored = JSON.readTree(put.get("SecretString").asText());
    assertThat(stored.get("refresh_token").asText()).isEqualTo("rotated-refresh-token");
    assertThat(stored.get("client_id").asText()).isEqualTo(SpotifyDouble.CLIENT_ID);
    assertThat(stored.get("note").asText()).isEqualTo("kept on rotation");
  }

  @Test
  void aSecretWithoutClientSecretFailsEveryPlaylistWithAClearMessage() throws Exception {
    secrets.stubSecret("{\"client_id\":\"" + SpotifyDouble.CLIENT_ID + "\"}");

    assertThatThrownBy(() -> handler(OK_ID).handleRequest(scheduledEvent(), null))
        .isInstanceOf(ExtractionFailedException.class)
        .hasMessageContaining("Secret " + SecretsManagerDouble.ARN + " has no string \"client_secret\"");
    assertThat(s3.keys(bucket)).isEmpty();
  }
}
