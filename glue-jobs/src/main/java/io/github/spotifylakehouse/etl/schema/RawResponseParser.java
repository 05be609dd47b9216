package io.github.spotifylakehouse.etl.schema;

import com.fasterxml.jackson.core.JsonFactory;
import io.github.spotifylakehouse.lake.ApiShape;
import io.github.spotifylakehouse.lake.CsvDialect;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one raw Spotify response with Jackson's streaming parser, dispatching on its shape:
 *
 * <ul>
 *   <li>a paging object of playlist entries ({@code GET /playlists/{id}/items} or the older
 *       {@code /tracks}): a top-level {@code items} <em>array</em>;</li>
 *   <li>a playlist object ({@code GET /playlists/{id}}): its first page embedded under {@code items} (an
 *       <em>object</em>, 2026) or {@code tracks} (before); transition recordings carry both, identical, and
 *       only {@code items} is read so nothing is counted twice.</li>
 * </ul>
 *
 * <p>An entry carries its track under {@code item}, {@code track} or both ({@code item} is preferred).
 * Null tracks, local files, podcast episodes and tracks without an id are counted by {@link SkipKind},
 * not returned. A file that is not JSON or not one of the shapes is rejected with a reason naming the
 * field; nothing of it is returned, so a truncated file never contributes half its entries.
 *
 * <p>Whatever a file holds, {@link #parse} returns: every failure, expected or not (malformed JSON,
 * invalid UTF-8, nesting deeper than {@value #MAX_NESTING_DEPTH} levels, a number or timestamp outside its
 * column's range, any exception of the parser itself), becomes a rejection that names the field or the
 * position, so one file can never fail the Spark task that parses it.
 *
 * <p>One JSON shape cannot be typed both ways by a Spark JSON schema ({@code items} is an array in one
 * shape and an object in the other), which is why files are parsed here rather than by the JSON source.
 * Only the fields the lake keeps are materialized; everything else is skipped token by token.
 */
public final class RawResponseParser {

  /** Deepest nesting of arrays and objects read; the API's responses nest about eight levels. */
  public static final int MAX_NESTING_DEPTH = 100;
  /** Earliest {@code added_at} kept: the lake's timestamps are written {@code yyyy-MM-dd HH:mm:ss}. */
  static final Instant MIN_TIMESTAMP = Instant.parse("0001-01-01T00:00:00Z");
  /** Latest {@code added_at} kept (see {@link #MIN_TIMESTAMP}). */
  static final Instant MAX_TIMESTAMP = Instant.parse("9999-12-31T23:59:59.999999Z");

  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
      .build();
  /** {@code .../playlists/{id}}, {@code .../playlists/{id}/items?...}, {@code .../users/u/playlists/{id}/tracks}. */
  private static final Pattern PLAYLIST_IN_HREF = Pattern.compile("/playlists/([A-Za-z0-9_-]+)(?:[/?#]|$)");

  private RawResponseParser() {
  }

  /**
   * Parses one raw file.
   *
   * @param content the file's bytes (UTF-8 JSON)
   * @param playlistIdFromPath the playlist id of the run folder the file is in, or null for a loose file
   *     (the id then comes from the playlist object's {@code id} or the paging object's {@code href})
   */
  public static ParsedFile parse(byte[] content, String playlistIdFromPath) {
    int invalid = Utf8.firstInvalid(content);
    if (invalid >= 0) {
      return ParsedFile.rejected("not valid UTF-8: byte 0x" + Integer.toHexString(content[invalid] & 0xFF)
          + " at byte offset " + invalid + " starts no well-formed sequence");
    }
    try (JsonParser parser = JSON.createParser(content)) {
      try {
        return new FileReader(parser).read(playlistIdFromPath);
      } catch (Rejection e) {
        return ParsedFile.rejected(e.getMessage());
      } catch (StreamConstraintsException e) {
        return ParsedFile.rejected("over a parser limit: " + e.getOriginalMessage() + " at '"
            + fieldPath(parser.getParsingContext()) + "'" + location(parser.currentLocation()));
      } catch (JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Invalid UTF-8")) {
          return ParsedFile.rejected("not valid UTF-8: " + message + " at byte offset "
              + e.getLocation().getByteOffset() + location(e.getLocation()));
        }
        return ParsedFile.rejected("not valid JSON: " + message + location(e.getLocation()));
      } catch (RuntimeException e) {
        // not a case the reader knows: still this file's fault, and still only this file's
        return ParsedFile.rejected("cannot be read: " + e + " at '" + fieldPath(parser.getParsingContext()) + "'"
            + location(parser.currentLocation()));
      }
    } catch (IOException e) {
      // parsing an in-memory array: only a broken JVM gets here
      throw new UncheckedIOException("Cannot parse an in-memory JSON document", e);
    }
  }

  /** The parser's place as a field path, e.g. {@code items[3].item.album} ({@code $} at the top level). */
  static String fieldPath(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.getCurrentName() != null) {
        parts.push("." + c.getCurrentName());
      }
    }
    String path = String.join("", parts);
    path = path.isEmpty() ? "$" : path.startsWith(".") ? path.substring(1) : path;
    return path.length() > 200 ? path.substring(0, 200) + "..." : path;
  }

  /** The playlist id in a Web API link, or null when it names none. */
  public static String playlistIdFromHref(String href) {
    if (href == null) {
      return null;
    }
    Matcher m = PLAYLIST_IN_HREF.matcher(href);
    return m.find() ? m.group(1) : null;
  }

  private static String location(JsonLocation location) {
    return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  /**
   * Where in the document a value is, e.g. {@code items[3].item.album}: built up as the parser descends
   * and turned into text only for a rejection message, so reading a good file makes no path strings.
   */
  private record Loc(Loc parent, String name, int index) {
    static Loc of(String name) {
      return new Loc(null, name, -1);
    }

    Loc child(String childName) {
      return new Loc(this, childName, -1);
    }

    Loc at(int position) {
      return new Loc(this, null, position);
    }

    @Override
    public String toString() {
      String prefix = parent == null ? "" : parent.toString();
      if (name == null) {
        return prefix + "[" + index + "]";
      }
      return prefix.isEmpty() ? name : prefix + "." + name;
    }
  }

  private static String where(Loc parent, String field) {
    return parent == null ? field : parent + "." + field;
  }

  /** A file that is not one of the shapes; the message is the reason. */
  private static final class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Rejection(String reason) {
      super(reason, null, false, false);
    }
  }

  /** An embedded or top-level page while it is being read. */
  private static final class Page {
    final List<EntryBuf> entries = new ArrayList<>();
    /** Where the page's offset is, for messages: {@code offset} or {@code items.offset}. */
    String offsetField = "offset";
    int offset;
    String href;
    int entriesSeen;
  }

  private static final class EntryBuf {
    int index;
    Long addedAtMicros;
    String addedBy;
    boolean localEntry;
    TrackBuf item;
    TrackBuf track;
    boolean hasItemKey;
    boolean hasTrackKey;
  }

  private static final class TrackBuf {
    String id;
    String name;
    String type;
    boolean local;
    boolean show;
    Integer durationMs;
    Boolean explicit;
    Integer popularity;
    Integer trackNumber;
    Integer discNumber;
    String isrc;
    String albumId;
    String albumName;
    String albumType;
    String releaseDate;
    String releaseDatePrecision;
    Integer totalTracks;
    List<ParsedArtist> artists = List.of();
    List<ParsedArtist> albumArtists = List.of();
  }

  /** The root fields of a playlist object while it is being read. */
  private static final class PlaylistBuf {
    String name;
    String description;
    String ownerId;
    String ownerDisplayName;
    Boolean isPublic;
    Boolean collaborative;
    String snapshotId;
    Long followers;

    void read(FileReader r, String field, JsonToken value) throws IOException {
      switch (field) {
        case "name" -> name = r.text(null, field);
        case "description" -> description = r.text(null, field);
        case "public" -> isPublic = r.bool(null, field);
        case "collaborative" -> collaborative = r.bool(null, field);
        case "snapshot_id" -> snapshotId = r.text(null, field);
        case "owner" -> {
          if (value == JsonToken.START_OBJECT) {
            String[] owner = r.readOwner(Loc.of(field));
            ownerId = owner[0];
            ownerDisplayName = owner[1];
          } else {
            r.nullOrFail(null, field, "an object");
          }
        }
        case "followers" -> {
          if (value == JsonToken.START_OBJECT) {
            followers = r.readTotal(Loc.of(field));
          } else {
            r.nullOrFail(null, field, "an object");
          }
        }
        default -> throw new IllegalArgumentException("not a playlist field: " + field);
      }
    }

    ParsedPlaylist finish() {
      return new ParsedPlaylist(name, description, ownerId, ownerDisplayName, isPublic, collaborative, snapshotId,
          followers);
    }
  }

  private static final class FileReader {
    private final JsonParser p;
    private final Map<SkipKind, Integer> skipped = new EnumMap<>(SkipKind.class);
    private boolean sawItemKey;
    private boolean sawTrackKey;
    private int unsafeTexts;

    FileReader(JsonParser parser) {
      this.p = parser;
    }

    ParsedFile read(String playlistIdFromPath) throws IOException {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new Rejection("empty file: no JSON value");
      }
      if (first != JsonToken.START_OBJECT) {
        throw new Rejection("the top-level value is " + describe(first) + ", expected a paging object or a playlist object");
      }
      Page rootPage = null;
      Page itemsObject = null;
      Page tracksObject = null;
      String rootId = null;
      String rootHref = null;
      String rootType = null;
      int rootOffset = 0;
      String error = null;
      PlaylistBuf playlist = new PlaylistBuf();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "items":
            if (value == JsonToken.START_ARRAY) {
              rootPage = new Page();
              readEntries(rootPage, Loc.of("items"));
            } else if (value == JsonToken.START_OBJECT) {
              itemsObject = readPage("items");
            } else if (value != JsonToken.VALUE_NULL) {
              throw new Rejection("field 'items' is " + describe(value)
                  + ": expected an array (paging object) or an object (playlist object)");
            }
            break;
          case "tracks":
            if (value == JsonToken.START_OBJECT) {
              tracksObject = readPage("tracks");
            } else if (value != JsonToken.VALUE_NULL) {
              throw new Rejection("field 'tracks' is " + describe(value) + ": expected an object (playlist object)");
            }
            break;
          case "id":
            rootId = text(null, "id");
            break;
          case "href":
            rootHref = text(null, "href");
            break;
          case "type":
            rootType = text(null, "type");
            break;
          case "offset":
            Integer offset = integer(null, "offset");
            rootOffset = offset == null ? 0 : offset;
            break;
          case "error":
            error = readError();
            break;
          // a playlist object's own fields (the playlist table); a paging object has none of them
          case "name", "description", "owner", "public", "collaborative", "snapshot_id", "followers":
            playlist.read(this, field, value);
            break;
          default:
            p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new Rejection("content after the top-level object" + location(p.currentLocation()));
      }

      if (rootType != null && !rootType.equals("playlist")) {
        // an album also embeds a 'tracks' paging object: only a playlist's entries are playlist entries
        throw new Rejection("a Spotify '" + rootType + "' object (field 'type'), not a playlist or paging object");
      }
      String shape;
      Page page;
      String playlistId = playlistIdFromPath;
      if (rootPage != null) {
        shape = ParsedFile.PAGING;
        page = rootPage;
        page.offset = rootOffset;
        if (playlistId == null) {
          playlistId = playlistIdFromHref(rootHref);
          if (playlistId == null) {
            throw new Rejection("no playlist id: the file is not in a run folder and the paging object's field "
                + "'href' (" + quoted(rootHref) + ") names no playlist");
          }
        }
      } else if (itemsObject != null || tracksObject != null) {
        shape = ParsedFile.PLAYLIST;
        page = itemsObject != null ? itemsObject : tracksObject;
        if (playlistId == null) {
          playlistId = rootId != null ? rootId : playlistIdFromHref(rootHref != null ? rootHref : page.href);
          if (playlistId == null) {
            throw new Rejection("no playlist id: the file is not in a run folder and the playlist object has no "
                + "field 'id' and no 'href' naming a playlist");
          }
        }
      } else if (error != null) {
        throw new Rejection("a Spotify error response (" + error + "), not a paging or playlist object");
      } else {
        throw new Rejection("neither a paging object (no 'items' array) nor a playlist object "
            + "(no 'items' or 'tracks' object)");
      }

      if (page.offset < 0) {
        throw new Rejection("field '" + page.offsetField + "' is negative: " + page.offset
            + " (positions start at 0)");
      }
      if ((long) page.offset + page.entriesSeen > Integer.MAX_VALUE) {
        throw new Rejection("field '" + page.offsetField + "' is out of range: " + page.offset + " plus the page's "
            + page.entriesSeen + " entries passes the largest position, " + Integer.MAX_VALUE);
      }
      List<ParsedEntry> entries = new ArrayList<>(page.entries.size());
      for (EntryBuf entry : page.entries) {
        ParsedEntry parsed = finish(entry, page.offset);
        if (parsed != null) {
          entries.add(parsed);
        }
      }
      String entryKey = ApiShape.of(sawItemKey, sawTrackKey).manifestValue();
      return new ParsedFile(playlistId, shape, entryKey, page.offset, page.entriesSeen, entries, skipped, null,
          shape.equals(ParsedFile.PLAYLIST) ? playlist.finish() : null, unsafeTexts);
    }

    /** At the START_OBJECT of an embedded paging object. */
    private Page readPage(String name) throws IOException {
      Page page = new Page();
      page.offsetField = name + ".offset";
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "items":
            if (value == JsonToken.START_ARRAY) {
              readEntries(page, Loc.of(name).child("items"));
            } else if (value != JsonToken.VALUE_NULL) {
              throw new Rejection("field '" + name + ".items' is " + describe(value) + ": expected an array");
            }
            break;
          case "offset":
            Integer offset = integer(Loc.of(name), "offset");
            page.offset = offset == null ? 0 : offset;
            break;
          case "href":
            page.href = text(Loc.of(name), "href");
            break;
          default:
            p.skipChildren();
        }
      }
      return page;
    }

    /** At the START_ARRAY of a page's entries. */
    private void readEntries(Page page, Loc path) throws IOException {
      int index = 0;
      JsonToken token;
      while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
        if (token == JsonToken.START_OBJECT) {
          page.entries.add(readEntry(index, path.at(index)));
        } else if (token == JsonToken.VALUE_NULL) {
          page.entries.add(null);
        } else {
          throw new Rejection("entry '" + path + "[" + index + "]' is " + describe(token) + ": expected an object");
        }
        index++;
      }
      page.entriesSeen = index;
    }

    private EntryBuf readEntry(int index, Loc path) throws IOException {
      EntryBuf entry = new EntryBuf();
      entry.index = index;
      String type = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "type":
            type = text(path, "type");
            break;
          case "added_at":
            entry.addedAtMicros = instantMicros(path, "added_at");
            break;
          case "added_by":
            entry.addedBy = value == JsonToken.START_OBJECT ? readUserId(path.child("added_by")) : nullOrFail(path, "added_by", "an object");
            break;
          case "is_local":
            entry.localEntry = Boolean.TRUE.equals(bool(path, "is_local"));
            break;
          case ApiShape.ITEM_KEY:
            entry.hasItemKey = true;
            entry.item = value == JsonToken.START_OBJECT ? readTrack(path.child(ApiShape.ITEM_KEY))
                : nullTrack(path, ApiShape.ITEM_KEY);
            break;
          case ApiShape.TRACK_KEY:
            entry.hasTrackKey = true;
            entry.track = value == JsonToken.START_OBJECT ? readTrack(path.child(ApiShape.TRACK_KEY))
                : nullTrack(path, ApiShape.TRACK_KEY);
            break;
          default:
            p.skipChildren();
        }
      }
      if (type != null && !entry.hasItemKey && !entry.hasTrackKey) {
        // e.g. GET /albums/{id}/tracks: a paging object of tracks, not of playlist entries
        throw new Rejection("entry '" + path + "' is a '" + type + "' object (field 'type'), not a playlist entry "
            + "with 'item' or 'track'");
      }
      return entry;
    }

    private TrackBuf nullTrack(Loc parent, String field) throws IOException {
      nullOrFail(parent, field, "an object");
      return null;
    }

    private String readUserId(Loc path) throws IOException {
      String id = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("id")) {
          id = text(path, "id");
        } else {
          p.skipChildren();
        }
      }
      return id;
    }

    private TrackBuf readTrack(Loc path) throws IOException {
      TrackBuf t = new TrackBuf();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "id" -> t.id = text(path, "id");
          case "name" -> t.name = text(path, "name");
          case "type" -> t.type = text(path, "type");
          case "is_local" -> t.local = Boolean.TRUE.equals(bool(path, "is_local"));
          case "duration_ms" -> t.durationMs = integer(path, "duration_ms");
          case "explicit" -> t.explicit = bool(path, "explicit");
          case "popularity" -> t.popularity = integer(path, "popularity");
          case "track_number" -> t.trackNumber = integer(path, "track_number");
          case "disc_number" -> t.discNumber = integer(path, "disc_number");
          case "external_ids" -> t.isrc = value == JsonToken.START_OBJECT
              ? readStringField("isrc", path.child("external_ids")) : nullOrFail(path, "external_ids", "an object");
          case "artists" -> t.artists = readArtists(path.child("artists"));
          case "album" -> {
            if (value == JsonToken.START_OBJECT) {
              readAlbum(t, path.child("album"));
            } else {
              nullOrFail(path, "album", "an object");
            }
          }
          case "show" -> {
            t.show = value == JsonToken.START_OBJECT;
            p.skipChildren();
          }
          // the transition shape's item-level booleans "track"/"episode", markets, previews, ...
          default -> p.skipChildren();
        }
      }
      return t;
    }

    private void readAlbum(TrackBuf t, Loc path) throws IOException {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "id" -> t.albumId = text(path, "id");
          case "name" -> t.albumName = text(path, "name");
          case "album_type" -> t.albumType = text(path, "album_type");
          case "release_date" -> t.releaseDate = text(path, "release_date");
          case "release_date_precision" -> t.releaseDatePrecision = text(path, "release_date_precision");
          case "total_tracks" -> t.totalTracks = integer(path, "total_tracks");
          case "artists" -> t.albumArtists = readArtists(path.child("artists"));
          default -> p.skipChildren();
        }
      }
    }

    private List<ParsedArtist> readArtists(Loc path) throws IOException {
      JsonToken start = p.currentToken();
      if (start == JsonToken.VALUE_NULL) {
        return List.of();
      }
      if (start != JsonToken.START_ARRAY) {
        throw new Rejection("field '" + path + "' is " + describe(start) + ": expected an array");
      }
      List<ParsedArtist> artists = new ArrayList<>(2);
      JsonToken token;
      int index = 0;
      while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
        if (token == JsonToken.VALUE_NULL) {
          index++;
          continue;
        }
        if (token != JsonToken.START_OBJECT) {
          throw new Rejection("field '" + path + "[" + index + "]' is " + describe(token) + ": expected an object");
        }
        String id = null;
        String name = null;
        Loc at = path.at(index);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          switch (field) {
            case "id" -> id = text(at, "id");
            case "name" -> name = text(at, "name");
            default -> p.skipChildren();
          }
        }
        artists.add(new ParsedArtist(id, name));
        index++;
      }
      return artists;
    }

    /** At the START_OBJECT of a user: its {@code id} and {@code display_name}. */
    private String[] readOwner(Loc path) throws IOException {
      String[] owner = new String[2];
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "id" -> owner[0] = text(path, "id");
          case "display_name" -> owner[1] = text(path, "display_name");
          default -> p.skipChildren();
        }
      }
      return owner;
    }

    /** At the START_OBJECT of {@code followers}: its {@code total}. */
    private Long readTotal(Loc path) throws IOException {
      Long total = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("total") && value == JsonToken.VALUE_NUMBER_INT) {
          total = p.getLongValue();
        } else if (field.equals("total") && value != JsonToken.VALUE_NULL) {
          throw new Rejection("field '" + where(path, "total") + "' is " + describe(value) + ": expected an integer");
        } else {
          p.skipChildren();
        }
      }
      return total;
    }

    /** At a START_OBJECT: the string value of {@code wanted}, skipping the rest. */
    private String readStringField(String wanted, Loc path) throws IOException {
      String result = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals(wanted)) {
          result = text(path, wanted);
        } else {
          p.skipChildren();
        }
      }
      return result;
    }

    private String readError() throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        return "error";
      }
      String status = null;
      String message = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("status") && value.isScalarValue()) {
          status = p.getText();
        } else if (field.equals("message") && value.isScalarValue()) {
          message = p.getText();
        } else {
          p.skipChildren();
        }
      }
      return "status " + status + ": " + message;
    }

    private ParsedEntry finish(EntryBuf entry, int offset) {
      if (entry == null) {
        count(SkipKind.NULL_ENTRY);
        return null;
      }
      sawItemKey |= entry.hasItemKey;
      sawTrackKey |= entry.hasTrackKey;
      TrackBuf t = entry.item != null ? entry.item : entry.track;
      if (t == null) {
        count(SkipKind.NULL_ENTRY);
        return null;
      }
      if (entry.localEntry || t.local) {
        count(SkipKind.LOCAL_FILE);
        return null;
      }
      if ("episode".equals(t.type) || t.show) {
        count(SkipKind.EPISODE);
        return null;
      }
      if (t.id == null || t.id.isEmpty()) {
        count(SkipKind.NO_ID);
        return null;
      }
      LocalDate releaseDate = ReleaseDates.firstDay(t.releaseDate, t.releaseDatePrecision);
      return new ParsedEntry(offset + entry.index, entry.addedAtMicros, entry.addedBy,
          t.id, t.name, t.durationMs, t.explicit, t.popularity, t.trackNumber, t.discNumber, t.isrc,
          t.albumId, t.albumName, t.albumType, releaseDate, t.releaseDatePrecision, t.totalTracks,
          t.artists, t.albumArtists);
    }

    private void count(SkipKind kind) {
      skipped.merge(kind, 1, Integer::sum);
    }

    private String text(Loc parent, String field) throws IOException {
      JsonToken token = p.currentToken();
      if (token == JsonToken.VALUE_STRING) {
        // checked in the parser's own buffer: cheaper than going through the string's chars
        if (!CsvDialect.isSafe(p.getTextCharacters(), p.getTextOffset(), p.getTextLength())) {
          unsafeTexts++;
        }
        return p.getText();
      }
      if (token == JsonToken.VALUE_NULL) {
        return null;
      }
      if (token == JsonToken.VALUE_NUMBER_INT) {
        return p.getText(); // ids have been seen as bare numbers in hand-made files; keep the digits
      }
      throw new Rejection("field '" + where(parent, field) + "' is " + describe(token) + ": expected a string");
    }

    private Integer integer(Loc parent, String field) throws IOException {
      JsonToken token = p.currentToken();
      if (token == JsonToken.VALUE_NUMBER_INT) {
        try {
          return p.getIntValue();
        } catch (JsonProcessingException overflow) {
          throw new Rejection("field '" + where(parent, field) + "' is out of range: " + p.getText());
        }
      }
      if (token == JsonToken.VALUE_NULL) {
        return null;
      }
      throw new Rejection("field '" + where(parent, field) + "' is " + describe(token) + ": expected an integer");
    }

    private Boolean bool(Loc parent, String field) throws IOException {
      JsonToken token = p.currentToken();
      if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
        return token == JsonToken.VALUE_TRUE;
      }
      if (token == JsonToken.VALUE_NULL) {
        return null;
      }
      throw new Rejection("field '" + where(parent, field) + "' is " + describe(token) + ": expected true or false");
    }

    private Long instantMicros(Loc parent, String field) throws IOException {
      String text = text(parent, field);
      if (text == null) {
        return null;
      }
      long fast = Timestamps.utcSecondsOrMin(text);
      if (fast != Long.MIN_VALUE) {
        return fast * 1_000_000L;
      }
      Instant instant;
      try {
        instant = text.endsWith("Z") ? Instant.parse(text) : OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeException e) {
        throw new Rejection("field '" + where(parent, field) + "' is not an ISO-8601 timestamp: " + quoted(text));
      }
      if (instant.isBefore(MIN_TIMESTAMP) || instant.isAfter(MAX_TIMESTAMP)) {
        throw new Rejection("field '" + where(parent, field) + "' is out of range (years 0001 to 9999): "
            + quoted(text));
      }
      // not ChronoUnit.MICROS.between: it counts in nanoseconds, which overflow a long beyond 1677..2262
      return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    private String nullOrFail(Loc parent, String field, String expected) {
      JsonToken token = p.currentToken();
      if (token != JsonToken.VALUE_NULL) {
        throw new Rejection("field '" + where(parent, field) + "' is " + describe(token) + ": expected " + expected + " or null");
      }
      return null;
    }

    private static String describe(JsonToken token) {
      if (token == null) {
        return "missing";
      }
      return switch (token) {
        case START_ARRAY -> "an array";
        case START_OBJECT -> "an object";
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        case VALUE_NULL -> "null";
        default -> token.name();
      };
    }

    private static String quoted(String value) {
      if (value == null) {
        return "null";
      }
      return "'" + (value.length() > 200 ? value.substring(0, 200) + "..." : value) + "'";
    }
  }
}
