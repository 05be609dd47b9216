package io.github.spotifylakehouse.extractor.handler;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.spotifylakehouse.extractor.testing.SpotifyDouble.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.github.spotifylakehouse.extractor.ExtractionService;
import io.github.spotifylakehouse.extractor.cli.Main;
import io.github.spotifylakehouse.lake.ExtractorEnv;
import io.github.spotifylakehouse.extractor.config.ExtractorConfig;
import io.github.spotifylakehouse.testkit.Fixtures;
import io.github.spotifylakehouse.extractor.testing.GeneratedPlaylist;
import io.github.spotifylakehouse.extractor.testing.LocalS3;
import io.github.spotifylakehouse.extractor.testing.SecretsManagerDouble;
import io.github.spotifylakehouse.extractor.testing.SpotifyDouble;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the extractor with distinctive credentials and tokens, through the Lambda handler and the command
 * line, successful and failing playlists and a credentials failure, at debug log level; then looks for
 * those values in everything it produced: logs (slf4j and java.util.logging), stdout, landed objects,
 * results and exception messages with their stack traces.
 */
class SecretLeakTest {

  private static final String CLIENT_SECRET = "cs-LEAKCHECK-4f1d2c9e";
  private static final String REFRESH_TOKEN = "rt-LEAKCHECK-8e7a61b3";
  private static final String ACCESS_TOKEN = "at-LEAKCHECK-93b0aa57";
  private static final String ROTATED_TOKEN = "rt2-LEAKCHECK-1c5e07f4";
  private static final List<String> SECRETS = List.of(CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN, ROTATED_TOKEN);
  private static final String OK_ID = "0kPlaylist000000000000";
  private static final String FORBIDDEN_ID = "1forbidden000000000000";
  private static final String BROKEN_ID = "2brokenBody00000000000";

  private static SpotifyDouble spotify;
  private static LocalS3 s3;

  @BeforeAll
  static void start() {
    spotify = new SpotifyDouble();
    s3 = LocalS3.shared();
  }

  @AfterAll
  static void stop() {
    spotify.close();
  }

  @Test
  void noSecretOrTokenAppearsInAnythingTheExtractorWrites() throws Exception {
    spotify.server().stubFor(post(urlPathEqualTo("/accounts/api/token"))
        .withBasicAuth(SpotifyDouble.CLIENT_ID, CLIENT_SECRET)
        .willReturn(json(200, "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"token_type\":\"Bearer\","
            + "\"expires_in\":3600,\"refresh_token\":\"" + ROTATED_TOKEN + "\"}")));
    spotify.stub(new GeneratedPlaylist(OK_ID, 70, GeneratedPlaylist.Shape.BOTH, spotify.apiBase()));
    spotify.stubPlaylist(FORBIDDEN_ID,
        new GeneratedPlaylist(FORBIDDEN_ID, 3, GeneratedPlaylist.Shape.ITEM, spotify.apiBase()).playlistObject());
    spotify.stubItems(FORBIDDEN_ID, 0, json(403, "{\"error\":{\"status\":403,\"message\":\"Forbidden\"}}"));
    spotify.stubPlaylist(BROKEN_ID, "{\"id\":\"unterminated".getBytes(StandardCharsets.UTF_8));
    SecretsManagerDouble secrets = new SecretsManagerDouble(spotify.server());
    secrets.stubSecret("{\"client_id\":\"" + SpotifyDouble.CLIENT_ID + "\",\"client_secret\":\"" + CLIENT_SECRET
        + "\",\"refresh_token\":\"" + REFRESH_TOKEN + "\"}");
    String bucket = s3.newBucket();
    String ids = String.join(",", OK_ID, FORBIDDEN_ID, BROKEN_ID);

    List<String> produced = new ArrayList<>();
    Capture capture = Capture.start();
    try {
      // 1. Lambda: secret from Secrets Manager; a rotated refresh token is written back to it
      Map<String, String> lambdaEnv = new HashMap<>(spotify.env(ids));
      lambdaEnv.remove(ExtractorEnv.SPOTIFY_CLIENT_ID);
      lambdaEnv.remove(ExtractorEnv.SPOTIFY_CLIENT_SECRET);
      lambdaEnv.remove(ExtractorEnv.SPOTIFY_REFRESH_TOKEN);
      lambdaEnv.put(ExtractorEnv.SPOTIFY_SECRET_ARN, SecretsManagerDouble.ARN);
      lambdaEnv.putAll(s3.env(bucket));
      ExtractorHandler handler = new ExtractorHandler(ExtractionService.create(ExtractorConfig.from(lambdaEnv),
          Optional.of(secrets.endpoint())));
      try {
        handler.handleRequest(scheduledEvent(), null);
        throw new AssertionError("the handler should have failed: two playlists cannot be read");
      } catch (ExtractionFailedException e) {
        produced.add(stackTrace(e));
      }

      // 2. Command line: credentials from the environment
      Map<String, String> cliEnv = new HashMap<>(spotify.env(ids));
      cliEnv.put(ExtractorEnv.SPOTIFY_CLIENT_SECRET, CLIENT_SECRET);
      cliEnv.put(ExtractorEnv.SPOTIFY_REFRESH_TOKEN, REFRESH_TOKEN);
      cliEnv.putAll(s3.env(bucket));
      assertThat(Main.run(new String[] {"extract"}, cliEnv, System.out, System.err)).isEqualTo(Main.FAILED);

      // 3. Command line without playlist ids: the user's own playlists, found through /me/playlists
      spotify.stubUser("leakcheck_user");
      spotify.stubUserPlaylists(List.of(new SpotifyDouble.Listed(OK_ID, "Mine", "leakcheck_user", false),
          new SpotifyDouble.Listed(FORBIDDEN_ID, "Followed", "someone_else", false)));
      Map<String, String> discoverEnv = new HashMap<>(cliEnv);
      discoverEnv.remove(ExtractorEnv.SPOTIFY_PLAYLIST_IDS);
      assertThat(Main.run(new String[] {"extract"}, discoverEnv, System.out, System.err)).isEqualTo(Main.OK);

      // 4. ... with a token that lacks the scope to list them, and with a deadline that defers everything
      spotify.server().stubFor(spotify.userPlaylistsRequest(0).atPriority(1).willReturn(
          json(403, "{\"error\":{\"status\":403,\"message\":\"Insufficient client scope\"}}")));
      discoverEnv.put(ExtractorEnv.SPOTIFY_PLAYLIST_IDS, "me," + OK_ID);
      assertThat(Main.run(new String[] {"extract"}, discoverEnv, System.out, System.err)).isEqualTo(Main.FAILED);
      discoverEnv.put(ExtractorEnv.SPOTIFY_PLAYLIST_IDS, BROKEN_ID);
      discoverEnv.put(ExtractorEnv.EXTRACT_TIME_LIMIT_SECONDS, "1");
      assertThat(Main.run(new String[] {"extract"}, discoverEnv, System.out, System.err)).isEqualTo(Main.FAILED);

      // 5. Command line with credentials Spotify refuses
      spotify.server().stubFor(post(urlPathEqualTo("/accounts/api/token")).atPriority(1)
          .willReturn(json(400, Fixtures.bytes("auth-invalid-client.json"))));
      assertThat(Main.run(new String[] {"extract"}, cliEnv, System.out, System.err)).isEqualTo(Main.FAILED);

      // 6. Bad configuration naming a secret variable
      Map<String, String> badEnv = new HashMap<>(cliEnv);
      badEnv.remove(ExtractorEnv.AWS_ACCESS_KEY_ID);
      assertThat(Main.run(new String[] {"extract"}, badEnv, System.out, System.err))
          .isEqualTo(Main.BAD_CONFIGURATION);
    } finally {
      capture.stop();
    }
    produced.add(capture.text());
    for (String key : s3.keys(bucket)) {
      produced.add(new String(s3.bytes(bucket, key), StandardCharsets.UTF_8));
    }

    // the runs really happened: pages landed, results printed, errors explained
    assertThat(s3.keys(bucket)).anyMatch(k -> k.contains("playlist_id=" + OK_ID + "/") && k.endsWith("_manifest.json"));
    // the command line ran after the Lambda on the same day and lake: the playlist it landed is unchanged
    assertThat(capture.text()).contains("\"playlist_id\":\"" + OK_ID + "\",\"status\":\"unchanged\"")
        .contains("Malformed response for playlist " + BROKEN_ID)
        .contains("invalid_client")
        .contains("Spotify rotated the refresh token")
        .contains("user leakcheck_user has 2 playlist(s) in their list")
        .contains("without the playlist-read-private scope")
        .contains("\"playlist_id\":\"" + BROKEN_ID + "\",\"status\":\"deferred\"");
    assertThat(secrets.puts()).hasSize(1);
    for (String text : produced) {
      for (String secret : SECRETS) {
        assertThat(text).as("output must not contain %s", secret).doesNotContain(secret);
      }
    }
  }

  private static ScheduledEvent scheduledEvent() throws Exception {
    try (InputStream json = SecretLeakTest.class.getResourceAsStream("/events/scheduled-event.json")) {
      return LambdaEventSerializers.serializerFor(ScheduledEvent.class, SecretLeakTest.class.getClassLoader())
          .fromJson(json);
    }
  }

  private static String stackTrace(Throwable e) {
    StringWriter text = new StringWriter();
    e.printStackTrace(new PrintWriter(text));
    return text.toString();
  }

  /** Everything written to stdout, stderr (slf4j-simple) and java.util.logging (all levels) meanwhile. */
  private static final class Capture extends Handler {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final StringBuilder julRecords = new StringBuilder();
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private Level originalRootLevel;

    static Capture start() {
      Capture capture = new Capture();
      PrintStream tee = new PrintStream(capture.bytes, true, StandardCharsets.UTF_8);
      System.setOut(tee);
      System.setErr(tee);
      Logger root = Logger.getLogger("");
      capture.originalRootLevel = root.getLevel();
      capture.setLevel(Level.ALL);
      root.addHandler(capture);
      return capture;
    }

    void stop() {
      System.setOut(originalOut);
      System.setErr(originalErr);
      Logger.getLogger("").removeHandler(this);
      Logger.getLogger("").setLevel(originalRootLevel);
    }

    String text() {
      synchronized (julRecords) {
        return bytes.toString(StandardCharsets.UTF_8) + julRecords;
      }
    }

    @Override
    public void publish(LogRecord record) {
      synchronized (julRecords) {
        julRecords.append(record.getLoggerName()).append(' ').append(record.getMessage()).append('\n');
        if (record.getThrown() != null) {
          julRecords.append(stackTrace(record.getThrown()));
        }
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  }
}
