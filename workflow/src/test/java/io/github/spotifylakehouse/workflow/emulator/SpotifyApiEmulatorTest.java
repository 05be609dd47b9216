package io.github.spotifylakehouse.workflow.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spotifylakehouse.workflow.emulator.SpotifyApiEmulator.Endpoint;
import io.github.spotifylakehouse.workflow.steps.RunnerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SpotifyApiEmulatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate DAY = LocalDate.of(2026, 11, 21);
  private static SpotifyApiEmulator emulator;
  private static HttpClient http;

  @BeforeAll
  static void start() {
    emulator = SpotifyApiEmulator.start(EmulatorSettings.withLocalCredentials(7L, List.of(123, 0, 260), DAY));
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void bindsToLoopbackOnAnEphemeralPort() {
    assertThat(emulator.apiBaseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/v1");
    assertThat(emulator.accountsBaseUrl()).isEqualTo(emulator.apiBaseUrl().replace("/v1", ""));
    assertThat(emulator.playlistIds()).hasSize(3).allMatch(id -> id.matches("[0-9A-Za-z]{22}"));
  }

  @Test
  void issuesTokensForBothGrantsWithBasicAuth() throws Exception {
    HttpResponse<String> clientCredentials = token(basic("local-client-id", "local-client-secret"),
        "grant_type=client_credentials");
    assertThat(clientCredentials.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(clientCredentials.body());
    assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.path("expires_in").asInt()).isEqualTo(3600);
    assertThat(body.path("access_token").asText()).isNotBlank();

    HttpResponse<String> refresh = token(basic("local-client-id", "local-client-secret"),
        "grant_type=refresh_token&refresh_token=local-refresh-token");
    assertThat(refresh.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(refresh.body()).path("scope").asText()).contains("playlist-read-private");
  }

  @Test
  void refusesBadClientsAndGrantsLikeSpotify() throws Exception {
    HttpResponse<String> wrongSecret = token(basic("local-client-id", "nope"), "grant_type=client_credentials");
    assertThat(wrongSecret.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(wrongSecret.body()).path("error").asText()).isEqualTo("invalid_client");

    assertThat(token(null, "grant_type=client_credentials").statusCode()).isEqualTo(400);

    HttpResponse<String> wrongRefresh = token(basic("local-client-id", "local-client-secret"),
        "grant_type=refresh_token&refresh_token=stolen");
    assertThat(wrongRefresh.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(wrongRefresh.body()).path("error").asText()).isEqualTo("invalid_grant");

    HttpResponse<String> password = token(basic("local-client-id", "local-client-secret"),
        "grant_type=password");
    assertThat(JSON.readTree(password.body()).path("error").asText()).isEqualTo("unsupported_grant_type");
  }

  @Test
  void wantsAnIssuedBearerToken() throws Exception {
    String id = emulator.playlistIds().get(0);
    HttpResponse<String> none = get(emulator.apiBaseUrl() + "/playlists/" + id, null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(none.body()).path("error").path("status").asInt()).isEqualTo(401);
    assertThat(get(emulator.apiBaseUrl() + "/playlists/" + id, "made-up").statusCode()).isEqualTo(401);
  }

  @Test
  void answers404ForUnknownPlaylistsAnd400ForBadPaging() throws Exception {
    String token = accessToken();
    HttpResponse<String> unknown = get(emulator.apiBaseUrl() + "/playlists/37i9dQZF1DXcBWIGoYBM5M", token);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).path("error").path("message").asText())
        .isEqualTo("Resource not found");
    String items = emulator.apiBaseUrl() + "/playlists/" + emulator.playlistIds().get(0) + "/items";
    assertThat(get(items + "?limit=51", token).statusCode()).isEqualTo(400);
    assertThat(get(items + "?limit=0", token).statusCode()).isEqualTo(400);
    assertThat(get(items + "?offset=-1", token).statusCode()).isEqualTo(400);
    assertThat(get(items + "?limit=abc", token).statusCode()).isEqualTo(400);
    // the older endpoint took up to 100 a page
    String tracks = emulator.apiBaseUrl() + "/playlists/" + emulator.playlistIds().get(0) + "/tracks";
    assertThat(get(tracks + "?limit=100", token).statusCode()).isEqualTo(200);
  }

  @Test
  void pagesThroughEveryEntryByFollowingNext() throws Exception {
    String token = accessToken();
    for (String id : emulator.playlistIds()) {
      int expected = emulator.playlistSizes().get(id);
      JsonNode playlist = JSON.readTree(get(emulator.apiBaseUrl() + "/playlists/" + id, token).body());
      assertThat(playlist.path("id").asText()).isEqualTo(id);

      String next = emulator.apiBaseUrl() + "/playlists/" + id + "/items?offset=0&limit=50&additional_types=track,episode";
      int entries = 0;
      int pages = 0;
      while (next != null && pages <= 100) {
        HttpResponse<String> response = get(next, token);
        assertThat(response.statusCode()).as(next).isEqualTo(200);
        JsonNode page = JSON.readTree(response.body());
        assertThat(page.path("total").asInt()).isEqualTo(expected);
        assertThat(page.path("offset").asInt()).isEqualTo(entries);
        entries += page.path("items").size();
        pages++;
        next = page.path("next").isNull() || page.path("next").isMissingNode() ? null : page.path("next").asText();
        if (next != null) {
          assertThat(next).startsWith(emulator.apiBaseUrl());
        }
      }
      assertThat(entries).as("entries of " + id).isEqualTo(expected);
      assertThat(pages).as("pages of " + id).isEqualTo(Math.max(1, (expected + 49) / 50));
    }
  }

  @Test
  void defaultCatalogueHasBothApiShapesAndAwkwardEntries() throws Exception {
    try (SpotifyApiEmulator demo = SpotifyApiEmulator.start(EmulatorSettings.withLocalCredentials(
        RunnerConfig.DEFAULT_SEED, RunnerConfig.DEFAULT_PLAYLIST_SIZES, DAY))) {
      String token = JSON.readTree(send(HttpRequest.newBuilder(URI.create(demo.accountsBaseUrl() + "/api/token"))
          .header("Authorization", basic("local-client-id", "local-client-secret"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build()).body())
          .path("access_token").asText();
      Set<String> entryKeys = new HashSet<>();
      List<String> awkward = new ArrayList<>();
      for (String id : demo.playlistIds()) {
        for (int offset = 0; offset < demo.playlistSizes().get(id); offset += 50) {
          JsonNode page = JSON.readTree(get(demo.apiBaseUrl() + "/playlists/" + id + "/items?offset=" + offset
              + "&limit=50", token).body());
          for (JsonNode entry : page.path("items")) {
            JsonNode track = entry.has("item") ? entry.path("item") : entry.path("track");
            entryKeys.add(entry.has("item") && entry.has("track") ? "both" : entry.has("item") ? "item"
                : entry.has("track") ? "track" : "none");
            if (track.isNull() || track.isMissingNode() || entry.path("is_local").asBoolean()
                || "episode".equals(track.path("type").asText())) {
              awkward.add(id);
            }
          }
        }
      }
      assertThat(demo.playlistIds()).hasSize(RunnerConfig.DEFAULT_PLAYLIST_SIZES.size());
      assertThat(entryKeys).contains("item", "track");
      assertThat(awkward).isNotEmpty();
    }
  }

  @Test
  void countsAndLogsRequests() throws Exception {
    try (SpotifyApiEmulator counted = SpotifyApiEmulator.start(EmulatorSettings.withLocalCredentials(1L,
        List.of(10), DAY))) {
      String token = JSON.readTree(send(HttpRequest.newBuilder(URI.create(counted.accountsBaseUrl() + "/api/token"))
          .header("Authorization", basic("local-client-id", "local-client-secret"))
          .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build()).body())
          .path("access_token").asText();
      String id = counted.playlistIds().get(0);
      get(counted.apiBaseUrl() + "/playlists/" + id, token);
      get(counted.apiBaseUrl() + "/playlists/" + id + "/items?limit=5", token);
      get(counted.apiBaseUrl() + "/playlists/" + id + "/items?offset=5&limit=5", token);
      get(counted.apiBaseUrl() + "/nothing-here", token);

      assertThat(counted.served(Endpoint.TOKEN)).isEqualTo(1);
      assertThat(counted.served(Endpoint.PLAYLIST)).isEqualTo(1);
      assertThat(counted.served(Endpoint.ITEMS)).isEqualTo(2);
      assertThat(counted.served(Endpoint.UNKNOWN)).isEqualTo(1);
      assertThat(counted.errors()).isEqualTo(1);
      assertThat(counted.requests()).extracting(SpotifyApiEmulator.Request::target).containsExactly(
          "/api/token", "/v1/playlists/" + id, "/v1/playlists/" + id + "/items?limit=5",
          "/v1/playlists/" + id + "/items?offset=5&limit=5", "/v1/nothing-here");
      assertThat(counted.summary())
          .startsWith("1 token, 0 user, 0 user-playlist-page, 1 playlist and 2 item-page requests, 1 errors");
    }
  }

  @Test
  void sameSeedAndDayServeTheSameBytes() throws Exception {
    try (SpotifyApiEmulator again = SpotifyApiEmulator.start(EmulatorSettings.withLocalCredentials(7L,
        List.of(123, 0, 260), DAY))) {
      String id = emulator.playlistIds().get(2);
      assertThat(again.playlistIds()).isEqualTo(emulator.playlistIds());
      String first = get(emulator.apiBaseUrl() + "/playlists/" + id + "/items?offset=50&limit=50", accessToken())
          .body().replace(emulator.apiBaseUrl(), "BASE");
      String tokenAgain = JSON.readTree(send(HttpRequest.newBuilder(URI.create(again.accountsBaseUrl() + "/api/token"))
          .header("Authorization", basic("local-client-id", "local-client-secret"))
          .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build()).body())
          .path("access_token").asText();
      String second = get(again.apiBaseUrl() + "/playlists/" + id + "/items?offset=50&limit=50", tokenAgain)
          .body().replace(again.apiBaseUrl(), "BASE");
      assertThat(second).isEqualTo(first);
    }
  }

  @Test
  void listsTheUsersOwnCollaborativeAndFollowedPlaylistsOverSeveralPages() throws Exception {
    String token = userToken();
    JsonNode me = JSON.readTree(get(emulator.apiBaseUrl() + "/me", token).body());
    assertThat(me.path("id").asText()).isEqualTo(EmulatorSettings.LOCAL_USER_ID);

    List<JsonNode> listed = new ArrayList<>();
    String next = emulator.apiBaseUrl() + "/me/playlists?offset=0&limit=50";
    int pages = 0;
    while (next != null && pages < 10) {
      HttpResponse<String> response = get(next, token);
      assertThat(response.statusCode()).as(next).isEqualTo(200);
      JsonNode page = JSON.readTree(response.body());
      assertThat(page.path("total").asInt()).isEqualTo(3 + EmulatorSettings.DEFAULT_FOLLOWED_PLAYLISTS);
      page.path("items").forEach(listed::add);
      pages++;
      next = page.path("next").isNull() ? null : page.path("next").asText();
    }
    assertThat(pages).isEqualTo(2);
    assertThat(listed).hasSize(51);
    assertThat(listed).extracting(p -> p.path("id").asText()).containsExactlyElementsOf(emulator.library());

    List<String> owned = new ArrayList<>();
    List<String> collaborative = new ArrayList<>();
    List<String> followed = new ArrayList<>();
    for (JsonNode playlist : listed) {
      String id = playlist.path("id").asText();
      boolean mine = playlist.path("owner").path("id").asText().equals(EmulatorSettings.LOCAL_USER_ID);
      (mine ? owned : playlist.path("collaborative").asBoolean() ? collaborative : followed).add(id);
      // one version everywhere: the list, the playlist object and ?fields=snapshot_id
      String snapshot = playlist.path("snapshot_id").asText();
      assertThat(snapshot).isNotBlank().isEqualTo(emulator.snapshotId(id));
      assertThat(JSON.readTree(get(emulator.apiBaseUrl() + "/playlists/" + id, token).body())
          .path("snapshot_id").asText()).isEqualTo(snapshot);
      assertThat(get(emulator.apiBaseUrl() + "/playlists/" + id + "?fields=snapshot_id", token).body())
          .isEqualTo("{\"snapshot_id\":\"" + snapshot + "\"}");
    }
    List<String> ids = emulator.playlistIds();
    assertThat(owned).containsExactly(ids.get(0), ids.get(1));
    assertThat(collaborative).containsExactly(ids.get(2));
    assertThat(followed).containsExactlyInAnyOrderElementsOf(emulator.followedPlaylistIds());
    // the user's own playlists are spread over both pages
    assertThat(emulator.library().indexOf(ids.get(2))).isGreaterThanOrEqualTo(50);
    JsonNode sharedObject = JSON.readTree(get(emulator.apiBaseUrl() + "/playlists/" + ids.get(2), token).body());
    assertThat(sharedObject.path("collaborative").asBoolean()).isTrue();
    assertThat(sharedObject.path("owner").path("id").asText()).isNotEqualTo(EmulatorSettings.LOCAL_USER_ID);
  }

  @Test
  void followedPlaylistsOfOtherUsersAnswer403OnTheirItemsLikeSpotify() throws Exception {
    String token = userToken();
    String followed = emulator.followedPlaylistIds().get(0);

    assertThat(get(emulator.apiBaseUrl() + "/playlists/" + followed, token).statusCode()).isEqualTo(200);
    HttpResponse<String> items = get(emulator.apiBaseUrl() + "/playlists/" + followed + "/items?limit=50", token);
    assertThat(items.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(items.body()).path("error").path("message").asText()).isEqualTo("Forbidden");
  }

  @Test
  void theUsersListNeedsAUserTokenWithItsScopeAndAValidPage() throws Exception {
    String appToken = accessToken();
    assertThat(get(emulator.apiBaseUrl() + "/me", appToken).statusCode()).isEqualTo(401);
    HttpResponse<String> noScope = get(emulator.apiBaseUrl() + "/me/playlists", appToken);
    assertThat(noScope.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(noScope.body()).path("error").path("message").asText())
        .isEqualTo("Insufficient client scope");
    assertThat(get(emulator.apiBaseUrl() + "/me/playlists?limit=51", userToken()).statusCode()).isEqualTo(400);
    assertThat(get(emulator.apiBaseUrl() + "/me/playlists?offset=-1", userToken()).statusCode()).isEqualTo(400);
    // the default page is 20
    JsonNode page = JSON.readTree(get(emulator.apiBaseUrl() + "/me/playlists", userToken()).body());
    assertThat(page.path("items")).hasSize(20);
  }

  @Test
  void anEditWhileAPlaylistIsPagedChangesItsSnapshotOnce() throws Exception {
    try (SpotifyApiEmulator edited = SpotifyApiEmulator.start(EmulatorSettings.withLocalCredentials(3L,
        List.of(70), DAY).withFollowedPlaylists(0))) {
      String id = edited.playlistIds().get(0);
      String token = JSON.readTree(send(HttpRequest.newBuilder(URI.create(edited.accountsBaseUrl() + "/api/token"))
          .header("Authorization", basic("local-client-id", "local-client-secret"))
          .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build()).body())
          .path("access_token").asText();
      String snapshot = edited.apiBaseUrl() + "/playlists/" + id + "?fields=snapshot_id";
      String before = JSON.readTree(get(snapshot, token).body()).path("snapshot_id").asText();
      edited.editAfterFirstItemsPage(id, 1);

      JsonNode first = JSON.readTree(get(edited.apiBaseUrl() + "/playlists/" + id + "/items?offset=0&limit=50", token)
          .body());
      String after = JSON.readTree(get(snapshot, token).body()).path("snapshot_id").asText();
      get(edited.apiBaseUrl() + "/playlists/" + id + "/items?offset=0&limit=50", token);
      String later = JSON.readTree(get(snapshot, token).body()).path("snapshot_id").asText();

      assertThat(first.path("total").asInt()).isEqualTo(70);
      assertThat(after).isNotEqualTo(before);
      assertThat(later).isEqualTo(after);
      assertThat(edited.playlistSizes()).containsEntry(id, 71);
    }
  }

  private static String userToken() throws Exception {
    return JSON.readTree(token(basic("local-client-id", "local-client-secret"),
        "grant_type=refresh_token&refresh_token=local-refresh-token").body()).path("access_token").asText();
  }

  private static String accessToken() throws Exception {
    return JSON.readTree(token(basic("local-client-id", "local-client-secret"), "grant_type=client_credentials")
        .body()).path("access_token").asText();
  }

  private static HttpResponse<String> token(String authorization, String form) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.accountsBaseUrl() + "/api/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request.build());
  }

  private static HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String basic(String id, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }
}
