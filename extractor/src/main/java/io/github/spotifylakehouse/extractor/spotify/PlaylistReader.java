package io.github.spotifylakehouse.extractor.spotify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spotifylakehouse.lake.ExtractorEnv;
import io.github.spotifylakehouse.lake.PageKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a whole playlist, consistently: {@code GET /playlists/{id}} (the playlist object: name, owner,
 * flags, followers and its {@code snapshot_id}), then {@code GET /playlists/{id}/items} from offset 0,
 * following {@code next} until it is null, then {@code GET /playlists/{id}?fields=snapshot_id} again. Paging
 * is by offset, so an edit between two pages would shift or repeat entries: when the {@code snapshot_id}
 * changed, the playlist is paged again from the start, at most {@link #MAX_PASSES} times, else it fails
 * with {@link PlaylistNotStableException}.
 *
 * <p>Each page goes to the pass's {@link PageSink} as soon as it arrives, so a 10,000-entry playlist never
 * sits in memory at once. Bodies are only read, never re-serialized: entries are counted and their key
 * ({@code item} or {@code track}) noted for the manifest; the library's model classes are not used. HTTP
 * errors become messages that say what the status means for a playlist.
 */
public final class PlaylistReader {

  /** Page size of {@code /items} (its documented maximum). */
  public static final int PAGE_SIZE = 50;
  /** Passes over a playlist that keeps changing while it is paged, at most. */
  public static final int MAX_PASSES = 3;
  /** More pages than a run folder can number: a {@code next} chain this long is a loop. */
  static final int MAX_PAGES = 99_999;

  private static final Logger LOG = LoggerFactory.getLogger(PlaylistReader.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SpotifyClient client;

  public PlaylistReader(SpotifyClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** Receives the pages of one pass in fetch order: the playlist object first. */
  @FunctionalInterface
  public interface PageSink {
    void accept(Page page);
  }

  /**
   * Hands out the sink of each pass. A call for pass 2 or 3 means the pages given to the earlier pass belong
   * to a version of the playlist that is not kept.
   */
  @FunctionalInterface
  public interface Passes {
    PageSink begin(int pass);
  }

  /**
   * A playlist read from a single version.
   *
   * @param snapshotId the {@code snapshot_id} every page belongs to; empty when Spotify sent none
   * @param name the playlist's name, when sent
   * @param passes passes it took (1 when nothing changed while it was paged)
   */
  public record Snapshot(Optional<String> snapshotId, Optional<String> name, int passes) {
  }

  /**
   * Fetches every page of {@code playlistId}, from one version of it.
   *
   * @throws PlaylistNotStableException its {@code snapshot_id} changed during each of {@link #MAX_PASSES} passes
   * @throws SpotifyException the playlist cannot be read completely; the message says why
   */
  public Snapshot read(String playlistId, Passes passes) {
    List<String> changes = new ArrayList<>();
    for (int pass = 1; pass <= MAX_PASSES; pass++) {
      PageSink sink = passes.begin(pass);
      Fetched object = fetch(playlistId, PageKind.PLAYLIST, client.endpoints().playlist(playlistId));
      sink.accept(object.page());
      Optional<String> before = text(object.root(), "snapshot_id");
      Optional<String> name = text(object.root(), "name");
      readItems(playlistId, sink);
      Optional<String> after = currentSnapshotId(playlistId);
      if (before.equals(after)) {
        return new Snapshot(before, name, pass);
      }
      if (before.isEmpty() || after.isEmpty()) {
        LOG.warn("Playlist {}: cannot tell whether it changed while it was paged (snapshot_id before: {}, after: {})",
            playlistId, before.orElse("none"), after.orElse("none"));
        return new Snapshot(before.or(() -> after), name, pass);
      }
      changes.add(before.get() + " -> " + after.get());
      if (pass < MAX_PASSES) {
        LOG.warn("Playlist {} changed while it was paged (snapshot_id {} -> {}): paging it again, pass {}/{}",
            playlistId, before.get(), after.get(), pass + 1, MAX_PASSES);
      }
    }
    throw new PlaylistNotStableException("Playlist " + playlistId + " did not hold still: its snapshot_id changed "
        + "while it was paged, on all " + MAX_PASSES + " passes (" + String.join(", ", changes) + "). Someone is "
        + "editing it; it is read again on the next run");
  }

  /**
   * The playlist's current {@code snapshot_id}, from {@code GET /playlists/{id}?fields=snapshot_id}; empty when
   * the answer has none.
   */
  public Optional<String> currentSnapshotId(String playlistId) {
    URI url = client.endpoints().playlistSnapshot(playlistId);
    return text(parse(playlistId, url, get(playlistId, url).body()), "snapshot_id");
  }

  private void readItems(String playlistId, PageSink sink) {
    URI url = client.endpoints().playlistItems(playlistId, 0, PAGE_SIZE);
    Set<URI> seen = new HashSet<>();
    for (int pages = 1; ; pages++) {
      if (!seen.add(url) || pages >= MAX_PAGES) {
        throw new SpotifyException("Pagination of playlist " + playlistId + " does not end: next link " + url
            + " was already fetched or more than " + MAX_PAGES + " pages were listed");
      }
      Page page = fetch(playlistId, PageKind.ITEMS, url).page();
      sink.accept(page);
      if (page.next().isEmpty()) {
        return;
      }
      url = page.next().get();
    }
  }

  private record Fetched(Page page, JsonNode root) {
  }

  private Fetched fetch(String playlistId, PageKind kind, URI url) {
    SpotifyClient.Response response = get(playlistId, url);
    JsonNode root = parse(playlistId, url, response.body());
    byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
    if (kind == PageKind.PLAYLIST) {
      JsonNode embedded = root.path("items").isObject() ? root.get("items") : root.path("tracks");
      JsonNode entries = embedded.path("items");
      return new Fetched(new Page(kind, url, body, entries.isArray() ? entries.size() : 0, Optional.empty(), false,
          false, response.millis()), root);
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
    return new Fetched(new Page(kind, url, body, items.size(), next(playlistId, url, root.get("next")), sawItem,
        sawTrack, response.millis()), root);
  }

  private SpotifyClient.Response get(String playlistId, URI url) {
    try {
      return client.get(url);
    } catch (SpotifyHttpException e) {
      throw explain(playlistId, e);
    }
  }

  private JsonNode parse(String playlistId, URI url, String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw malformed(playlistId, url, "not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      throw malformed(playlistId, url, "expected a JSON object");
    }
    return root;
  }

  private static Optional<String> text(JsonNode root, String field) {
    JsonNode value = root.get(field);
    return value != null && value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText())
        : Optional.empty();
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
