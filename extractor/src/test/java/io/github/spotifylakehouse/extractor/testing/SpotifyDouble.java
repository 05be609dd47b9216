package io.github.spotifylakehouse.extractor.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.spotifylakehouse.lake.ExtractorEnv;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Spotify Web API and accounts service on one WireMock server on 127.0.0.1 (ephemeral port): the API
 * under {@code /v1}, the accounts service under {@code /accounts}, so both base-URL overrides are used.
 */
public final class SpotifyDouble implements AutoCloseable {

  public static final String CLIENT_ID = "test-client-id";
  public static final String CLIENT_SECRET = "test-client-secret";
  public static final String REFRESH_TOKEN = "test-refresh-token";
  public static final String ACCESS_TOKEN = "test-access-token";

  private final WireMockServer server;

  public SpotifyDouble() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(12)
        .jettyStopTimeout(1_000L));
    server.start();
  }

  public WireMockServer server() {
    return server;
  }

  /** {@code http://127.0.0.1:PORT/v1}. */
  public String apiBase() {
    return "http://127.0.0.1:" + server.port() + "/v1";
  }

  /** {@code http://127.0.0.1:PORT/accounts}. */
  public String accountsBase() {
    return "http://127.0.0.1:" + server.port() + "/accounts";
  }

  /** Environment of an extract run against this double (user flow), without the lake variables. */
  public Map<String, String> env(String playlistIds) {
    Map<String, String> env = new HashMap<>();
    env.put(ExtractorEnv.SPOTIFY_PLAYLIST_IDS, playlistIds);
    env.put(ExtractorEnv.SPOTIFY_API_BASE_URL, apiBase());
    env.put(ExtractorEnv.SPOTIFY_ACCOUNTS_BASE_URL, accountsBase());
    env.put(ExtractorEnv.SPOTIFY_CLIENT_ID, CLIENT_ID);
    env.put(ExtractorEnv.SPOTIFY_CLIENT_SECRET, CLIENT_SECRET);
    env.put(ExtractorEnv.SPOTIFY_REFRESH_TOKEN, REFRESH_TOKEN);
    env.put(ExtractorEnv.SPOTIFY_BACKOFF_BASE_MILLIS, "10");
    env.put(ExtractorEnv.SPOTIFY_HTTP_TIMEOUT_MILLIS, "2000");
    return env;
  }

  /** The token endpoint: any grant by {@link #CLIENT_ID}/{@link #CLIENT_SECRET} gets {@code accessToken}. */
  public void stubToken(String accessToken) {
    server.stubFor(tokenRequest().willReturn(json(200, ("{\"access_token\":\"" + accessToken
        + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"playlist-read-private\"}")
        .getBytes(StandardCharsets.UTF_8))));
  }

  /** POST /accounts/api/token with the test client's Basic credentials. */
  public MappingBuilder tokenRequest() {
    return post(urlPathEqualTo("/accounts/api/token")).withBasicAuth(CLIENT_ID, CLIENT_SECRET);
  }

  /** {@code GET /v1/playlists/{id}} answers {@code body}. */
  public void stubPlaylist(String playlistId, byte[] body) {
    server.stubFor(get(urlPathEqualTo("/v1/playlists/" + playlistId)).willReturn(json(200, body)));
  }

  /** {@code GET /v1/playlists/{id}/items?offset=...} answers {@code response}. */
  public void stubItems(String playlistId, int offset, ResponseDefinitionBuilder response) {
    server.stubFor(itemsRequest(playlistId, offset).willReturn(response));
  }

  public MappingBuilder itemsRequest(String playlistId, int offset) {
    return get(urlPathEqualTo("/v1/playlists/" + playlistId + "/items"))
        .withQueryParam("offset", equalTo(Integer.toString(offset)))
        .withQueryParam("additional_types", equalTo("track,episode"));
  }

  /**
   * One playlist of the user's list, as {@code GET /me/playlists} describes it.
   *
   * @param id playlist id
   * @param name its name
   * @param ownerId the owner's user id
   * @param collaborative collaborators may edit it
   */
  public record Listed(String id, String name, String ownerId, boolean collaborative) {
  }

  /** {@code GET /v1/me} answers the user {@code userId}. */
  public void stubUser(String userId) {
    server.stubFor(get(urlPathEqualTo("/v1/me")).willReturn(json(200, "{\"display_name\":\"Test user " + userId
        + "\",\"external_urls\":{\"spotify\":\"https://open.spotify.com/user/" + userId + "\"},\"href\":\""
        + apiBase() + "/users/" + userId + "\",\"id\":\"" + userId + "\",\"images\":[],\"type\":\"user\","
        + "\"uri\":\"spotify:user:" + userId + "\"}")));
  }

  /**
   * {@code GET /v1/me/playlists?offset=N&limit=50}: {@code playlists} in pages of 50 (the extractor's limit),
   * with {@code next} links on {@link #apiBase()}; simplified playlist objects as Spotify sends them in 2026
   * ({@code items} and the deprecated {@code tracks} reference).
   */
  public void stubUserPlaylists(List<Listed> playlists) {
    int limit = 50;
    for (int offset = 0; offset < Math.max(1, playlists.size()); offset += limit) {
      StringBuilder page = new StringBuilder("{\"href\":\"" + userPlaylistsUrl(offset, limit) + "\",\"items\":[");
      int end = Math.min(playlists.size(), offset + limit);
      for (int i = offset; i < end; i++) {
        Listed p = playlists.get(i);
        String items = "{\"href\":\"" + apiBase() + "/playlists/" + p.id() + "/items\",\"total\":" + (i % 7) + "}";
        page.append(i > offset ? "," : "").append("{\"collaborative\":").append(p.collaborative())
            .append(",\"description\":\"\",\"external_urls\":{\"spotify\":\"https://open.spotify.com/playlist/")
            .append(p.id()).append("\"},\"href\":\"").append(apiBase()).append("/playlists/").append(p.id())
            .append("\",\"id\":\"").append(p.id()).append("\",\"images\":[],\"items\":").append(items)
            .append(",\"name\":\"").append(p.name()).append("\",\"owner\":{\"display_name\":\"").append(p.ownerId())
            .append("\",\"href\":\"").append(apiBase()).append("/users/").append(p.ownerId()).append("\",\"id\":\"")
            .append(p.ownerId()).append("\",\"type\":\"user\",\"uri\":\"spotify:user:").append(p.ownerId())
            .append("\"},\"primary_color\":null,\"public\":").append(!p.collaborative())
            .append(",\"snapshot_id\":\"AAAA").append(p.id(), 0, Math.min(8, p.id().length())).append("\",\"tracks\":")
            .append(items).append(",\"type\":\"playlist\",\"uri\":\"spotify:playlist:").append(p.id()).append("\"}");
      }
      page.append("],\"limit\":").append(limit).append(",\"next\":")
          .append(end < playlists.size() ? "\"" + userPlaylistsUrl(end, limit) + "\"" : "null")
          .append(",\"offset\":").append(offset).append(",\"previous\":")
          .append(offset > 0 ? "\"" + userPlaylistsUrl(offset - limit, limit) + "\"" : "null")
          .append(",\"total\":").append(playlists.size()).append('}');
      server.stubFor(userPlaylistsRequest(offset).willReturn(json(200, page.toString())));
    }
  }

  /** {@code GET /v1/me/playlists} at {@code offset}. */
  public MappingBuilder userPlaylistsRequest(int offset) {
    return get(urlPathEqualTo("/v1/me/playlists")).withQueryParam("offset", equalTo(Integer.toString(offset)));
  }

  private String userPlaylistsUrl(int offset, int limit) {
    return apiBase() + "/me/playlists?offset=" + offset + "&limit=" + limit;
  }

  /** Every page of a generated playlist. */
  public void stub(GeneratedPlaylist playlist) {
    stubPlaylist(playlist.id(), playlist.playlistObject());
    for (int offset : playlist.offsets()) {
      stubItems(playlist.id(), offset, json(200, playlist.itemsPage(offset)));
    }
  }

  /** A JSON answer with exactly these bytes. */
  public static ResponseDefinitionBuilder json(int status, byte[] body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body);
  }

  public static ResponseDefinitionBuilder json(int status, String body) {
    return json(status, body.getBytes(StandardCharsets.UTF_8));
  }

  public WireMock client() {
    return new WireMock(server);
  }

  @Override
  public void close() {
    server.stop();
  }
}
