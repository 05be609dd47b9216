package io.github.spotifylakehouse.etl.transform;

import static io.github.spotifylakehouse.etl.schema.EntrySchema.ADDED_AT;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ADDED_BY;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ALBUM_ARTISTS;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ALBUM_ID;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ARTISTS;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ALBUM_NAME;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ALBUM_TYPE;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ALBUM_URL;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.DISC_NUMBER;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.DURATION_MS;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.EXPLICIT;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ISRC;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.POPULARITY;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.RELEASE_DATE;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.RELEASE_DATE_PRECISION;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.SONG_NAME;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.SONG_URL;
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
import static io.github.spotifylakehouse.etl.schema.EntrySchema.SOURCE_PATH;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
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
 * gets corrected) comes from the latest run: the greatest {@link EntrySchema#RUN_KEY}, then file and
 * position, so every choice is deterministic and a rerun writes the same bytes. The heavy step runs once:
 * {@link #songVersions} keeps each song's latest entry of the day, and songs, their credits, albums and
 * artists all derive from those versions (a track belongs to one album, so an album's latest version is
 * the latest entry that names it; an artist takes the name of the latest song version crediting it).
 */
public final class Tables {

  static final String SONG_ADDED = LakeTable.SONG.column("song_added").name();
  static final String SONG_ARTIST_ID = LakeTable.SONG.column("artist_id").name();
  static final String ARTIST_POSITION = LakeTable.SONG_ARTIST.column("artist_position").name();
  /** Column of {@link #songVersions}: where the version's entry stands in the day's order of entries. */
  static final String ORDER = "entry_order";

  private static final List<String> VERSION_COLUMNS = List.of(SONG_NAME, DURATION_MS, EXPLICIT, POPULARITY,
      TRACK_NUMBER, DISC_NUMBER, ISRC, SONG_URL, ALBUM_ID, ALBUM_NAME, ALBUM_TYPE, RELEASE_DATE,
      RELEASE_DATE_PRECISION, TOTAL_TRACKS, ALBUM_URL, ARTISTS, ALBUM_ARTISTS);

  private Tables() {
  }

  /**
   * The table {@code table}.
   *
   * @param entries playlist entries ({@link EntrySchema#ENTRY})
   * @param versions {@link #songVersions} of those entries (computed once, shared by four tables)
   * @param runs the runs whose files were read, for {@link LakeTable#PLAYLIST_TRACK}
   */
  public static Dataset<Row> build(LakeTable table, Dataset<Row> entries, Dataset<Row> versions, Dataset<Row> runs) {
    return switch (table) {
      case ALBUM -> albums(versions);
      case ARTIST -> artists(versions);
      case SONG -> songs(versions);
      case SONG_ARTIST -> songArtists(versions);
      case PLAYLIST_TRACK -> playlistTracks(entries, runs);
    };
  }

  /**
   * One row per song and day: the columns of the song's latest entry (album and credits included), its
   * place in the day's order ({@value #ORDER}) and {@code song_added}, the earliest {@code added_at} of
   * all its entries that day.
   */
  public static Dataset<Row> songVersions(Dataset<Row> entries) {
    List<Column> kept = new ArrayList<>();
    for (String name : VERSION_COLUMNS) {
      kept.add(col(name));
    }
    kept.add(latestFirst().as(ORDER));
    return entries
        .groupBy(col(SNAPSHOT_DATE), col(SONG_ID))
        .agg(max_by(struct(kept.toArray(new Column[0])), latestFirst()).as("latest"),
            min(col(ADDED_AT)).as(SONG_ADDED))
        .select(col(SNAPSHOT_DATE), col(SONG_ID), col("latest.*"), col(SONG_ADDED));
  }

  /** One row per song and day; {@code artist_id} is the first credited artist. */
  public static Dataset<Row> songs(Dataset<Row> versions) {
    // guarded so that an empty credit list is null even under ANSI mode
    Column firstArtist = when(size(col(ARTISTS)).gt(0), col(ARTISTS).getItem(0).getField(ARTIST_ID));
    return conform(versions.withColumn(SONG_ARTIST_ID, firstArtist), LakeTable.SONG);
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
      if (!name.equals(ALBUM_ID)) {
        attributes.add(col(name));
      }
    }
    Dataset<Row> albums = versions
        .where(col(ALBUM_ID).isNotNull())
        .groupBy(col(SNAPSHOT_DATE), col(ALBUM_ID))
        .agg(max_by(struct(attributes.toArray(new Column[0])), col(ORDER)).as("latest"))
        .select(col(SNAPSHOT_DATE), col(ALBUM_ID), col("latest.*"));
    return conform(albums, LakeTable.ALBUM);
  }

  /** One row per artist and day, from the songs' and their albums' credits. */
  public static Dataset<Row> artists(Dataset<Row> versions) {
    Dataset<Row> artists = versions
        .select(col(SNAPSHOT_DATE), col(ORDER), explode(concat(col(ARTISTS), col(ALBUM_ARTISTS))).as("a"))
        .where(col("a." + ARTIST_ID).isNotNull())
        .groupBy(col(SNAPSHOT_DATE), col("a." + ARTIST_ID).as(ARTIST_ID))
        // name and link join the ordering so that a tie within one version is still decided the same way
        .agg(max(struct(col(ORDER), col("a." + ARTIST_NAME).as(ARTIST_NAME), col("a." + ARTIST_URL).as(ARTIST_URL)))
            .as("latest"))
        .select(col(SNAPSHOT_DATE), col(ARTIST_ID), col("latest." + ARTIST_NAME), col("latest." + ARTIST_URL));
    return conform(artists, LakeTable.ARTIST);
  }

  /**
   * The entries of each playlist's latest run of the day, one row per position.
   *
   * @param runs the runs whose files were read: {@code snapshot_date, playlist_id, run_key} (a run counts
   *     even when all its entries were skipped, so an emptied playlist is empty rather than stale)
   */
  public static Dataset<Row> playlistTracks(Dataset<Row> entries, Dataset<Row> runs) {
    Dataset<Row> latestRuns = runs
        .groupBy(col(SNAPSHOT_DATE), col(PLAYLIST_ID))
        .agg(max(col(RUN_KEY)).as(RUN_KEY));
    Dataset<Row> tracks = entries
        .join(broadcast(latestRuns), scalaSeq(SNAPSHOT_DATE, PLAYLIST_ID, RUN_KEY))
        // overlapping pages of one run (a playlist object and an items page from offset 0) hold the same
        // entries: any is right, the greatest file name is chosen to stay deterministic
        .groupBy(col(SNAPSHOT_DATE), col(PLAYLIST_ID), col(POSITION))
        .agg(max(struct(col(SOURCE_PATH), col(SONG_ID), col(ADDED_AT), col(ADDED_BY))).as("latest"))
        .select(col(SNAPSHOT_DATE), col(PLAYLIST_ID), col(POSITION), col("latest." + SONG_ID),
            col("latest." + ADDED_AT), col("latest." + ADDED_BY));
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

  /** Orders the entries of a day: the latest run first, then file and position (a file is one playlist's). */
  static Column latestFirst() {
    return struct(col(RUN_KEY), col(SOURCE_PATH), col(POSITION));
  }

  private static scala.collection.Seq<String> scalaSeq(String... names) {
    return scala.collection.JavaConverters.asScalaBuffer(List.of(names)).toSeq();
  }
}
