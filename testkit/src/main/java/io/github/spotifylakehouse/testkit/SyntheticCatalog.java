package io.github.spotifylakehouse.testkit;

import io.github.spotifylakehouse.lake.ApiShape;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A deterministic, realistic stand-in for the Spotify Web API's playlist responses. The benchmark
 * generator writes its output as raw files; the workflow's local Spotify API emulator serves it over HTTP.
 *
 * <p>Everything derives from the seed and the arguments, with no state: the same seed and the same
 * arguments give identical bytes, in any order of calls and on any thread. Only popularity depends on
 * {@code day} (it drifts a little from day to day), so daily snapshots differ as real ones do.
 *
 * <p>What it models, from real recorded responses:
 * <ul>
 *   <li>A shared catalogue (tracks, albums, artists): playlists draw from it with a skew towards popular
 *       tracks, so the same track appears in many playlists and sometimes twice in one.</li>
 *   <li>Each playlist speaks one API shape ({@link #shapeOf}): {@link ApiShape#TRACK} (before Feb 2026:
 *       {@code tracks} / {@code track}, with {@code popularity} and {@code available_markets}),
 *       {@link ApiShape#ITEM} (2026: {@code items} / {@code item}, neither of those fields) or
 *       {@link ApiShape#BOTH} (the March 2026 transition: both keys, identical, with popularity).</li>
 *   <li>Tracks with one to three credited artists, albums with their own artists (compilations by
 *       "Various Artists"), release dates of {@code day}, {@code month} and {@code year} precision.</li>
 *   <li>About 1.5% awkward entries: {@code track} null or absent, local files ({@code is_local}, null
 *       ids), podcast episodes; about 1% of entries with null {@code added_at}/{@code added_by}.</li>
 *   <li>Names with commas, double quotes, apostrophes, non-Latin scripts and emoji.</li>
 * </ul>
 *
 * <p>Bodies are indented by two spaces like the API's. Pages hold at most {@link #MAX_PAGE_LIMIT}
 * entries; the playlist object embeds the first {@link #EMBEDDED_PAGE_LIMIT}, and every {@code next}
 * link asks for pages of that size.
 */
public final class SyntheticCatalog {

  /** Tracks in the catalogue unless given. */
  public static final int DEFAULT_CATALOG_TRACKS = 40_000;
  /** Entries embedded in a playlist object, and the page size of its {@code next} links. */
  public static final int EMBEDDED_PAGE_LIMIT = 100;
  /** Largest {@code limit} {@link #itemsPage} accepts. */
  public static final int MAX_PAGE_LIMIT = 100;


  private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String OPEN = "https://open.spotify.com/";
  private static final long ADDED_ANCHOR = Instant.parse("2025-06-01T00:00:00Z").getEpochSecond();
  private static final long ADDED_SPAN_SECONDS = 5L * 365 * 24 * 3600;
  private static final int TRACKS_PER_ALBUM_SLOT = 8;
  private static final String VARIOUS_ARTISTS_ID = "0LyfQWJT6nXafLPZqxe9Of";

  private static final String[] WORDS = {
      "Midnight", "City", "Dreams", "Fire", "Ocean", "Echo", "Light", "Shadow", "River", "Golden",
      "Heart", "Summer", "Rain", "Stars", "Wild", "Velvet", "Neon", "Silver", "Storm", "Paradise",
      "Lonely", "Electric", "Blue", "Moon", "Dance", "Forever", "Ghost", "Sugar", "Highway", "Garden",
      "Crystal", "Thunder", "Honey", "Paper", "Glass", "Winter", "Bloom", "Gravity", "Signal", "Horizon"};
  private static final String[] NON_LATIN = {
      "夜に駆ける", "Кино", "Ліхтарі", "أغنية الليل", "Sigur Rós", "Björk", "東京フラッシュ", "사랑은 늘 도망가",
      "Ελληνικό καλοκαίρι", "שיר אהבה", "Café Tacvba", "Mañana será bonito", "Zoé", "हवा", "Ça va",
      "Dziękuję", "Ünlü", "ﾃｽﾄ", "🔥 Fire Emoji 🔥", "Ngọc Trinh"};
  private static final String[] USERS = {
      "spotify", "1112264649", "chadandcaren", "spotify_españa", "lakehouse_curator", "dj-mika",
      "user_0042", "jürgen.k", "maria_lópez", "musiclover99", "k-pop-fan", "31ab2cdefghijk4lmnop"};
  private static final String[] MARKETS = {
      "AD", "AE", "AR", "AT", "AU", "BE", "BG", "BH", "BO", "BR", "CA", "CH", "CL", "CO", "CR", "CY",
      "CZ", "DE", "DK", "DO", "DZ", "EC", "EE", "EG", "ES", "FI", "FR", "GB", "GR", "GT", "HK", "HN",
      "HU", "ID", "IE", "IL", "IN", "IS", "IT", "JO", "JP", "KW", "LB", "LI", "LT", "LU", "LV", "MA",
      "MC", "MT", "MX", "MY", "NI", "NL", "NO", "NZ", "OM", "PA", "PE", "PH", "PL", "PS", "PT", "PY",
      "QA", "RO", "SA", "SE", "SG", "SK", "SV", "TH", "TN", "TR", "TW", "US", "UY", "VN", "ZA", "KR"};

  // salts keep the derived values of one index independent of each other
  private static final long S_PLAYLIST = 0x1001;
  private static final long S_SHAPE = 0x1002;
  private static final long S_ENTRY = 0x1003;
  private static final long S_PICK = 0x1004;
  private static final long S_ADDED = 0x1005;
  private static final long S_USER = 0x1006;
  private static final long S_TRACK = 0x2001;
  private static final long S_TRACK_NAME = 0x2002;
  private static final long S_TRACK_ATTR = 0x2003;
  private static final long S_FEATURES = 0x2004;
  private static final long S_POPULARITY = 0x2005;
  private static final long S_ALBUM = 0x3001;
  private static final long S_ALBUM_NAME = 0x3002;
  private static final long S_ALBUM_ATTR = 0x3003;
  private static final long S_ARTIST = 0x4001;
  private static final long S_ARTIST_NAME = 0x4002;
  private static final long S_EPISODE = 0x5001;
  private static final long S_PLAYLIST_NAME = 0x6001;

  private final long seed;
  private final int trackCount;
  private final int albumCount;
  private final int artistCount;

  /** A catalogue of {@link #DEFAULT_CATALOG_TRACKS} tracks. */
  public SyntheticCatalog(long seed) {
    this(seed, DEFAULT_CATALOG_TRACKS);
  }

  /** A catalogue of {@code catalogTracks} tracks (at least 8), about a sixth as many artists. */
  public SyntheticCatalog(long seed, int catalogTracks) {
    if (catalogTracks < TRACKS_PER_ALBUM_SLOT) {
      throw new IllegalArgumentException("catalogTracks must be at least " + TRACKS_PER_ALBUM_SLOT
          + ", got " + catalogTracks);
    }
    this.seed = seed;
    this.trackCount = catalogTracks;
    this.albumCount = (catalogTracks + TRACKS_PER_ALBUM_SLOT - 1) / TRACKS_PER_ALBUM_SLOT;
    this.artistCount = Math.max(2, catalogTracks / 6);
  }

  /** {@code count} distinct, valid 22-character base-62 playlist ids, the same for the same seed. */
  public List<String> playlistIds(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(base62Id(hash(S_PLAYLIST, i)));
    }
    return ids;
  }

  /** The API shape every response about {@code playlistId} uses. */
  public ApiShape shapeOf(String playlistId) {
    // the transition shape was recorded for a few weeks only: rarer than the other two
    int roll = (int) Long.remainderUnsigned(hash(S_SHAPE, idHash(playlistId)), 100);
    return roll < 40 ? ApiShape.TRACK : roll < 85 ? ApiShape.ITEM : ApiShape.BOTH;
  }

  /**
   * The body of {@code GET /playlists/{id}}: playlist metadata with the first page of entries embedded
   * (under {@code tracks}, {@code items} or both, per {@link #shapeOf}).
   *
   * @param totalEntries entries in the playlist (0 or more)
   * @param apiBaseUrl base of {@code href}/{@code next} links, e.g. {@code https://api.spotify.com/v1}
   *     or {@code http://127.0.0.1:PORT/v1} (a trailing slash is ignored)
   * @param day the day of the request; only popularity depends on it
   */
  public String playlistObject(String playlistId, int totalEntries, String apiBaseUrl, LocalDate day) {
    return playlistObject(playlistId, totalEntries, apiBaseUrl, day, ownershipOf(playlistId));
  }

  /**
   * Who owns a playlist and whether others may edit it.
   *
   * @param ownerId the owner's user id
   * @param collaborative collaborators may edit it (then it is not public, as Spotify requires)
   */
  public record Ownership(String ownerId, boolean collaborative) {
    public Ownership {
      Objects.requireNonNull(ownerId, "ownerId");
    }
  }

  /** The owner {@link #playlistObject(String, int, String, LocalDate)} gives a playlist: a made-up user, not collaborative. */
  public Ownership ownershipOf(String playlistId) {
    return new Ownership(USERS[(int) Long.remainderUnsigned(hash(S_USER, idHash(playlistId)), USERS.length)], false);
  }

  /** The playlist's name, as its playlist object writes it. */
  public String playlistName(String playlistId) {
    return title(hash(S_PLAYLIST_NAME, idHash(playlistId)));
  }

  /**
   * The playlist's {@code snapshot_id} (its version) with {@code totalEntries} entries: another number of
   * entries, another version.
   */
  public String snapshotId(String playlistId, int totalEntries) {
    return base62Id(hash(S_PLAYLIST_NAME, idHash(playlistId), totalEntries)) + "AAAA";
  }

  /** As {@link #playlistObject(String, int, String, LocalDate)}, owned as {@code ownership} says. */
  public String playlistObject(String playlistId, int totalEntries, String apiBaseUrl, LocalDate day,
                               Ownership ownership) {
    checkPlaylist(playlistId, totalEntries, day);
    Objects.requireNonNull(ownership, "ownership");
    String base = base(apiBaseUrl);
    ApiShape shape = shapeOf(playlistId);
    long ph = idHash(playlistId);
    String owner = ownership.ownerId();
    PrettyJson json = new PrettyJson(4096 + Math.min(totalEntries, EMBEDDED_PAGE_LIMIT) * 5000);
    json.beginObject();
    json.field("collaborative", ownership.collaborative());
    json.field("description", "Synthetic playlist " + playlistId + ", made for spotify-lakehouse");
    json.name("external_urls").beginObject().field("spotify", OPEN + "playlist/" + playlistId).endObject();
    json.name("followers").beginObject().nullField("href")
        .field("total", Long.remainderUnsigned(hash(S_PLAYLIST_NAME, ph, 7), 250_000)).endObject();
    json.field("href", base + "/playlists/" + playlistId);
    json.field("id", playlistId);
    json.name("images").beginArray();
    image(json, hash(S_PLAYLIST_NAME, ph, 1), 640);
    json.endArray();
    json.field("name", playlistName(playlistId));
    json.name("owner").beginObject();
    json.field("display_name", owner);
    user(json, owner, base);
    json.endObject();
    if (shape != ApiShape.TRACK) {
      json.nullField("primary_color");
    }
    json.field("public", !ownership.collaborative());
    json.field("snapshot_id", snapshotId(playlistId, totalEntries));
    int limit = EMBEDDED_PAGE_LIMIT;
    if (shape == ApiShape.TRACK || shape == ApiShape.BOTH) {
      json.name("tracks");
      page(json, playlistId, ph, shape, "tracks", totalEntries, 0, limit, base, day);
    }
    if (shape == ApiShape.ITEM || shape == ApiShape.BOTH) {
      json.name("items");
      page(json, playlistId, ph, shape, "items", totalEntries, 0, limit, base, day);
    }
    json.field("type", "playlist");
    json.field("uri", "spotify:playlist:" + playlistId);
    json.endObject();
    return json.toString();
  }

  /** The body of {@code GET /me}: the user {@code userId}. */
  public String currentUser(String userId, String apiBaseUrl) {
    PrettyJson json = new PrettyJson(512);
    json.beginObject();
    json.field("display_name", userId);
    user(json, userId, base(apiBaseUrl));
    json.name("images").beginArray().endArray();
    json.endObject();
    return json.toString();
  }

  /**
   * One playlist in a user's list.
   *
   * @param id playlist id
   * @param totalEntries its entries now
   * @param ownership who owns it
   */
  public record ListedPlaylist(String id, int totalEntries, Ownership ownership) {
    public ListedPlaylist {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(ownership, "ownership");
    }
  }

  /**
   * The body of {@code GET /me/playlists?offset=&limit=}: simplified playlist objects of
   * {@code playlists[offset .. offset + limit - 1]}, each with its entry count under {@code items} and/or
   * {@code tracks} (per {@link #shapeOf}), with {@code next}/{@code previous} links.
   */
  public String userPlaylistsPage(List<ListedPlaylist> playlists, int offset, int limit, String apiBaseUrl) {
    if (offset < 0 || limit < 1) {
      throw new IllegalArgumentException("offset must be >= 0 and limit >= 1, got " + offset + ", " + limit);
    }
    String base = base(apiBaseUrl);
    String pageUrl = base + "/me/playlists";
    PrettyJson json = new PrettyJson(1024 + limit * 1200);
    json.beginObject();
    json.field("href", pageUrl + "?offset=" + offset + "&limit=" + limit);
    json.name("items").beginArray();
    int end = (int) Math.min((long) offset + limit, playlists.size());
    for (int i = offset; i < end; i++) {
      ListedPlaylist playlist = playlists.get(i);
      String id = playlist.id();
      ApiShape shape = shapeOf(id);
      long ph = idHash(id);
      json.beginObject();
      json.field("collaborative", playlist.ownership().collaborative());
      json.field("description", "Synthetic playlist " + id + ", made for spotify-lakehouse");
      json.name("external_urls").beginObject().field("spotify", OPEN + "playlist/" + id).endObject();
      json.field("href", base + "/playlists/" + id);
      json.field("id", id);
      json.name("images").beginArray();
      image(json, hash(S_PLAYLIST_NAME, ph, 1), 640);
      json.endArray();
      if (shape != ApiShape.TRACK) {
        json.name("items").beginObject().field("href", base + "/playlists/" + id + "/items")
            .field("total", playlist.totalEntries()).endObject();
      }
      json.field("name", playlistName(id));
      json.name("owner").beginObject();
      json.field("display_name", playlist.ownership().ownerId());
      user(json, playlist.ownership().ownerId(), base);
      json.endObject();
      json.field("public", !playlist.ownership().collaborative());
      json.field("snapshot_id", snapshotId(id, playlist.totalEntries()));
      if (shape != ApiShape.ITEM) {
        json.name("tracks").beginObject().field("href", base + "/playlists/" + id + "/tracks")
            .field("total", playlist.totalEntries()).endObject();
      }
      json.field("type", "playlist");
      json.field("uri", "spotify:playlist:" + id);
      json.endObject();
    }
    json.endArray();
    json.field("limit", limit);
    if (end < playlists.size()) {
      json.field("next", pageUrl + "?offset=" + end + "&limit=" + limit);
    } else {
      json.nullField("next");
    }
    json.field("offset", offset);
    if (offset > 0) {
      json.field("previous", pageUrl + "?offset=" + Math.max(0, offset - limit) + "&limit=" + limit);
    } else {
      json.nullField("previous");
    }
    json.field("total", playlists.size());
    json.endObject();
    return json.toString();
  }

  /**
   * The body of {@code GET /playlists/{id}/items?offset=&limit=} (or {@code /tracks} for playlists of
   * shape {@link ApiShape#TRACK}): a paging object of the entries at positions
   * {@code offset .. min(offset + limit, totalEntries) - 1}, with {@code next}/{@code previous} links.
   *
   * @param limit 1 to {@link #MAX_PAGE_LIMIT}
   */
  public String itemsPage(String playlistId, int totalEntries, int offset, int limit, String apiBaseUrl,
                          LocalDate day) {
    checkPlaylist(playlistId, totalEntries, day);
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, got " + offset);
    }
    if (limit < 1 || limit > MAX_PAGE_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE_LIMIT + ", got " + limit);
    }
    ApiShape shape = shapeOf(playlistId);
    String endpoint = shape == ApiShape.TRACK ? "tracks" : "items";
    PrettyJson json = new PrettyJson(1024 + Math.min(limit, Math.max(0, totalEntries - offset)) * 5000);
    page(json, playlistId, idHash(playlistId), shape, endpoint, totalEntries, offset, limit, base(apiBaseUrl),
        day);
    return json.toString();
  }

  private void page(PrettyJson json, String playlistId, long ph, ApiShape shape, String endpoint, int total,
                    int offset, int limit, String base, LocalDate day) {
    String pageUrl = base + "/playlists/" + playlistId + "/" + endpoint;
    json.beginObject();
    json.field("href", pageUrl + "?offset=" + offset + "&limit=" + limit);
    json.name("items").beginArray();
    int end = (int) Math.min((long) offset + limit, total);
    for (int position = offset; position < end; position++) {
      entry(json, ph, position, shape, base, day);
    }
    json.endArray();
    json.field("limit", limit);
    if ((long) offset + limit < total) {
      json.field("next", pageUrl + "?offset=" + (offset + limit) + "&limit=" + limit);
    } else {
      json.nullField("next");
    }
    json.field("offset", offset);
    if (offset > 0) {
      json.field("previous", pageUrl + "?offset=" + Math.max(0, offset - limit) + "&limit=" + limit);
    } else {
      json.nullField("previous");
    }
    json.field("total", total);
    json.endObject();
  }

  private void entry(PrettyJson json, long ph, int position, ApiShape shape, String base, LocalDate day) {
    long eh = hash(S_ENTRY, ph, position);
    int kind = (int) Long.remainderUnsigned(eh, 1000);
    json.beginObject();
    long added = hash(S_ADDED, ph, position);
    if (Long.remainderUnsigned(added >>> 20, 100) == 0) {
      json.nullField("added_at");
      json.nullField("added_by");
    } else {
      long second = ADDED_ANCHOR - Long.remainderUnsigned(added, ADDED_SPAN_SECONDS);
      json.field("added_at", Instant.ofEpochSecond(second).toString());
      json.name("added_by").beginObject();
      user(json, USERS[(int) Long.remainderUnsigned(hash(S_USER, ph, position), USERS.length)], base);
      json.endObject();
    }
    boolean local = kind >= 5 && kind < 10;
    json.field("is_local", local);
    if (shape != ApiShape.TRACK) {
      json.nullField("primary_color");
    }
    if (kind < 5) {
      // spotify/web-api#1049: the track is null, or (as in a recorded response) its key is missing
      if ((kind & 1) == 0) {
        for (String key : entryKeys(shape)) {
          json.nullField(key);
        }
      }
    } else {
      for (String key : entryKeys(shape)) {
        json.name(key);
        if (local) {
          localTrack(json, eh, shape);
        } else if (kind < 15) {
          episode(json, eh, shape, base);
        } else {
          track(json, pick(ph, position), shape, base, day);
        }
      }
    }
    if (shape != ApiShape.TRACK) {
      json.name("video_thumbnail").beginObject().nullField("url").endObject();
    }
    json.endObject();
  }

  private static String[] entryKeys(ApiShape shape) {
    return switch (shape) {
      case TRACK -> new String[] {ApiShape.TRACK_KEY};
      case ITEM -> new String[] {ApiShape.ITEM_KEY};
      case BOTH -> new String[] {ApiShape.TRACK_KEY, ApiShape.ITEM_KEY};
      case NONE -> new String[0];
    };
  }

  /** Popular tracks (low indexes) are drawn far more often than the long tail. */
  private int pick(long ph, int position) {
    double u = (hash(S_PICK, ph, position) >>> 11) * 0x1.0p-53;
    return (int) Math.min(trackCount - 1, (long) (trackCount * u * u * u));
  }

  private void track(PrettyJson json, int track, ApiShape shape, String base, LocalDate day) {
    boolean legacy = shape == ApiShape.TRACK;
    long attr = hash(S_TRACK_ATTR, track);
    int album = track / TRACKS_PER_ALBUM_SLOT;
    json.beginObject();
    if (shape == ApiShape.BOTH) {
      json.field("episode", false);
      json.field("track", true);
    }
    json.name("album");
    album(json, album, legacy, base);
    json.name("artists").beginArray();
    for (int artist : trackArtists(track, album)) {
      artist(json, artist, base);
    }
    json.endArray();
    if (legacy) {
      markets(json, attr);
    }
    boolean secondDisc = Long.remainderUnsigned(attr >>> 7, 20) == 0 && track % TRACKS_PER_ALBUM_SLOT >= 4;
    json.field("disc_number", secondDisc ? 2 : 1);
    json.field("duration_ms", 90_000 + Long.remainderUnsigned(attr >>> 13, 330_000));
    json.field("explicit", Long.remainderUnsigned(attr >>> 29, 100) < 15);
    json.name("external_ids").beginObject().field("isrc", isrc(attr)).endObject();
    String id = base62Id(hash(S_TRACK, track));
    json.name("external_urls").beginObject().field("spotify", OPEN + "track/" + id).endObject();
    json.field("href", base + "/tracks/" + id);
    json.field("id", id);
    json.field("is_local", false);
    json.field("name", title(hash(S_TRACK_NAME, track)));
    if (shape != ApiShape.ITEM) {
      json.field("popularity", popularity(track, day));
    }
    if (legacy && Long.remainderUnsigned(attr >>> 41, 3) != 0) {
      json.field("preview_url", "https://p.scdn.co/mp3-preview/" + hex(attr, 40));
    } else {
      json.nullField("preview_url");
    }
    json.field("track_number", track % TRACKS_PER_ALBUM_SLOT + 1);
    json.field("type", "track");
    json.field("uri", "spotify:track:" + id);
    json.endObject();
  }

  private int popularity(int track, LocalDate day) {
    long base = Long.remainderUnsigned(hash(S_POPULARITY, track), 101);
    long drift = Long.remainderUnsigned(hash(S_POPULARITY, track, day.toEpochDay()), 7) - 3;
    return (int) Math.max(0, Math.min(100, base + drift));
  }

  private int[] trackArtists(int track, int album) {
    long h = hash(S_FEATURES, track);
    int roll = (int) Long.remainderUnsigned(h, 100);
    int features = roll < 72 ? 0 : roll < 92 ? 1 : 2;
    int first = albumArtist(album);
    if (first < 0) {
      first = (int) Long.remainderUnsigned(h >>> 17, artistCount);
    }
    int[] artists = new int[1 + features];
    artists[0] = first;
    for (int i = 1; i <= features; i++) {
      artists[i] = (int) Long.remainderUnsigned(hash(S_FEATURES, track, i), artistCount);
    }
    return artists;
  }

  /** The album's credited artist, or -1 for a compilation (Various Artists). */
  private int albumArtist(int album) {
    long h = hash(S_ALBUM_ATTR, album);
    if (albumType(h).equals("compilation")) {
      return -1;
    }
    return (int) Long.remainderUnsigned(h >>> 24, artistCount);
  }

  private static String albumType(long h) {
    int roll = (int) Long.remainderUnsigned(h, 20);
    return roll < 2 ? "compilation" : roll < 7 ? "single" : "album";
  }

  private void album(PrettyJson json, int album, boolean legacy, String base) {
    long h = hash(S_ALBUM_ATTR, album);
    String id = base62Id(hash(S_ALBUM, album));
    json.beginObject();
    json.field("album_type", albumType(h));
    json.name("artists").beginArray();
    artist(json, albumArtist(album), base);
    json.endArray();
    if (legacy) {
      markets(json, h);
    }
    json.name("external_urls").beginObject().field("spotify", OPEN + "album/" + id).endObject();
    json.field("href", base + "/albums/" + id);
    json.field("id", id);
    json.name("images").beginArray();
    image(json, h, 640);
    image(json, h >>> 3, 300);
    image(json, h >>> 5, 64);
    json.endArray();
    json.field("name", title(hash(S_ALBUM_NAME, album)));
    int year = 1960 + (int) Long.remainderUnsigned(h >>> 9, 66);
    int month = 1 + (int) Long.remainderUnsigned(h >>> 17, 12);
    int dayOfMonth = 1 + (int) Long.remainderUnsigned(h >>> 21, 28);
    int precision = (int) Long.remainderUnsigned(h >>> 33, 100);
    if (precision < 12) {
      json.field("release_date", String.format("%04d", year));
      json.field("release_date_precision", "year");
    } else if (precision < 20) {
      json.field("release_date", String.format("%04d-%02d", year, month));
      json.field("release_date_precision", "month");
    } else {
      json.field("release_date", String.format("%04d-%02d-%02d", year, month, dayOfMonth));
      json.field("release_date_precision", "day");
    }
    json.field("total_tracks", TRACKS_PER_ALBUM_SLOT + Long.remainderUnsigned(h >>> 40, 10));
    json.field("type", "album");
    json.field("uri", "spotify:album:" + id);
    json.endObject();
  }

  private void artist(PrettyJson json, int artist, String base) {
    String id = artist < 0 ? VARIOUS_ARTISTS_ID : base62Id(hash(S_ARTIST, artist));
    String name = artist < 0 ? "Various Artists" : artistName(hash(S_ARTIST_NAME, artist));
    json.beginObject();
    json.name("external_urls").beginObject().field("spotify", OPEN + "artist/" + id).endObject();
    json.field("href", base + "/artists/" + id);
    json.field("id", id);
    json.field("name", name);
    json.field("type", "artist");
    json.field("uri", "spotify:artist:" + id);
    json.endObject();
  }

  private void localTrack(PrettyJson json, long h, ApiShape shape) {
    String name = title(h >>> 3);
    String artist = artistName(h >>> 5);
    String album = title(h >>> 7);
    long duration = 120_000 + Long.remainderUnsigned(h >>> 11, 200_000);
    json.beginObject();
    if (shape == ApiShape.BOTH) {
      json.field("episode", false);
      json.field("track", true);
    }
    json.name("album").beginObject();
    json.nullField("album_type");
    json.name("artists").beginArray().endArray();
    json.name("external_urls").beginObject().endObject();
    json.nullField("href");
    json.nullField("id");
    json.field("name", album);
    json.nullField("release_date");
    json.nullField("release_date_precision");
    json.field("type", "album");
    json.nullField("uri");
    json.endObject();
    json.name("artists").beginArray().beginObject();
    json.name("external_urls").beginObject().endObject();
    json.nullField("href");
    json.nullField("id");
    json.field("name", artist);
    json.field("type", "artist");
    json.nullField("uri");
    json.endObject().endArray();
    json.field("disc_number", 0);
    json.field("duration_ms", duration);
    json.field("explicit", false);
    json.name("external_ids").beginObject().endObject();
    json.name("external_urls").beginObject().endObject();
    json.nullField("href");
    json.nullField("id");
    json.field("is_local", true);
    json.field("name", name);
    json.field("popularity", 0);
    json.nullField("preview_url");
    json.field("track_number", 0);
    json.field("type", "track");
    json.field("uri", "spotify:local:" + urlish(artist) + ":" + urlish(album) + ":" + urlish(name) + ":"
        + duration / 1000);
    json.endObject();
  }

  private void episode(PrettyJson json, long h, ApiShape shape, String base) {
    String id = base62Id(hash(S_EPISODE, h));
    String showId = base62Id(hash(S_EPISODE, h, 1));
    json.beginObject();
    json.nullField("audio_preview_url");
    json.field("description", "Episode " + Long.remainderUnsigned(h, 500) + " of a synthetic podcast.");
    json.field("duration_ms", 600_000 + Long.remainderUnsigned(h >>> 9, 3_000_000));
    if (shape == ApiShape.BOTH) {
      json.field("episode", true);
    }
    json.field("explicit", false);
    json.name("external_urls").beginObject().field("spotify", OPEN + "episode/" + id).endObject();
    json.field("href", base + "/episodes/" + id);
    json.field("id", id);
    json.field("is_externally_hosted", false);
    json.field("language", "en");
    json.field("name", title(h >>> 13));
    json.field("release_date", "2024-11-27");
    json.field("release_date_precision", "day");
    json.name("show").beginObject();
    json.field("description", "A synthetic show.");
    json.name("external_urls").beginObject().field("spotify", OPEN + "show/" + showId).endObject();
    json.field("href", base + "/shows/" + showId);
    json.field("id", showId);
    json.field("media_type", "audio");
    json.field("name", title(h >>> 17));
    json.field("publisher", artistName(h >>> 19));
    json.field("type", "show");
    json.field("uri", "spotify:show:" + showId);
    json.endObject();
    if (shape == ApiShape.BOTH) {
      json.field("track", false);
    }
    json.field("type", "episode");
    json.field("uri", "spotify:episode:" + id);
    json.endObject();
  }

  private static void user(PrettyJson json, String id, String base) {
    String escaped = urlish(id);
    json.name("external_urls").beginObject().field("spotify", OPEN + "user/" + escaped).endObject();
    json.field("href", base + "/users/" + escaped);
    json.field("id", id);
    json.field("type", "user");
    json.field("uri", "spotify:user:" + escaped);
  }

  private static void image(PrettyJson json, long h, int size) {
    json.beginObject();
    json.field("height", size);
    json.field("url", "https://i.scdn.co/image/" + hex(h * 31 + size, 40));
    json.field("width", size);
    json.endObject();
  }

  private static void markets(PrettyJson json, long h) {
    int count = 24 + (int) Long.remainderUnsigned(h >>> 3, 12);
    json.name("available_markets").beginArray();
    for (int i = 0; i < count; i++) {
      json.value(MARKETS[i]);
    }
    json.endArray();
  }

  private static String title(long h) {
    int roll = (int) Long.remainderUnsigned(h, 100);
    String a = WORDS[(int) Long.remainderUnsigned(h >>> 8, WORDS.length)];
    String b = WORDS[(int) Long.remainderUnsigned(h >>> 16, WORDS.length)];
    if (roll < 4) {
      return a + ", " + b;                                   // "Hey, Soul Sister"
    } else if (roll < 6) {
      return a + " \"" + b + "\"";                           // Symphony No. 9 "Choral"
    } else if (roll < 8) {
      return a + "'s " + b;
    } else if (roll < 14) {
      return NON_LATIN[(int) Long.remainderUnsigned(h >>> 24, NON_LATIN.length)];
    } else if (roll < 20) {
      return a + " " + b + " (feat. " + WORDS[(int) Long.remainderUnsigned(h >>> 32, WORDS.length)] + ")";
    } else if (roll < 24) {
      return a + " " + b + " - Remastered " + (1990 + Long.remainderUnsigned(h >>> 40, 35));
    } else if (roll < 28) {
      return a + " & " + b;
    }
    return a + " " + b;
  }

  private static String artistName(long h) {
    int roll = (int) Long.remainderUnsigned(h, 100);
    String a = WORDS[(int) Long.remainderUnsigned(h >>> 8, WORDS.length)];
    String b = WORDS[(int) Long.remainderUnsigned(h >>> 16, WORDS.length)];
    if (roll < 3) {
      return "Tyler, the " + a;
    } else if (roll < 4) {
      return "The \"" + a + "\" " + b + "s";
    } else if (roll < 10) {
      return NON_LATIN[(int) Long.remainderUnsigned(h >>> 24, NON_LATIN.length)];
    } else if (roll < 14) {
      return a + " & The " + b + "s";
    }
    return "The " + a + " " + b;
  }

  private static String isrc(long h) {
    String[] countries = {"US", "GB", "SE", "DE", "FR", "JP", "KR", "BR", "NL", "AU"};
    StringBuilder s = new StringBuilder(12);
    s.append(countries[(int) Long.remainderUnsigned(h >>> 3, countries.length)]);
    long x = h;
    for (int i = 0; i < 3; i++) {
      s.append((char) ('A' + Long.remainderUnsigned(x >>> (i * 5), 26)));
    }
    s.append(String.format("%02d%05d", Long.remainderUnsigned(h >>> 20, 100), Long.remainderUnsigned(h >>> 30, 100_000)));
    return s.toString();
  }

  private static String urlish(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String hex(long h, int length) {
    StringBuilder s = new StringBuilder(length);
    long x = h;
    while (s.length() < length) {
      x = mix(x + 0x9E3779B97F4A7C15L);
      String part = Long.toHexString(x);
      for (int i = part.length(); i < 16; i++) {
        s.append('0');
      }
      s.append(part);
    }
    s.setLength(length);
    return s.toString();
  }

  private static String base62Id(long h) {
    char[] id = new char[22];
    for (int i = 0; i < id.length; i++) {
      id[i] = ALPHABET.charAt((int) Long.remainderUnsigned(mix(h + (i + 1) * 0x632BE59BD9B4E019L), 62));
    }
    return new String(id);
  }

  private long idHash(String playlistId) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < playlistId.length(); i++) {
      h = (h ^ playlistId.charAt(i)) * 0x100000001b3L;
    }
    return h;
  }

  private long hash(long salt, long a) {
    return mix(mix(seed ^ salt * 0x9E3779B97F4A7C15L) + a);
  }

  private long hash(long salt, long a, long b) {
    return mix(hash(salt, a) + b * 0xC2B2AE3D27D4EB4FL);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static void checkPlaylist(String playlistId, int totalEntries, LocalDate day) {
    Objects.requireNonNull(playlistId, "playlistId");
    Objects.requireNonNull(day, "day");
    if (playlistId.isEmpty()) {
      throw new IllegalArgumentException("playlistId must not be empty");
    }
    if (totalEntries < 0) {
      throw new IllegalArgumentException("totalEntries must be >= 0, got " + totalEntries);
    }
  }

  private static String base(String apiBaseUrl) {
    Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
    return apiBaseUrl.endsWith("/") ? apiBaseUrl.substring(0, apiBaseUrl.length() - 1) : apiBaseUrl;
  }
}
