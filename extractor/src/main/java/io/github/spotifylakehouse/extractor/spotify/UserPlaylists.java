package io.github.spotifylakehouse.extractor.spotify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spotifylakehouse.lake.ExtractorEnv;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the playlists the extractor can read for the authorized user: {@code GET /me}, then every page of
 * {@code GET /me/playlists} (50 a page, following {@code next}). Since February 2026 a development-mode app
 * reads the items of a playlist only when the user owns it or collaborates on it, so those are selected;
 * playlists the user merely follows would answer 403 and are skipped (counted, and named at debug level).
 */
public final class UserPlaylists {

  /** Page size of {@code /me/playlists} (its documented maximum). */
  public static final int PAGE_SIZE = 50;
  /** Spotify stops {@code /me/playlists} at offset 100,000: more pages than that is a loop. */
  static final int MAX_PAGES = 100_000 / PAGE_SIZE + 1;
  /** The scope {@code /me/playlists} needs (and {@code authorize} asks for, with the collaborative one). */
  public static final String SCOPE = "playlist-read-private";

  private static final Logger LOG = LoggerFactory.getLogger(UserPlaylists.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SpotifyClient client;

  public UserPlaylists(SpotifyClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * One playlist of the user's list.
   *
   * @param id playlist id
   * @param name its name ({@code ""} when Spotify sent none)
   * @param ownerId the owner's user id ({@code ""} when Spotify sent none)
   * @param collaborative collaborators may edit it
   */
  public record Listed(String id, String name, String ownerId, boolean collaborative) {
  }

  /**
   * What {@link #discover()} found.
   *
   * @param userId the authorized user
   * @param listed playlists in the user's list
   * @param selected owned by the user or collaborative, in list order, without duplicates
   * @param skipped followed playlists of other users (their items would answer 403)
   */
  public record Discovery(String userId, int listed, List<Listed> selected, List<Listed> skipped) {
    public Discovery {
      Objects.requireNonNull(userId, "userId");
      selected = List.copyOf(selected);
      skipped = List.copyOf(skipped);
    }
  }

  /**
   * Lists the user's playlists and selects those it owns or that are collaborative.
   *
   * @throws SpotifyException the list cannot be read; the message says why (a missing scope names it)
   */
  public Discovery discover() {
    URI meUrl = client.endpoints().currentUser();
    JsonNode me = parse(meUrl, get(meUrl));
    String userId = text(me, "id")
        .orElseThrow(() -> malformed(meUrl, "no \"id\" of the current user"));

    Map<String, Listed> selected = new LinkedHashMap<>();
    List<Listed> skipped = new ArrayList<>();
    Set<URI> seen = new HashSet<>();
    int listed = 0;
    URI url = client.endpoints().currentUserPlaylists(0, PAGE_SIZE);
    for (int pages = 1; url != null; pages++) {
      if (!seen.add(url) || pages > MAX_PAGES) {
        throw new SpotifyException("The list of the user's playlists does not end: next link " + url
            + " was already fetched or more than " + MAX_PAGES + " pages were listed");
      }
      JsonNode page = parse(url, get(url));
      JsonNode items = page.get("items");
      if (items == null || !items.isArray()) {
        throw malformed(url, "expected a paging object with an \"items\" array");
      }
      for (JsonNode item : items) {
        listed++;
        Optional<String> id = text(item, "id");
        if (id.isEmpty()) {
          // Spotify lists a playlist it can no longer serve as null
          LOG.debug("Skipping entry {} of {}: no playlist id", listed, url);
          continue;
        }
        Listed playlist = new Listed(id.get(), text(item, "name").orElse(""),
            text(item.path("owner"), "id").orElse(""), item.path("collaborative").asBoolean(false));
        if (playlist.ownerId().equals(userId) || playlist.collaborative()) {
          selected.putIfAbsent(playlist.id(), playlist);
        } else {
          skipped.add(playlist);
          LOG.debug("Skipping playlist {} ({}) of user {}: followed, neither owned nor collaborative (its items "
              + "would answer 403)", playlist.id(), playlist.name(), playlist.ownerId());
        }
      }
      url = next(url, page.get("next"));
    }
    return new Discovery(userId, listed, new ArrayList<>(selected.values()), skipped);
  }

  private String get(URI url) {
    try {
      return client.get(url).body();
    } catch (SpotifyHttpException e) {
      throw explain(url, e);
    }
  }

  private JsonNode parse(URI url, String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw malformed(url, "not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      throw malformed(url, "expected a JSON object");
    }
    return root;
  }

  private URI next(URI url, JsonNode next) {
    if (next == null || next.isNull()) {
      return null;
    }
    if (!next.isTextual()) {
      throw malformed(url, "\"next\" is neither a URL nor null");
    }
    URI link;
    try {
      link = client.endpoints().rewrite(new URI(next.asText()));
    } catch (URISyntaxException e) {
      throw malformed(url, "\"next\" is not a URL: " + next.asText());
    }
    if (!client.endpoints().isUnderApiBase(link)) {
      // the bearer token goes with the request: only to the configured API
      throw new SpotifyException("Refusing to follow the next link " + link + " of the user's playlists (from "
          + url + "): it is not under " + ExtractorEnv.SPOTIFY_API_BASE_URL + " " + client.endpoints().apiBase());
    }
    return link;
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText())
        : Optional.empty();
  }

  private static SpotifyException malformed(URI url, String problem) {
    return new SpotifyException("Malformed response while listing the user's playlists, from GET " + url + ": "
        + problem);
  }

  private SpotifyException explain(URI url, SpotifyHttpException e) {
    String base = "Cannot list the authorized user's playlists: " + e.getMessage() + ". ";
    String reauthorize = "run `authorize` again (it asks for " + SCOPE + " and playlist-read-collaborative) and "
        + "store the new refresh token in " + ExtractorEnv.SPOTIFY_REFRESH_TOKEN + " or the secret's refresh_token; "
        + "or list playlist ids in " + ExtractorEnv.SPOTIFY_PLAYLIST_IDS;
    boolean onList = url.getPath().endsWith("/playlists");
    return switch (e.status()) {
      case 401 -> new SpotifyException(base + "The access token was refused even after renewing it: it must be a "
          + "user token (" + ExtractorEnv.SPOTIFY_REFRESH_TOKEN + ")", e);
      case 403 -> new SpotifyException(base + (onList
          ? "The refresh token was granted without the " + SCOPE + " scope: " + reauthorize
          : "Spotify refused to name the user: in development mode the user must be added to the app's users in "
              + "the Spotify developer dashboard, and the token must be a user token; " + reauthorize), e);
      default -> new SpotifyException(base + "Spotify refused the request", e);
    };
  }
}
