package io.github.spotifylakehouse.lake;

import static io.github.spotifylakehouse.lake.Column.bigint;
import static io.github.spotifylakehouse.lake.Column.bool;
import static io.github.spotifylakehouse.lake.Column.date;
import static io.github.spotifylakehouse.lake.Column.integer;
import static io.github.spotifylakehouse.lake.Column.string;
import static io.github.spotifylakehouse.lake.Column.timestamp;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The tables the job writes, their columns in output order, and their keys. Every table is partitioned
 * by {@link #PARTITION_COLUMN}; the key is unique within a partition.
 *
 * <p>Output locations, relative to the lake root:
 * <pre>
 * transformed_data/album_data/snapshot_date=2026-11-21/part-....csv           CSV, header, RFC 4180 quoting
 * transformed_data/iceberg/album/data/..., .../metadata/...                   Iceberg table (see LakeCatalog)
 * </pre>
 */
public enum LakeTable {

  ALBUM("album",
      List.of("album_id"),
      string("album_id", "Spotify album id"),
      string("album_name", "Album title"),
      string("album_type", "album, single or compilation"),
      date("release_date", "Release date; the first day of the period for year or month precision"),
      string("release_date_precision", "year, month or day"),
      integer("total_tracks", "Number of tracks on the album"),
      string("album_url", "open.spotify.com link")),

  ARTIST("artist",
      List.of("artist_id"),
      string("artist_id", "Spotify artist id"),
      string("artist_name", "Artist name"),
      string("artist_url", "open.spotify.com link")),

  SONG("song",
      List.of("song_id"),
      string("song_id", "Spotify track id"),
      string("song_name", "Track title"),
      integer("duration_ms", "Duration in milliseconds"),
      bool("explicit", "Explicit lyrics"),
      integer("popularity", "0-100; null when the API no longer sends it"),
      integer("track_number", "Position on its disc"),
      integer("disc_number", "Disc number"),
      string("isrc", "International Standard Recording Code"),
      string("album_id", "Album of the track"),
      string("artist_id", "First credited artist"),
      string("song_url", "open.spotify.com link"),
      timestamp("song_added", "Earliest added_at seen for the track that day (UTC)")),

  SONG_ARTIST("song_artist",
      List.of("song_id", "artist_id"),
      string("song_id", "Spotify track id"),
      string("artist_id", "Credited artist"),
      integer("artist_position", "0-based order of the credit on the track")),

  PLAYLIST_TRACK("playlist_track",
      List.of("playlist_id", "position"),
      string("playlist_id", "Spotify playlist id"),
      integer("position", "0-based position in the playlist, from the latest extraction of that day"),
      string("song_id", "Spotify track id"),
      timestamp("added_at", "When the entry was added (UTC); null on very old playlists"),
      string("added_by", "User id that added the entry; null when unknown")),

  PLAYLIST("playlist",
      List.of("playlist_id"),
      string("playlist_id", "Spotify playlist id"),
      string("playlist_name", "Playlist name, from the latest extraction of that day"),
      string("description", "Description as the API sends it (may hold HTML entities)"),
      string("owner_id", "User id of the owner"),
      string("owner_display_name", "Display name of the owner; null when the API sends none"),
      bool("is_public", "Public on the owner's profile; null when the API does not say"),
      bool("is_collaborative", "Collaborative playlist"),
      string("snapshot_id", "Version of the playlist that extraction read"),
      bigint("followers", "Follower total; null when the API does not send it"),
      string("playlist_url", "open.spotify.com link"));

  /** Partition column of every table: the extraction date of the raw files (ISO date). */
  public static final String PARTITION_COLUMN = "snapshot_date";
  /**
   * Catalog type of the partition column of the CSV tables (Hive-style path value, as a crawler registers
   * it). In the Iceberg tables it is a {@code date} ({@link LakeCatalog#PARTITION_TYPE}).
   */
  public static final String PARTITION_TYPE = "string";
  /** Parent of all job output. */
  public static final String TRANSFORMED_ROOT = "transformed_data/";
  /** Parent of the Iceberg tables' folders (data and metadata). */
  public static final String ICEBERG_ROOT = TRANSFORMED_ROOT + "iceberg/";
  /** Suffix of the CSV tables' catalog names: the plain names are the Iceberg tables'. */
  public static final String CSV_TABLE_SUFFIX = "_csv";
  /** Where the job writes its run summaries (JSON), beside the tables. */
  public static final String SUMMARY_PREFIX = TRANSFORMED_ROOT + "_job_runs/";

  private final String tableName;
  private final List<String> keyColumns;
  private final List<Column> columns;

  LakeTable(String tableName, List<String> keyColumns, Column... columns) {
    this.tableName = tableName;
    this.keyColumns = List.copyOf(keyColumns);
    this.columns = List.of(columns);
    for (String key : keyColumns) {
      column(key);
    }
  }

  /** Table name in the catalog, that of the Iceberg table: {@code album}, {@code artist}, {@code song}, ... */
  public String tableName() {
    return tableName;
  }

  /** Catalog name of the CSV copy, e.g. {@code album_csv} (Athena reads it through the CSV SerDe). */
  public String csvTableName() {
    return tableName + CSV_TABLE_SUFFIX;
  }

  /** Columns in output order, without the partition column. */
  public List<Column> columns() {
    return columns;
  }

  /** Column names in output order, without the partition column. */
  public List<String> columnNames() {
    return columns.stream().map(Column::name).collect(Collectors.toList());
  }

  /** Columns that identify a row within a snapshot date. */
  public List<String> keyColumns() {
    return keyColumns;
  }

  /** The column called {@code name}; fails naming the table when there is none. */
  public Column column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(
        () -> new IllegalArgumentException("Table " + tableName + " has no column '" + name + "'"));
  }

  /** CSV output prefix relative to the lake root, e.g. {@code transformed_data/album_data/}. */
  public String csvPrefix() {
    return TRANSFORMED_ROOT + tableName + "_data/";
  }

  /** The Iceberg table's location relative to the lake root, e.g. {@code transformed_data/iceberg/album/}. */
  public String icebergPrefix() {
    return ICEBERG_ROOT + tableName + "/";
  }

  /** Spark SQL DDL of the columns (without the partition column), e.g. {@code album_id string, ...}. */
  public String ddl() {
    return columns.stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", "));
  }

  /** The table whose catalog name is {@code name} (case-insensitive). */
  public static LakeTable byName(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (LakeTable table : values()) {
      if (table.tableName.equals(wanted)) {
        return table;
      }
    }
    throw new IllegalArgumentException("Unknown table '" + name + "'; known: "
        + java.util.Arrays.stream(values()).map(LakeTable::tableName).collect(Collectors.joining(", ")));
  }
}
