package io.github.spotifylakehouse.etl.schema;

import io.github.spotifylakehouse.lake.Column;
import io.github.spotifylakehouse.lake.LakeTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The explicit Spark schemas between the raw files and the tables. Raw JSON is never schema-inferred: it
 * is parsed by {@link RawResponseParser} into rows of {@link #ENTRY}, whose columns carry the lake's own
 * names and types (taken from {@link LakeTable}, never retyped) plus a few the job uses internally.
 */
public final class EntrySchema {

  /** Snapshot date (ISO string, the partition value) of the file the entry came from. */
  public static final String SNAPSHOT_DATE = LakeTable.PARTITION_COLUMN;
  public static final String PLAYLIST_ID = name(LakeTable.PLAYLIST_TRACK, "playlist_id");
  public static final String POSITION = name(LakeTable.PLAYLIST_TRACK, "position");
  public static final String ADDED_AT = name(LakeTable.PLAYLIST_TRACK, "added_at");
  public static final String ADDED_BY = name(LakeTable.PLAYLIST_TRACK, "added_by");
  public static final String SONG_ID = name(LakeTable.SONG, "song_id");
  public static final String SONG_NAME = name(LakeTable.SONG, "song_name");
  public static final String DURATION_MS = name(LakeTable.SONG, "duration_ms");
  public static final String EXPLICIT = name(LakeTable.SONG, "explicit");
  public static final String POPULARITY = name(LakeTable.SONG, "popularity");
  public static final String TRACK_NUMBER = name(LakeTable.SONG, "track_number");
  public static final String DISC_NUMBER = name(LakeTable.SONG, "disc_number");
  public static final String ISRC = name(LakeTable.SONG, "isrc");
  public static final String SONG_URL = name(LakeTable.SONG, "song_url");
  public static final String ALBUM_ID = name(LakeTable.ALBUM, "album_id");
  public static final String ALBUM_NAME = name(LakeTable.ALBUM, "album_name");
  public static final String ALBUM_TYPE = name(LakeTable.ALBUM, "album_type");
  public static final String RELEASE_DATE = name(LakeTable.ALBUM, "release_date");
  public static final String RELEASE_DATE_PRECISION = name(LakeTable.ALBUM, "release_date_precision");
  public static final String TOTAL_TRACKS = name(LakeTable.ALBUM, "total_tracks");
  public static final String ALBUM_URL = name(LakeTable.ALBUM, "album_url");
  public static final String ARTIST_ID = name(LakeTable.ARTIST, "artist_id");
  public static final String ARTIST_NAME = name(LakeTable.ARTIST, "artist_name");
  public static final String ARTIST_URL = name(LakeTable.ARTIST, "artist_url");
  public static final String PLAYLIST_NAME = name(LakeTable.PLAYLIST, "playlist_name");
  public static final String DESCRIPTION = name(LakeTable.PLAYLIST, "description");
  public static final String OWNER_ID = name(LakeTable.PLAYLIST, "owner_id");
  public static final String OWNER_DISPLAY_NAME = name(LakeTable.PLAYLIST, "owner_display_name");
  public static final String IS_PUBLIC = name(LakeTable.PLAYLIST, "is_public");
  public static final String IS_COLLABORATIVE = name(LakeTable.PLAYLIST, "is_collaborative");
  public static final String SNAPSHOT_ID = name(LakeTable.PLAYLIST, "snapshot_id");
  public static final String FOLLOWERS = name(LakeTable.PLAYLIST, "followers");
  public static final String PLAYLIST_URL = name(LakeTable.PLAYLIST, "playlist_url");

  /** Internal: credited artists of the track, in order (array of {@link #ARTIST}). */
  public static final String ARTISTS = "artists";
  /** Internal: credited artists of the album (array of {@link #ARTIST}). */
  public static final String ALBUM_ARTISTS = "album_artists";
  /** Internal: orders extraction runs of a day; the greatest is the latest (run id, or loose file stamp). */
  public static final String RUN_KEY = "run_key";
  /** Internal: the raw file, relative to the lake root. */
  public static final String SOURCE_PATH = "source_path";
  /**
   * Internal: the file's place among all files read, ordered by {@link #RUN_KEY} then path; with the
   * position it orders the entries of a day (see {@link #entryOrder}), as a number so aggregations on it
   * hash instead of sorting.
   */
  public static final String FILE_ORDER = "file_order";

  /** A credited artist. */
  public static final StructType ARTIST = new StructType(new StructField[] {
      field(LakeTable.ARTIST, ARTIST_ID), field(LakeTable.ARTIST, ARTIST_NAME)});

  /**
   * One playlist entry that becomes rows. Every column is nullable: {@link #PARSED} shares these columns
   * with its file rows, where they are null.
   */
  public static final StructType ENTRY = new StructType(new StructField[] {
      DataTypes.createStructField(SNAPSHOT_DATE, DataTypes.StringType, true),
      DataTypes.createStructField(PLAYLIST_ID, DataTypes.StringType, true),
      DataTypes.createStructField(FILE_ORDER, DataTypes.IntegerType, true),
      field(LakeTable.PLAYLIST_TRACK, POSITION),
      field(LakeTable.PLAYLIST_TRACK, ADDED_AT),
      field(LakeTable.PLAYLIST_TRACK, ADDED_BY),
      field(LakeTable.SONG, SONG_ID),
      field(LakeTable.SONG, SONG_NAME),
      field(LakeTable.SONG, DURATION_MS),
      field(LakeTable.SONG, EXPLICIT),
      field(LakeTable.SONG, POPULARITY),
      field(LakeTable.SONG, TRACK_NUMBER),
      field(LakeTable.SONG, DISC_NUMBER),
      field(LakeTable.SONG, ISRC),
      field(LakeTable.ALBUM, ALBUM_ID),
      field(LakeTable.ALBUM, ALBUM_NAME),
      field(LakeTable.ALBUM, ALBUM_TYPE),
      field(LakeTable.ALBUM, RELEASE_DATE),
      field(LakeTable.ALBUM, RELEASE_DATE_PRECISION),
      field(LakeTable.ALBUM, TOTAL_TRACKS),
      DataTypes.createStructField(ARTISTS, DataTypes.createArrayType(ARTIST, false), true),
      DataTypes.createStructField(ALBUM_ARTISTS, DataTypes.createArrayType(ARTIST, false), true)});

  /** Column of {@link #PARSED}: set on the one row per file that reports it, null on entry rows. */
  public static final String FILE_RESULT = "file_result";
  public static final String FILE_PATH = "path";
  public static final String FILE_STATUS = "status";
  public static final String FILE_REASON = "reason";
  public static final String FILE_SHAPE = "shape";
  public static final String FILE_ENTRY_KEY = "entry_key";
  /** In {@link #FILE}: the page's offset, the position of its first entry. */
  public static final String FILE_OFFSET = "page_offset";
  /** In {@link #FILE}: entries in the page, skipped ones included (positions offset .. offset + entries - 1). */
  public static final String FILE_ENTRIES = "entries";
  public static final String FILE_BYTES = "bytes";
  /** {@link #FILE_STATUS} of a file that was read. */
  public static final String STATUS_READ = "read";
  /** {@link #FILE_STATUS} of a file that is not JSON or not one of the shapes. */
  public static final String STATUS_REJECTED = "rejected";

  /** In {@link #FILE}: the playlist's own fields ({@link #PLAYLIST}) when the file is a playlist object, else null. */
  public static final String FILE_PLAYLIST = "playlist";
  /** Text values of the file that hold a character the CSV copy replaces ({@code ParsedFile#unsafeTexts}). */
  public static final String FILE_UNSAFE_TEXTS = "unsafe_texts";

  /** What a playlist object says of the playlist: the {@code playlist} table's columns that the API sends. */
  public static final StructType PLAYLIST = new StructType(new StructField[] {
      field(LakeTable.PLAYLIST, PLAYLIST_NAME), field(LakeTable.PLAYLIST, DESCRIPTION),
      field(LakeTable.PLAYLIST, OWNER_ID), field(LakeTable.PLAYLIST, OWNER_DISPLAY_NAME),
      field(LakeTable.PLAYLIST, IS_PUBLIC), field(LakeTable.PLAYLIST, IS_COLLABORATIVE),
      field(LakeTable.PLAYLIST, SNAPSHOT_ID), field(LakeTable.PLAYLIST, FOLLOWERS)});

  /** What one file held (or why it was rejected); skipped entries per {@link SkipKind} as {@code skipped_<key>}. */
  public static final StructType FILE = fileStruct();

  /** Output of parsing: entry rows (file_result null) and one file row per file (entry columns null). */
  public static final StructType PARSED = ENTRY.add(DataTypes.createStructField(FILE_RESULT, FILE, true));

  /** Input of parsing: one row per raw file with its place in the layout and its bytes. */
  public static final StructType RAW_FILE = new StructType(new StructField[] {
      DataTypes.createStructField(SOURCE_PATH, DataTypes.StringType, false),
      DataTypes.createStructField(SNAPSHOT_DATE, DataTypes.StringType, false),
      DataTypes.createStructField(PLAYLIST_ID, DataTypes.StringType, true),
      DataTypes.createStructField(RUN_KEY, DataTypes.StringType, false),
      DataTypes.createStructField(FILE_ORDER, DataTypes.IntegerType, false),
      DataTypes.createStructField("content", DataTypes.BinaryType, false),
      DataTypes.createStructField("read_error", DataTypes.StringType, true)});
  /** Column of {@link #RAW_FILE} holding the file's bytes (none when it could not be read). */
  public static final String CONTENT = "content";
  /** Column of {@link #RAW_FILE}: why the file's bytes could not be read (too large, I/O error); else null. */
  public static final String READ_ERROR = "read_error";

  private EntrySchema() {
  }

  /** Spark type of a lake column type ({@link Column#type()}). */
  public static DataType sparkType(Column column) {
    return switch (column.type()) {
      case "string" -> DataTypes.StringType;
      case "int" -> DataTypes.IntegerType;
      case "bigint" -> DataTypes.LongType;
      case "boolean" -> DataTypes.BooleanType;
      case "date" -> DataTypes.DateType;
      case "timestamp" -> DataTypes.TimestampType;
      default -> throw new IllegalArgumentException("No Spark type for column " + column.name() + " of type "
          + column.type());
    };
  }

  /**
   * The order of an entry within its day: {@link #FILE_ORDER}, then {@link #POSITION}, as one long; the
   * greatest is the entry of the latest run.
   */
  public static org.apache.spark.sql.Column entryOrder() {
    return org.apache.spark.sql.functions.col(FILE_ORDER).cast(DataTypes.LongType).multiply(1L << 32)
        .plus(org.apache.spark.sql.functions.col(POSITION).cast(DataTypes.LongType));
  }

  /** Column name of the skipped-entry count of {@code kind} in {@link #FILE}. */
  public static String skippedColumn(SkipKind kind) {
    return "skipped_" + kind.key();
  }

  private static StructType fileStruct() {
    List<StructField> fields = new ArrayList<>(List.of(
        DataTypes.createStructField(FILE_PATH, DataTypes.StringType, false),
        DataTypes.createStructField(SNAPSHOT_DATE, DataTypes.StringType, false),
        DataTypes.createStructField(PLAYLIST_ID, DataTypes.StringType, true),
        DataTypes.createStructField(RUN_KEY, DataTypes.StringType, false),
        DataTypes.createStructField(FILE_ORDER, DataTypes.IntegerType, false),
        DataTypes.createStructField(FILE_STATUS, DataTypes.StringType, false),
        DataTypes.createStructField(FILE_REASON, DataTypes.StringType, true),
        DataTypes.createStructField(FILE_SHAPE, DataTypes.StringType, true),
        DataTypes.createStructField(FILE_ENTRY_KEY, DataTypes.StringType, true),
        DataTypes.createStructField(FILE_OFFSET, DataTypes.IntegerType, false),
        DataTypes.createStructField(FILE_ENTRIES, DataTypes.IntegerType, false),
        DataTypes.createStructField(FILE_BYTES, DataTypes.LongType, false)));
    for (SkipKind kind : SkipKind.values()) {
      fields.add(DataTypes.createStructField(skippedColumn(kind), DataTypes.IntegerType, false));
    }
    fields.add(DataTypes.createStructField(FILE_UNSAFE_TEXTS, DataTypes.IntegerType, false));
    fields.add(DataTypes.createStructField(FILE_PLAYLIST, PLAYLIST, true));
    return new StructType(fields.toArray(new StructField[0]));
  }

  private static String name(LakeTable table, String column) {
    return table.column(column).name();
  }

  private static StructField field(LakeTable table, String column) {
    Column c = table.column(column);
    return DataTypes.createStructField(c.name(), sparkType(c), true);
  }
}
