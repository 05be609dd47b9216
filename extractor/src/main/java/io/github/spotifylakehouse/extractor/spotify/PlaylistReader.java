package io.github.spotifylakehouse.extractor.spotify;

import io.github.spotifylakehouse.lake.PageKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spotifylakehouse.lake.ExtractorEnv;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a whole playlist: {@code GET /playlists/{id}}, then {@code GET /playlists/{id}/items} from offset 0,
 * following {@code next} until it is null. Each page goes to a {@link PageSink} as soon as it arrives, so
 * a 10,000-entry playlist never sits in memory at once.
 *
 * <p>Bodies are only read, never re-serialized: entries are counted and their key ({@code item} or
 * {@code track}) noted for the manifest; the library's model classes are not used. HTTP errors become
 * messages that say what the status means for a playlist.
 */
public final class PlaylistReader {

  /** Page size of {@code /items} (its documented maximum). */
  public static final int PAGE_SIZE = 50;
  /** More pages than a run folder can number: a {@code next} chain this long is a loop. */
  static final int MAX_PAGES = 99_999;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SpotifyClient client;

  public PlaylistReader(SpotifyClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** Receives the pages of a playlist in fetch order: the playlist object first. */
  @FunctionalInterface
  public interface PageSink {
    void accept(Page page);
  }

  /**
   * Fetches every page of {@code playlistId} into {@code sink}.
   *
   * @throws SpotifyException the playlist cannot be read completely; the message says why
   */
  public void read(String playlistId, PageSink sink) {
    sink.accept(fetch(playlistId, PageKind.PLAYLIST, client.endpoints().playlist(playlistId)));
    URI url = client.endpoints().playlistItems(playlistId, 0, PAGE_SIZE);
    Set<URI> seen = new HashSet<>();
    for (int pages = 1; ; pages++) {
      if (!seen.add(url) || pages >= MAX_PAGES) {
        throw new SpotifyException("Pagination of playlist " + playlistId + " does not end: next link " + url
            + " was already fetched or more than " + MAX_PAGES + " pages were listed");
      }
      Page page = fetch(playlistId, PageKind.ITEMS, url);
      sink.accept(page);
      if (page.next().isEmpty()) {
        return;
      }
      url = page.next().get();
    }
  }

  private Page fetch(String playlistId, PageKind kind, URI url) {
    SpotifyClient.Response response;
    try {
      response = client.get(url);
    } catch (SpotifyHttpException e) {
      throw explain(playlistId, e);
    }
    JsonNode root;
    try {
      root = JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw malformed(playlistId, url, "not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      throw malformed(playlistId, url, "expected a JSON object");
    }
    byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
    if (kind == PageKind.PLAYLIST) {
      JsonNode embedded = root.path("items").isObject() ? root.get("items") : root.path("tracks");
      JsonNode entries = embedded.path("items");
      return new Page(kind, url, body, entries.isArray() ? entries.size() : 0, Optional.empty(), false, false,
          response.millis());
    }
    JsonNode items = root.get("items");
    if (items == null || !items.isArray()) {
      throw malformed(playlistId, url, "expected a paging object with an \"items\" array");
    }
    boolean sawItem = false;
    boolean sawTrack = false;
    for (JsonNode entry : items) {
      sawItem |= entry.has("item");
      sawTrack |= entry.has("track");
    }
    return new Page(kind, url, body, items.size(), next(playlistId, url, root.get("next")), sawItem, sawTrack,
        response.millis());
  }

  private Optional<URI> next(String playlistId, URI url, JsonNode next) {
    if (next == null || next.isNull()) {
      return Optional.empty();
    }
    if (!next.isTextual()) {
      throw malformed(playlistId, url, "\"next\" is neither a URL nor null");
    }
    URI link;
    try {
      link = client.endpoints().rewrite(new URI(next.asText()));
    } catch (URISyntaxException e) {
      throw malformed(playlistId, url, "\"next\" is not a URL: " + next.asText());
    }
    if (!client.endpoints().isUnderApiBase(link)) {
      // the bearer token goes with the request: only to the configured API
      throw new SpotifyException("Refusing to follow the next link " + link + " of playlist " + playlistId
          + " (from " + url + "): it is not under " + ExtractorEnv.SPOTIFY_API_BASE_URL + " "
          + client.endpoints().apiBase());
    }
    return Optional.of(link);
  }

  private SpotifyException malformed(String playlistId, URI url, String problem) {
    return new SpotifyException("Malformed response for playlist " + playlistId + " from GET " + url + ": "
        + problem);
  }

  private SpotifyException explain(String playlistId, SpotifyHttpException e) {
    String base = "Cannot read playlist " + playlistId + ": " + e.getMessage() + ". ";
    return switch (e.status()) {
      case 401 -> new SpotifyException(base + "The access token was refused even after renewing it; check "
          + "that the app may use the Web API", e);
      case 403 -> new SpotifyException(base + "Since February 2026 Spotify returns playlist items only to a "
          + "user who owns or collaborates on the playlist: the authorized user must own or collaborate on it"
          + (client.tokens().userFlow() ? ""
              : ", and a user token is needed (run `authorize` and set " + ExtractorEnv.SPOTIFY_REFRESH_TOKEN + ")"), e);
      case 404 -> new SpotifyException(base + "The playlist does not exist, or it is a Spotify-owned "
          + "(editorial or algorithmic) playlist that new apps cannot read since November 2024", e);
      default -> new SpotifyException(base + "Spotify refused the request", e);
    };
  }
}
