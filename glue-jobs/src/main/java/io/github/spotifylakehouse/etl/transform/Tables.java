package io.github.spotifylakehouse.etl.transform;

import static io.github.spotifylakehouse.etl.schema.EntrySchema.ADDED_AT;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ADDED_BY;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ALBUM_ARTISTS;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ALBUM_ID;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.ARTISTS;
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
 * Playlist entries ({@link EntrySchema#ENTRY}) to the lake's tables, one pure function per table, each
 * giving exactly one row per key and snapshot date, with the columns, order and types of its
 * {@link LakeTable} plus the partition column.
 *
 * <p>Within a snapshot date, an attribute that differs between extraction runs (popularity drifts, a name
 * gets corrected) is taken from the latest run: the greatest {@link EntrySchema#RUN_KEY}, then playlist,
 * file and position, so every choice is deterministic and a rerun writes the same bytes.
 */
public final class Tables {

  static final String SONG_ADDED = LakeTable.SONG.column("song_added").name();
  static final String SONG_ARTIST_ID = LakeTable.SONG.column("artist_id").name();
  static final String ARTIST_POSITION = LakeTable.SONG_ARTIST.column("artist_position").name();

  private Tables() {
  }

  /** The table {@code table} from the entries; {@code runs} are needed by {@link LakeTable#PLAYLIST_TRACK}. */
  public static Dataset<Row> build(LakeTable table, Dataset<Row> entries, Dataset<Row> runs) {
    return switch (table) {
      case ALBUM -> albums(entries);
      case ARTIST -> artists(entries);
      case SONG -> songs(entries);
      case SONG_ARTIST -> songArtists(entries);
      case PLAYLIST_TRACK -> playlistTracks(entries, runs);
    };
  }

  /** One row per song and day; {@code song_added} is the earliest {@code added_at} seen that day. */
  public static Dataset<Row> songs(Dataset<Row> entries) {
    List<Column> attributes = new ArrayList<>();
    for (String name : LakeTable.SONG.columnNames()) {
      if (name.equals(SONG_ARTIST_ID)) {
        // the first credited artist; guarded so an empty list is null even under ANSI mode
        attributes.add(when(size(col(ARTISTS)).gt(0), col(ARTISTS).getItem(0).getField(ARTIST_ID)).as(name));
      } else if (!name.equals(SONG_ID) && !name.equals(SONG_ADDED)) {
        attributes.add(col(name));
      }
    }
    Dataset<Row> songs = entries
        .groupBy(col(SNAPSHOT_DATE), col(SONG_ID))
        .agg(max_by(struct(attributes.toArray(new Column[0])), latestFirst()).as("latest"),
            min(col(ADDED_AT)).as(SONG_ADDED))
        .select(col(SNAPSHOT_DATE), col(SONG_ID), col("latest.*"), col(SONG_ADDED));
    return conform(songs, LakeTable.SONG);
  }

  /** One row per album and day (albums of the tracks; local files have none). */
  public static Dataset<Row> albums(Dataset<Row> entries) {
    List<Column> attributes = new ArrayList<>();
    for (String name : LakeTable.ALBUM.columnNames()) {
      if (!name.equals(ALBUM_ID)) {
        attributes.add(col(name));
      }
    }
    Dataset<Row> albums = entries
        .where(col(ALBUM_ID).isNotNull())
        .groupBy(col(SNAPSHOT_DATE), col(ALBUM_ID))
        .agg(max_by(struct(attributes.toArray(new Column[0])), latestFirst()).as("latest"))
        .select(col(SNAPSHOT_DATE), col(ALBUM_ID), col("latest.*"));
    return conform(albums, LakeTable.ALBUM);
  }

  /** One row per artist and day, from the tracks' and the albums' credits. */
  public static Dataset<Row> artists(Dataset<Row> entries) {
    Dataset<Row> artists = entries
        .select(col(SNAPSHOT_DATE), latestFirst().as("run"), explode(concat(col(ARTISTS), col(ALBUM_ARTISTS))).as("a"))
        .where(col("a." + ARTIST_ID).isNotNull())
        .groupBy(col(SNAPSHOT_DATE), col("a." + ARTIST_ID).as(ARTIST_ID))
        // name and link join the ordering so that a tie within one entry is still decided the same way
        .agg(max(struct(col("run"), col("a." + ARTIST_NAME).as(ARTIST_NAME), col("a." + ARTIST_URL).as(ARTIST_URL)))
            .as("latest"))
        .select(col(SNAPSHOT_DATE), col(ARTIST_ID), col("latest." + ARTIST_NAME), col("latest." + ARTIST_URL));
    return conform(artists, LakeTable.ARTIST);
  }

  /** Every credited artist of every song, in credit order, as the song's latest entry of the day has them. */
  public static Dataset<Row> songArtists(Dataset<Row> entries) {
    Dataset<Row> credits = entries
        .groupBy(col(SNAPSHOT_DATE), col(SONG_ID))
        .agg(max_by(col(ARTISTS), latestFirst()).as(ARTISTS))
        .select(col(SNAPSHOT_DATE), col(SONG_ID), posexplode(col(ARTISTS)).as(new String[] {"pos", "a"}))
        .where(col("a." + ARTIST_ID).isNotNull())
        // an artist credited twice on one track keeps its first place
        .groupBy(col(SNAPSHOT_DATE), col(SONG_ID), col("a." + ARTIST_ID).as(ARTIST_ID))
        .agg(min(col("pos")).as(ARTIST_POSITION));
    return conform(credits, LakeTable.SONG_ARTIST);
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

  /** Orders the entries of a day: the latest run first, then playlist, file and position. */
  static Column latestFirst() {
    return struct(col(RUN_KEY), col(PLAYLIST_ID), col(SOURCE_PATH), col(POSITION));
  }

  private static scala.collection.Seq<String> scalaSeq(String... names) {
    return scala.collection.JavaConverters.asScalaBuffer(List.of(names)).toSeq();
  }
}
