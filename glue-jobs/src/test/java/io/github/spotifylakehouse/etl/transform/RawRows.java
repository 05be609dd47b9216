package io.github.spotifylakehouse.etl.transform;

import io.github.spotifylakehouse.etl.TestSpark;
import io.github.spotifylakehouse.etl.schema.EntrySchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** In-memory raw files ({@link EntrySchema#RAW_FILE}) and small Spotify-shaped JSON bodies for them. */
final class RawRows {

  private RawRows() {
  }

  /** A raw file; {@link #rawFiles} numbers the files of one call in file order (run key, then path). */
  static Row file(String sourcePath, String date, String folderPlaylistId, String runKey, byte[] content) {
    return RowFactory.create(sourcePath, date, folderPlaylistId, runKey, -1, content, null);
  }

  static Row file(String sourcePath, String date, String folderPlaylistId, String runKey, String json) {
    return file(sourcePath, date, folderPlaylistId, runKey, json.getBytes(StandardCharsets.UTF_8));
  }

  static Dataset<Row> rawFiles(Row... files) {
    List<Row> ordered = new ArrayList<>(List.of(files));
    ordered.sort(java.util.Comparator.comparing((Row r) -> r.getString(3)).thenComparing(r -> r.getString(0)));
    List<Row> numbered = new ArrayList<>();
    for (Row r : ordered) {
      numbered.add(RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), numbered.size(), r.get(5), r.get(6)));
    }
    return TestSpark.session().createDataFrame(numbered, EntrySchema.RAW_FILE);
  }

  /** The entry rows of parsing {@code files}. */
  static Dataset<Row> entries(Row... files) {
    return ParseRawFiles.entries(ParseRawFiles.apply(rawFiles(files)));
  }

  /** The file rows ({@link EntrySchema#FILE}) of the files parsing {@code files} read. */
  static Dataset<Row> filesRead(Row... files) {
    return ParseRawFiles.files(ParseRawFiles.apply(rawFiles(files))).where("status = 'read'");
  }

  /** A paging object ({@code GET /playlists/{id}/items}) at {@code offset} holding {@code entries}. */
  static String page(String playlistId, int offset, String... entries) {
    return "{\"href\": \"https://api.spotify.com/v1/playlists/" + playlistId + "/items?offset=" + offset
        + "&limit=100\", \"items\": [" + String.join(",", entries) + "], \"limit\": 100, \"next\": null, "
        + "\"offset\": " + offset + ", \"previous\": null, \"total\": " + (offset + entries.length) + "}";
  }

  /** A playlist entry with the 2026 key {@code item}; {@code addedAt} may be null. */
  static String entry(String addedAt, String addedBy, String track) {
    return "{\"added_at\": " + quote(addedAt) + ", \"added_by\": "
        + (addedBy == null ? "null" : "{\"id\": " + quote(addedBy) + ", \"type\": \"user\"}")
        + ", \"is_local\": false, \"item\": " + track + "}";
  }

  static final class Track {
    private final String id;
    private String name = "Song";
    private Integer popularity;
    private String albumId = "album1";
    private String albumName = "Album";
    private String releaseDate = "2020-05-17";
    private String precision = "day";
    private final List<String> artists = new ArrayList<>();
    private final List<String> albumArtists = new ArrayList<>();

    Track(String id) {
      this.id = id;
    }

    Track name(String value) {
      name = value;
      return this;
    }

    Track popularity(Integer value) {
      popularity = value;
      return this;
    }

    Track album(String id, String albumName) {
      this.albumId = id;
      this.albumName = albumName;
      return this;
    }

    Track released(String date, String datePrecision) {
      releaseDate = date;
      precision = datePrecision;
      return this;
    }

    Track artist(String artistId, String artistName) {
      artists.add(artistJson(artistId, artistName));
      return this;
    }

    Track albumArtist(String artistId, String artistName) {
      albumArtists.add(artistJson(artistId, artistName));
      return this;
    }

    private static String artistJson(String id, String name) {
      return "{\"id\": " + quote(id) + ", \"name\": " + quote(name) + ", \"type\": \"artist\"}";
    }

    String json() {
      return "{\"album\": {\"album_type\": \"album\", \"artists\": [" + String.join(",", albumArtists) + "], "
          + "\"id\": " + quote(albumId) + ", \"name\": " + quote(albumName) + ", \"release_date\": "
          + quote(releaseDate) + ", \"release_date_precision\": " + quote(precision) + ", \"total_tracks\": 12}, "
          + "\"artists\": [" + String.join(",", artists) + "], \"disc_number\": 1, \"duration_ms\": 200000, "
          + "\"explicit\": false, \"external_ids\": {\"isrc\": \"ISRC" + id + "\"}, \"id\": " + quote(id)
          + ", \"name\": " + quote(name) + (popularity == null ? "" : ", \"popularity\": " + popularity)
          + ", \"track_number\": 3, \"type\": \"track\"}";
    }

    @Override
    public String toString() {
      return json();
    }
  }

  static Track track(String id) {
    return new Track(id);
  }

  static String quote(String text) {
    if (text == null) {
      return "null";
    }
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
