package io.github.spotifylakehouse.extractor.config;

import io.github.spotifylakehouse.lake.ExtractorEnv;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Base URLs of the Spotify Web API and accounts service, and the rewrite of Spotify's own URLs onto them.
 *
 * <p>spotify-web-api-java builds token and authorize URLs on {@code https://accounts.spotify.com:443}
 * whatever its builder is told, and recorded responses carry {@code next} links on
 * {@code https://api.spotify.com/v1}: {@link #rewrite} maps both onto the configured bases, so a local
 * double receives every request.
 *
 * @param apiBase e.g. {@code https://api.spotify.com/v1} (no trailing slash)
 * @param accountsBase e.g. {@code https://accounts.spotify.com} (no trailing slash)
 */
public record SpotifyEndpoints(URI apiBase, URI accountsBase) {

  private static final URI SPOTIFY_API = URI.create(ExtractorConfig.DEFAULT_API_BASE_URL);
  private static final URI SPOTIFY_ACCOUNTS = URI.create(ExtractorConfig.DEFAULT_ACCOUNTS_BASE_URL);

  /** The real Spotify services. */
  public static final SpotifyEndpoints SPOTIFY = new SpotifyEndpoints(SPOTIFY_API, SPOTIFY_ACCOUNTS);

  public SpotifyEndpoints {
    Objects.requireNonNull(apiBase, "apiBase");
    Objects.requireNonNull(accountsBase, "accountsBase");
  }

  /** From {@link ExtractorEnv#SPOTIFY_API_BASE_URL} and {@link ExtractorEnv#SPOTIFY_ACCOUNTS_BASE_URL}, defaulting to Spotify. */
  public static SpotifyEndpoints from(Map<String, String> env) {
    URI api = ExtractorConfig.httpUrl(ExtractorEnv.SPOTIFY_API_BASE_URL,
        ExtractorConfig.optional(env, ExtractorEnv.SPOTIFY_API_BASE_URL).orElse(ExtractorConfig.DEFAULT_API_BASE_URL));
    URI accounts = ExtractorConfig.httpUrl(ExtractorEnv.SPOTIFY_ACCOUNTS_BASE_URL,
        ExtractorConfig.optional(env, ExtractorEnv.SPOTIFY_ACCOUNTS_BASE_URL)
            .orElse(ExtractorConfig.DEFAULT_ACCOUNTS_BASE_URL));
    return new SpotifyEndpoints(api, accounts);
  }

  /** {@code GET /playlists/{id}} (with episodes, so the embedded first page matches the items pages). */
  public URI playlist(String playlistId) {
    return URI.create(apiBase + "/playlists/" + playlistId + "?additional_types=track,episode");
  }

  /** {@code GET /playlists/{id}?fields=snapshot_id}: the playlist's current version, and nothing else. */
  public URI playlistSnapshot(String playlistId) {
    return URI.create(apiBase + "/playlists/" + playlistId + "?fields=snapshot_id");
  }

  /** {@code GET /me}: the authorized user. */
  public URI currentUser() {
    return URI.create(apiBase + "/me");
  }

  /** {@code GET /me/playlists}: the playlists the authorized user owns or follows, a page of them. */
  public URI currentUserPlaylists(int offset, int limit) {
    return URI.create(apiBase + "/me/playlists?offset=" + offset + "&limit=" + limit);
  }

  /** {@code GET /playlists/{id}/items} at {@code offset}. */
  public URI playlistItems(String playlistId, int offset, int limit) {
    return URI.create(apiBase + "/playlists/" + playlistId + "/items?offset=" + offset + "&limit=" + limit
        + "&additional_types=track,episode");
  }

  /** The token endpoint. */
  public URI token() {
    return URI.create(accountsBase + "/api/token");
  }

  /**
   * Maps a URL on Spotify's real API or accounts host onto the configured base; any other URL is
   * returned unchanged.
   */
  public URI rewrite(URI uri) {
    if (isUnder(uri, SPOTIFY_API)) {
      return URI.create(apiBase + rest(uri, SPOTIFY_API));
    }
    if (isUnder(uri, SPOTIFY_ACCOUNTS)) {
      return URI.create(accountsBase + rest(uri, SPOTIFY_ACCOUNTS));
    }
    return uri;
  }

  /** True when {@code uri} lies under the configured API base (same scheme, host, port and path prefix). */
  public boolean isUnderApiBase(URI uri) {
    return isUnder(uri, apiBase);
  }

  private static boolean isUnder(URI uri, URI base) {
    if (uri.getScheme() == null || uri.getHost() == null
        || !uri.getScheme().equalsIgnoreCase(base.getScheme())
        || !uri.getHost().equalsIgnoreCase(base.getHost())
        || port(uri) != port(base)) {
      return false;
    }
    String basePath = base.getRawPath() == null ? "" : base.getRawPath();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return path.equals(basePath) || path.startsWith(basePath + "/") || basePath.isEmpty();
  }

  private static String rest(URI uri, URI base) {
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String basePath = base.getRawPath() == null ? "" : base.getRawPath();
    String rest = path.substring(basePath.length());
    return uri.getRawQuery() == null ? rest : rest + "?" + uri.getRawQuery();
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return uri.getScheme().toLowerCase(Locale.ROOT).equals("https") ? 443 : 80;
  }

  @Override
  public String toString() {
    return "SpotifyEndpoints[api=" + apiBase + ", accounts=" + accountsBase + "]";
  }
}
