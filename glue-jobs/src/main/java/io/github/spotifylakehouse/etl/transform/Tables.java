package io.github.spotifylakehouse.etl.transform;

import static io.github.spotifylakehouse.etl.schema.EntrySchema.ADDED_AT;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ALBUM_ARTISTS;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ALBUM_ID;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ARTISTS;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ALBUM_URL;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ARTIST_URL;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.FILE_ENTRIES;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.FILE_OFFSET;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.FILE_ORDER;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.SONG_URL;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ALBUM_NAME;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ALBUM_TYPE;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.DISC_NUMBER;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.DURATION_MS;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.EXPLICIT;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ISRC;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.POPULARITY;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.RELEASE_DATE;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.RELEASE_DATE_PRECISION;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.SONG_NAME;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.TOTAL_TRACKS;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.TRACK_NUMBER;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ARTIST_ID;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ARTIST_NAME;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ARTIST_URL;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.PLAYLIST_ID;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.POSITION;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.RUN_KEY;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.SNAPSHOT_DATE;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.SONG_ID;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.github.spotifylakehouse.etl.schema.EntrySchema;
import io.github.spotifylakehouse.lake.LakeTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Playlist entries ({@link EntrySchema#ENTRY}) to the lake's tables, as pure functions, each giving
 * exactly one row per key and snapshot date, with the columns, order and types of its {@link LakeTable}
 * plus the partition column.
 *
 * <p>Within a snapshot date an attribute that differs between extraction runs (popularity drifts, a name
 * gets corrected) comes from the latest run: entries are ordered by {@link EntrySchema#entryOrder()} (run,
 * then file, then position), so every choice is deterministic and a rerun writes the same bytes. The heavy
 * step runs once: {@link #songVersions} keeps each song's latest entry of the day, and songs, their
 * credits, albums and artists all derive from those versions (a track belongs to one album, so an album's
 * latest version is the latest entry that names it; an artist takes the name of the latest song version
 * crediting it). Links are made from ids ({@code https://open.spotify.com/track/<id>}, as the API's own).
 */
public final class Tables {

  static final String SONG_ADDED = LakeTable.SONG.column("song_added").name();
  static final String SONG_ARTIST_ID = LakeTable.SONG.column("artist_id").name();
  static final String ARTIST_POSITION = LakeTable.SONG_ARTIST.column("artist_position").name();
  /** Column of {@link #songVersions}: the version's {@link EntrySchema#entryOrder()}. */
  static final String ORDER = "entry_order";
  /** Prefix of the links the Web API gives as {@code external_urls.spotify}. */
  static final String OPEN_SPOTIFY = "https://open.spotify.com/";

  private static final List<String> VERSION_COLUMNS = List.of(SONG_NAME, DURATION_MS, EXPLICIT, POPULARITY,
      TRACK_NUMBER, DISC_NUMBER, ISRC, ALBUM_ID, ALBUM_NAME, ALBUM_TYPE, RELEASE_DATE, RELEASE_DATE_PRECISION,
      TOTAL_TRACKS, ARTISTS, ALBUM_ARTISTS);

  private Tables() {
  }

  /**
   * The table {@code table}.
   *
   * @param entries playlist entries ({@link EntrySchema#ENTRY})
   * @param versions {@link #songVersions} of those entries (computed once, shared by four tables); may be null
   *     for a table that does not {@link #usesSongVersions use them}
   * @param files the files that were read ({@link EntrySchema#FILE}), for {@link LakeTable#PLAYLIST_TRACK}
   */
  public static Dataset<Row> build(LakeTable table, Dataset<Row> entries, Dataset<Row> versions, Dataset<Row> files) {
    return switch (table) {
      case ALBUM -> albums(versions);
      case ARTIST -> artists(versions);
      case SONG -> songs(versions);
      case SONG_ARTIST -> songArtists(versions);
      case PLAYLIST_TRACK -> playlistTracks(entries, files);
      case PLAYLIST -> playlists(files);
    };
  }

  /** Whether {@link #build} reads the {@link #songVersions} for {@code table} (it ignores them otherwise). */
  public static boolean usesSongVersions(LakeTable table) {
    return table != LakeTable.PLAYLIST_TRACK && table != LakeTable.PLAYLIST;
  }

  /**
   * One row per playlist and day, as the day's latest playlist object has it (the latest run, then the last
   * file; only a playlist object, {@code GET /playlists/{id}}, describes the playlist). A playlist read only
   * from loose paging files has no row.
   *
   * @param files the files that were read ({@link EntrySchema#FILE})
   */
  public static Dataset<Row> playlists(Dataset<Row> files) {
    Dataset<Row> playlists = files
        .where(col(EntrySchema.FILE_PLAYLIST).isNotNull())
        .groupBy(col(SNAPSHOT_DATE), col(PLAYLIST_ID))
        .agg(max_by(col(EntrySchema.FILE_PLAYLIST), col(FILE_ORDER)).as("latest"))
        .select(col(SNAPSHOT_DATE), col(PLAYLIST_ID), col("latest.*"))
        .withColumn(EntrySchema.PLAYLIST_URL, link("playlist/", col(PLAYLIST_ID)));
    return conform(playlists, LakeTable.PLAYLIST);
  }

  /**
   * One row per song and day: the columns of the song's latest entry (album and credits included), its
   * order ({@value #ORDER}) and {@code song_added}, the earliest {@code added_at} of all its entries that
   * day. The latest entry is found with a hash aggregation on numbers and a broadcast join back to the
   * entries, so the wide rows are never sorted or shuffled.
   */
  public static Dataset<Row> songVersions(Dataset<Row> entries) {
    Dataset<Row> ordered = entries.withColumn(ORDER, EntrySchema.entryOrder());
    Dataset<Row> latest = ordered
        .groupBy(col(SNAPSHOT_DATE), col(SONG_ID))
        .agg(max(col(ORDER)).as(ORDER), min(col(ADDED_AT)).as(SONG_ADDED));
    List<Column> columns = new ArrayList<>(List.of(col(SNAPSHOT_DATE), col(SONG_ID)));
    for (String name : VERSION_COLUMNS) {
      columns.add(col(name));
    }
    columns.add(col(ORDER));
    columns.add(col(SONG_ADDED));
    return ordered
        .join(broadcast(latest), scalaSeq(SNAPSHOT_DATE, SONG_ID, ORDER))
        .select(columns.toArray(new Column[0]));
  }

  /** One row per song and day; {@code artist_id} is the first credited artist. */
  public static Dataset<Row> songs(Dataset<Row> versions) {
    // guarded so that an empty credit list is null even under ANSI mode
    Column firstArtist = when(size(col(ARTISTS)).gt(0), col(ARTISTS).getItem(0).getField(ARTIST_ID));
    return conform(versions
        .withColumn(SONG_ARTIST_ID, firstArtist)
        .withColumn(SONG_URL, link("track/", col(SONG_ID))), LakeTable.SONG);
  }

  /** Every credited artist of every song, in credit order; an artist credited twice keeps its first place. */
  public static Dataset<Row> songArtists(Dataset<Row> versions) {
    Dataset<Row> credits = versions
        .select(col(SNAPSHOT_DATE), col(SONG_ID), posexplode(col(ARTISTS)).as(new String[] {"pos", "a"}))
        .where(col("a." + ARTIST_ID).isNotNull())
        .groupBy(col(SNAPSHOT_DATE), col(SONG_ID), col("a." + ARTIST_ID).as(ARTIST_ID))
        .agg(min(col("pos")).as(ARTIST_POSITION));
    return conform(credits, LakeTable.SONG_ARTIST);
  }

  /** One row per album and day, as the latest song version on it has it. */
  public static Dataset<Row> albums(Dataset<Row> versions) {
    List<Column> attributes = new ArrayList<>();
    for (String name : LakeTable.ALBUM.columnNames()) {
      if (!name.equals(ALBUM_ID) && !name.equals(ALBUM_URL)) {
        attributes.add(col(name));
      }
    }
    Dataset<Row> albums = versions
        .where(col(ALBUM_ID).isNotNull())
        .groupBy(col(SNAPSHOT_DATE), col(ALBUM_ID))
        .agg(max_by(struct(attributes.toArray(new Column[0])), col(ORDER)).as("latest"))
        .select(col(SNAPSHOT_DATE), col(ALBUM_ID), col("latest.*"))
        .withColumn(ALBUM_URL, link("album/", col(ALBUM_ID)));
    return conform(albums, LakeTable.ALBUM);
  }

  /** One row per artist and day, from the songs' and their albums' credits. */
  public static Dataset<Row> artists(Dataset<Row> versions) {
    Dataset<Row> artists = versions
        .select(col(SNAPSHOT_DATE), col(ORDER), explode(concat(col(ARTISTS), col(ALBUM_ARTISTS))).as("a"))
        .where(col("a." + ARTIST_ID).isNotNull())
        .groupBy(col(SNAPSHOT_DATE), col("a." + ARTIST_ID).as(ARTIST_ID))
        // the name joins the ordering so that a tie within one version is still decided the same way
        .agg(max(struct(col(ORDER), col("a." + ARTIST_NAME).as(ARTIST_NAME))).as("latest"))
        .select(col(SNAPSHOT_DATE), col(ARTIST_ID), col("latest." + ARTIST_NAME))
        .withColumn(ARTIST_URL, link("artist/", col(ARTIST_ID)));
    return conform(artists, LakeTable.ARTIST);
  }

  /**
   * The entries of each playlist's latest run of the day, one row per position. Pages of one run that
   * overlap (a playlist object and an items page from offset 0 hold the same first entries) are settled by
   * file: a position comes from the last file of the run that holds it. Both steps are broadcast joins
   * against the small file list, so the entries are neither sorted nor shuffled here.
   *
   * @param files the files that were read ({@link EntrySchema#FILE}; a run counts even when all its entries
   *     were skipped, so an emptied playlist is empty rather than stale)
   */
  public static Dataset<Row> playlistTracks(Dataset<Row> entries, Dataset<Row> files) {
    Dataset<Row> latestRuns = files
        .groupBy(col(SNAPSHOT_DATE), col(PLAYLIST_ID))
        .agg(max(col(RUN_KEY)).as(RUN_KEY));
    Dataset<Row> latestFiles = files
        .join(latestRuns, scalaSeq(SNAPSHOT_DATE, PLAYLIST_ID, RUN_KEY))
        .select(col(SNAPSHOT_DATE), col(PLAYLIST_ID), col(FILE_ORDER), col(FILE_OFFSET).as("lo"),
            col(FILE_OFFSET).plus(col(FILE_ENTRIES)).as("hi"));
    Dataset<Row> shadowed = latestFiles.as("a")
        .join(latestFiles.as("b"), col("a." + SNAPSHOT_DATE).equalTo(col("b." + SNAPSHOT_DATE))
            .and(col("a." + PLAYLIST_ID).equalTo(col("b." + PLAYLIST_ID)))
            .and(col("b." + FILE_ORDER).gt(col("a." + FILE_ORDER)))
            .and(col("b.lo").lt(col("a.hi")))
            .and(col("a.lo").lt(col("b.hi"))))
        .select(col("a." + FILE_ORDER).as("shadowed_file"), col("b.lo").as("shadowed_lo"),
            col("b.hi").as("shadowed_hi"));
    Dataset<Row> tracks = entries
        .join(broadcast(latestFiles.select(col(FILE_ORDER))), FILE_ORDER)
        .join(broadcast(shadowed), col(FILE_ORDER).equalTo(col("shadowed_file"))
            .and(col(POSITION).geq(col("shadowed_lo")))
            .and(col(POSITION).lt(col("shadowed_hi"))), "left_anti");
    return conform(tracks, LakeTable.PLAYLIST_TRACK);
  }

  /** The columns of {@code table} in order, cast to the contract's types, then the partition column. */
  public static Dataset<Row> conform(Dataset<Row> rows, LakeTable table) {
    List<Column> columns = new ArrayList<>();
    for (io.github.spotifylakehouse.lake.Column column : table.columns()) {
      columns.add(col(column.name()).cast(EntrySchema.sparkType(column)).as(column.name()));
    }
    columns.add(col(LakeTable.PARTITION_COLUMN));
    return rows.select(columns.toArray(new Column[0]));
  }

  private static Column link(String kind, Column id) {
    return when(id.isNotNull(), concat(lit(OPEN_SPOTIFY + kind), id));
  }

  private static scala.collection.Seq<String> scalaSeq(String... names) {
    return scala.collection.JavaConverters.asScalaBuffer(List.of(names)).toSeq();
  }
}
