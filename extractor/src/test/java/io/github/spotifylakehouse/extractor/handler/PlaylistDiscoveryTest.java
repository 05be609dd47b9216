package io.github.spotifylakehouse.extractor.handler;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
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
import io.github.spotifylakehouse.extractor.config.ExtractorConfig;
import io.github.spotifylakehouse.extractor.testing.GeneratedPlaylist;
import io.github.spotifylakehouse.extractor.testing.LocalS3;
import io.github.spotifylakehouse.extractor.testing.SecretsManagerDouble;
import io.github.spotifylakehouse.extractor.testing.SpotifyDouble;
import io.github.spotifylakehouse.extractor.testing.SpotifyDouble.Listed;
import io.github.spotifylakehouse.lake.ExtractorEnv;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With no playlist ids configured the extractor reads the authorized user's list ({@code GET /me},
 * {@code GET /me/playlists} page after page) and extracts what the user owns or collaborates on; followed
 * playlists of other users (403 on their items since February 2026) are skipped, not failed.
 */
class PlaylistDiscoveryTest {

  private static final String USER = "lakehouse_user";
  private static final String EXTENDED_QUOTA_PUBLIC = "37i9dQZF1DXcBWIGoYBM5M";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static SpotifyDouble spotify;
  private static LocalS3 s3;
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
  void reset() {
    spotify.server().resetAll();
    spotify.stubToken(SpotifyDouble.ACCESS_TOKEN);
    spotify.stubUser(USER);
    bucket = s3.newBucket();
  }

  private static String id(int i) {
    return String.format("pl%020d", i);
  }

  /**
   * 70 playlists over two pages of 50: every tenth from 3 is the user's own, every tenth from 7 is someone
   * else's collaborative one, the rest are followed playlists of other users (403 on their items).
   */
  private static List<Listed> library() {
    List<Listed> library = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      String id = id(i);
      if (i % 10 == 3) {
        library.add(new Listed(id, "Mine " + i, USER, i == 13));
        spotify.stub(new GeneratedPlaylist(id, 1 + i % 5, GeneratedPlaylist.Shape.ITEM, spotify.apiBase()));
      } else if (i % 10 == 7) {
        library.add(new Listed(id, "Shared " + i, "a_friend", true));
        spotify.stub(new GeneratedPlaylist(id, 1 + i % 5, GeneratedPlaylist.Shape.TRACK, spotify.apiBase()));
      } else {
        library.add(new Listed(id, "Followed " + i, "someone_else", false));
        spotify.stubPlaylist(id, new GeneratedPlaylist(id, 3, GeneratedPlaylist.Shape.ITEM, spotify.apiBase())
            .playlistObject());
        spotify.stubItems(id, 0, json(403, "{\"error\":{\"status\":403,\"message\":\"Forbidden\"}}"));
      }
    }
    spotify.stubUserPlaylists(library);
    return library;
  }

  private static List<String> selectedIds(List<Listed> library) {
    return library.stream().filter(p -> p.ownerId().equals(USER) || p.collaborative()).map(Listed::id)
        .collect(Collectors.toList());
  }

  private Map<String, String> env(String playlistIds) {
    Map<String, String> env = new HashMap<>(spotify.env("unused"));
    if (playlistIds == null) {
      env.remove(ExtractorEnv.SPOTIFY_PLAYLIST_IDS);
    } else {
      env.put(ExtractorEnv.SPOTIFY_PLAYLIST_IDS, playlistIds);
    }
    env.putAll(s3.env(bucket));
    return env;
  }

  private RunResult run(String playlistIds) {
    return ExtractionService.create(ExtractorConfig.from(env(playlistIds))).run();
  }

  @Test
  void withoutIdsEveryOwnedOrCollaborativePlaylistIsFoundOverSeveralPagesAndExtracted() {
    List<Listed> library = library();
    List<String> expected = selectedIds(library);

    RunResult result = run(null);

    assertThat(result.failed()).as(result.failureSummary()).isFalse();
    assertThat(result.playlists()).extracting(PlaylistResult::playlistId).containsExactlyElementsOf(expected);
    assertThat(expected).hasSize(14);
    assertThat(result.playlists()).allSatisfy(p -> assertThat(p.status()).isEqualTo(Status.OK));
    // the name is the playlist object's (the list's own copy may be older)
    assertThat(result.playlists().get(0).name()).contains("Generated " + id(3));
    var discovery = result.discovery().orElseThrow();
    assertThat(discovery.userId()).isEqualTo(USER);
    assertThat(discovery.listed()).isEqualTo(70);
    assertThat(discovery.skipped()).hasSize(56);
    // both pages were read, 50 at a time, and no followed playlist was requested (it would answer 403)
    spotify.server().verify(1, getRequestedFor(urlPathEqualTo("/v1/me/playlists"))
        .withQueryParam("offset", equalTo("0")).withQueryParam("limit", equalTo("50")));
    spotify.server().verify(1, getRequestedFor(urlPathEqualTo("/v1/me/playlists"))
        .withQueryParam("offset", equalTo("50")));
    for (var followed : discovery.skipped()) {
      spotify.server().verify(0, getRequestedFor(urlPathMatching("/v1/playlists/" + followed.id() + ".*")));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> found = (Map<String, Object>) result.toMap().get("discovery");
    assertThat(found).containsEntry("user_id", USER).containsEntry("listed", 70).containsEntry("skipped_not_owned", 56);
    assertThat((List<?>) found.get("selected")).hasSize(14).first().isEqualTo(Map.of("playlist_id", id(3),
        "name", "Mine 3", "owner_id", USER, "collaborative", false));
  }

  @Test
  void theKeywordMeMixesWithExplicitIdsInTheirOrderWithoutDuplicates() {
    List<Listed> library = library();
    spotify.stub(new GeneratedPlaylist(EXTENDED_QUOTA_PUBLIC, 4, GeneratedPlaylist.Shape.ITEM, spotify.apiBase()));

    RunResult result = run("spotify:playlist:" + EXTENDED_QUOTA_PUBLIC + "," + id(13) + ", ME ," + id(13));

    List<String> expected = new ArrayList<>(List.of(EXTENDED_QUOTA_PUBLIC, id(13)));
    selectedIds(library).stream().filter(id -> !expected.contains(id)).forEach(expected::add);
    assertThat(result.failed()).as(result.failureSummary()).isFalse();
    assertThat(result.playlists()).extracting(PlaylistResult::playlistId).containsExactlyElementsOf(expected);
    // an explicit id gets its name from its playlist object
    assertThat(result.playlists().get(0).name()).contains("Generated " + EXTENDED_QUOTA_PUBLIC);
    spotify.server().verify(1, getRequestedFor(urlPathEqualTo("/v1/playlists/" + id(13) + "/items")));
  }

  @Test
  void aTokenWithoutThePlaylistReadScopeSaysWhichScopeToGrantAndExplicitIdsStillLand() throws Exception {
    spotify.server().stubFor(spotify.userPlaylistsRequest(0).willReturn(
        json(403, "{\"error\":{\"status\":403,\"message\":\"Insufficient client scope\"}}")));
    spotify.stub(new GeneratedPlaylist(EXTENDED_QUOTA_PUBLIC, 4, GeneratedPlaylist.Shape.ITEM, spotify.apiBase()));

    RunResult result = run("me," + EXTENDED_QUOTA_PUBLIC);

    assertThat(result.failed()).isTrue();
    assertThat(result.playlists()).singleElement().satisfies(p -> assertThat(p.status()).isEqualTo(Status.OK));
    assertThat(result.runErrors()).singleElement().asString()
        .startsWith("Cannot find the authorized user's playlists: Cannot list the authorized user's playlists: GET "
            + spotify.apiBase() + "/me/playlists?offset=0&limit=50 answered HTTP 403 (Insufficient client scope)")
        .contains("The refresh token was granted without the playlist-read-private scope: run `authorize` again "
            + "(it asks for playlist-read-private and playlist-read-collaborative) and store the new refresh token "
            + "in SPOTIFY_REFRESH_TOKEN or the secret's refresh_token");

    Map<String, String> lambdaEnv = env(null);
    lambdaEnv.remove(ExtractorEnv.SPOTIFY_CLIENT_ID);
    lambdaEnv.remove(ExtractorEnv.SPOTIFY_CLIENT_SECRET);
    lambdaEnv.remove(ExtractorEnv.SPOTIFY_REFRESH_TOKEN);
    lambdaEnv.put(ExtractorEnv.SPOTIFY_SECRET_ARN, SecretsManagerDouble.ARN);
    SecretsManagerDouble secrets = new SecretsManagerDouble(spotify.server());
    secrets.stubSecret("{\"client_id\":\"" + SpotifyDouble.CLIENT_ID + "\",\"client_secret\":\""
        + SpotifyDouble.CLIENT_SECRET + "\",\"refresh_token\":\"" + SpotifyDouble.REFRESH_TOKEN + "\"}");
    ExtractorHandler handler = new ExtractorHandler(ExtractionService.create(ExtractorConfig.from(lambdaEnv),
        Optional.of(secrets.endpoint())));
    assertThatThrownBy(() -> handler.handleRequest(ExtractorHandlerTest.scheduledEvent(), null))
        .isInstanceOf(ExtractionFailedException.class)
        .hasMessageContaining("0 of 0 playlists failed, and 1 run error(s)")
        .hasMessageContaining("without the playlist-read-private scope");
  }

  @Test
  void aUserWithNoPlaylistOfTheirOwnIsAClearSuccessfulEmptyRun() throws Exception {
    spotify.stubUserPlaylists(List.of(new Listed(id(1), "Followed 1", "someone_else", false),
        new Listed(id(2), "Followed 2", "spotify", false)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    int exit;
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    try {
      exit = Main.run(new String[] {"extract"}, env(""), new PrintStream(out, true, StandardCharsets.UTF_8),
          System.err);
    } finally {
      System.setErr(stderr);
    }

    assertThat(exit).isEqualTo(Main.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(logs.toString(StandardCharsets.UTF_8))
        .contains("user " + USER + " owns no playlist and collaborates on none (2 listed, all followed from other "
            + "users): nothing of theirs to extract. Create a playlist or collaborate on one, or list playlist ids "
            + "in SPOTIFY_PLAYLIST_IDS")
        // the skipped ones are named at debug level
        .contains("[DEBUG] UserPlaylists - Skipping playlist " + id(2) + " (Followed 2) of user spotify");
    assertThat(s3.keys(bucket)).isEmpty();

    RunResult result = run(null);
    assertThat(result.failed()).isFalse();
    assertThat(result.playlists()).isEmpty();
    assertThat(result.discovery().orElseThrow().selected()).isEmpty();
  }

  @Test
  void theCommandLineWithNoIdsPrintsEachFoundPlaylistWithItsName() throws Exception {
    List<String> expected = selectedIds(library());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int exit = Main.run(new String[] {"extract"}, env(null), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(Main.OK);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
      lines.add(JSON.readTree(line));
    }
    assertThat(lines).extracting(line -> line.get("playlist_id").asText()).containsExactlyElementsOf(expected);
    assertThat(lines).allSatisfy(line -> assertThat(line.get("status").asText()).isEqualTo("ok"));
    assertThat(lines.get(0).get("name").asText()).isEqualTo("Generated " + id(3));
    assertThat(lines.get(0).get("snapshot_id").asText()).isEqualTo(GeneratedPlaylist.SNAPSHOT_ID);
  }

  @Test
  void aSecretWithoutRefreshTokenCannotFindTheUsersPlaylistsAndSaysSo() throws Exception {
    SecretsManagerDouble secrets = new SecretsManagerDouble(spotify.server());
    secrets.stubSecret("{\"client_id\":\"" + SpotifyDouble.CLIENT_ID + "\",\"client_secret\":\""
        + SpotifyDouble.CLIENT_SECRET + "\"}");
    Map<String, String> env = env(null);
    env.remove(ExtractorEnv.SPOTIFY_CLIENT_ID);
    env.remove(ExtractorEnv.SPOTIFY_CLIENT_SECRET);
    env.remove(ExtractorEnv.SPOTIFY_REFRESH_TOKEN);
    env.put(ExtractorEnv.SPOTIFY_SECRET_ARN, SecretsManagerDouble.ARN);
    ExtractorHandler handler = new ExtractorHandler(ExtractionService.create(ExtractorConfig.from(env),
        Optional.of(secrets.endpoint())));

    assertThatThrownBy(() -> handler.handleRequest(ExtractorHandlerTest.scheduledEvent(), null))
        .isInstanceOf(ExtractionFailedException.class)
        .hasMessageContaining("Cannot find the authorized user's playlists (SPOTIFY_PLAYLIST_IDS is empty or holds "
            + "'me'): the credentials have no refresh token, and only a user token can list them");
    spotify.server().verify(0, getRequestedFor(urlPathMatching("/v1/.*")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theLambdaWithNoIdsReturnsWhatItFoundAndLanded() throws Exception {
    List<String> expected = selectedIds(library());
    SecretsManagerDouble secrets = new SecretsManagerDouble(spotify.server());
    secrets.stubSecret("{\"client_id\":\"" + SpotifyDouble.CLIENT_ID + "\",\"client_secret\":\""
        + SpotifyDouble.CLIENT_SECRET + "\",\"refresh_token\":\"" + SpotifyDouble.REFRESH_TOKEN + "\"}");
    Map<String, String> env = env(null);
    env.remove(ExtractorEnv.SPOTIFY_CLIENT_ID);
    env.remove(ExtractorEnv.SPOTIFY_CLIENT_SECRET);
    env.remove(ExtractorEnv.SPOTIFY_REFRESH_TOKEN);
    env.put(ExtractorEnv.SPOTIFY_SECRET_ARN, SecretsManagerDouble.ARN);
    // as the stack sets it when its playlist parameter is left empty
    env.put(ExtractorEnv.SPOTIFY_PLAYLIST_IDS, "");

    Map<String, Object> answer = new ExtractorHandler(ExtractionService.create(ExtractorConfig.from(env),
        Optional.of(secrets.endpoint()))).handleRequest(ExtractorHandlerTest.scheduledEvent(), null);

    assertThat(answer.get("succeeded")).isEqualTo(14L);
    Map<String, Object> discovery = (Map<String, Object>) answer.get("discovery");
    assertThat(((List<Map<String, Object>>) discovery.get("selected")).stream().map(p -> p.get("playlist_id")))
        .containsExactlyElementsOf(expected);
    assertThat(JSON.readTree(JSON.writeValueAsString(answer)).get("discovery").get("listed").asInt()).isEqualTo(70);
  }
}
