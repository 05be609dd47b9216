package io.github.spotifylakehouse.etl.transform;

import static io.github.spotifylakehouse.etl.schema.EntrySchema.ADDED_AT;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.CONTENT;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.FILE_ORDER;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.FILE_RESULT;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.PLAYLIST_ID;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.READ_ERROR;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.RELEASE_DATE;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.RUN_KEY;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.SNAPSHOT_DATE;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.SOURCE_PATH;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.timestamp_micros;

import io.github.spotifylakehouse.etl.schema.EntrySchema;
import io.github.spotifylakehouse.etl.schema.ParsedArtist;
import io.github.spotifylakehouse.etl.schema.ParsedEntry;
import io.github.spotifylakehouse.etl.schema.ParsedFile;
import io.github.spotifylakehouse.etl.schema.ParsedPlaylist;
import io.github.spotifylakehouse.etl.schema.RawResponseParser;
import io.github.spotifylakehouse.etl.schema.SkipKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Raw files to playlist entries: {@link EntrySchema#RAW_FILE} rows in, {@link EntrySchema#PARSED} rows
 * out (the entries that become rows, and one row per file saying what it held or why it was rejected).
 * Each file is parsed whole by {@link RawResponseParser}, so its shape is decided per file and a file that
 * fails contributes nothing but its rejection. Nothing a file holds can fail the task: a file that could not
 * be read, or whose parse or conversion fails in any way, becomes a rejected file row with the reason.
 */
public final class ParseRawFiles {

  /**
   * {@link EntrySchema#PARSED} with timestamps as epoch microseconds and dates as epoch days: plain longs
   * and ints cross the row encoder the same way whatever the session's Java 8 time API setting.
   */
  static final StructType WIRE = wireSchema();

  private ParseRawFiles() {
  }

  /** Parses every raw file; see {@link #entries} and {@link #files} to split the result. */
  public static Dataset<Row> apply(Dataset<Row> rawFiles) {
    return apply(rawFiles.sparkSession(), rawFiles
        .select(col(SOURCE_PATH), col(SNAPSHOT_DATE), col(PLAYLIST_ID), col(RUN_KEY), col(FILE_ORDER), col(CONTENT),
            col(READ_ERROR))
        .toJavaRDD());
  }

  /**
   * {@link #apply(Dataset)} for raw files still as rows of an RDD (in {@link EntrySchema#RAW_FILE} order), as
   * the job reads them: their bytes go straight to the parser instead of being encoded into a Dataset and
   * decoded again, which for hundreds of megabytes is worth avoiding.
   */
  public static Dataset<Row> apply(SparkSession spark, JavaRDD<Row> rawFiles) {
    Dataset<Row> wire = spark.createDataFrame(rawFiles.mapPartitions(ParseRawFiles::parsePartition), WIRE);
    Column[] columns = new Column[WIRE.fields().length];
    for (int i = 0; i < columns.length; i++) {
      String name = WIRE.fields()[i].name();
      if (name.equals(ADDED_AT)) {
        columns[i] = timestamp_micros(col(name)).as(name);
      } else if (name.equals(RELEASE_DATE)) {
        columns[i] = date_from_unix_date(col(name)).as(name);
      } else {
        columns[i] = col(name);
      }
    }
    return wire.select(columns);
  }

  /** The entry rows of a {@link #apply} result, as {@link EntrySchema#ENTRY}. */
  public static Dataset<Row> entries(Dataset<Row> parsed) {
    return parsed.where(col(FILE_RESULT).isNull()).drop(FILE_RESULT);
  }

  /** The file rows of a {@link #apply} result, as {@link EntrySchema#FILE}. */
  public static Dataset<Row> files(Dataset<Row> parsed) {
    return parsed.where(col(FILE_RESULT).isNotNull()).select(col(FILE_RESULT + ".*"));
  }

  static Iterator<Row> parsePartition(Iterator<Row> files) {
    return new Iterator<>() {
      private final Deque<Row> pending = new ArrayDeque<>();

      @Override
      public boolean hasNext() {
        while (pending.isEmpty() && files.hasNext()) {
          parseInto(files.next(), pending);
        }
        return !pending.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return pending.poll();
      }
    };
  }

  private static void parseInto(Row file, Deque<Row> out) {
    String path = file.getString(0);
    String date = file.getString(1);
    String folderPlaylistId = file.getString(2);
    String runKey = file.getString(3);
    int fileOrder = file.getInt(4);
    byte[] content = (byte[]) file.get(5);
    String readError = file.getString(6);
    ParsedFile parsed = readError != null ? ParsedFile.rejected(readError)
        : RawResponseParser.parse(content, folderPlaylistId);
    List<Row> rows = new ArrayList<>(parsed.entries().size() + 1);
    try {
      addRows(parsed, path, date, folderPlaylistId, runKey, fileOrder, content.length, rows);
    } catch (RuntimeException e) {
      // a value the row cannot hold: the file is rejected whole, none of its rows kept
      rows.clear();
      addRows(ParsedFile.rejected("cannot be converted to rows: " + e), path, date, folderPlaylistId, runKey,
          fileOrder, content.length, rows);
    }
    out.addAll(rows);
  }

  private static void addRows(ParsedFile parsed, String path, String date, String folderPlaylistId, String runKey,
                              int fileOrder, long bytes, List<Row> out) {
    String playlistId = parsed.isRead() ? parsed.playlistId() : folderPlaylistId;
    for (ParsedEntry e : parsed.entries()) {
      out.add(RowFactory.create(date, playlistId, fileOrder,
          e.position(), e.addedAtMicros(), e.addedBy(),
          e.songId(), e.songName(), e.durationMs(), e.explicit(), e.popularity(), e.trackNumber(),
          e.discNumber(), e.isrc(),
          e.albumId(), e.albumName(), e.albumType(),
          e.releaseDate() == null ? null : Math.toIntExact(e.releaseDate().toEpochDay()),
          e.releaseDatePrecision(), e.totalTracks(),
          artists(e.artists()), artists(e.albumArtists()),
          null));
    }
    Object[] result = new Object[EntrySchema.FILE.fields().length];
    int i = 0;
    result[i++] = path;
    result[i++] = date;
    result[i++] = playlistId;
    result[i++] = runKey;
    result[i++] = fileOrder;
    result[i++] = parsed.isRead() ? EntrySchema.STATUS_READ : EntrySchema.STATUS_REJECTED;
    result[i++] = parsed.rejection();
    result[i++] = parsed.shape();
    result[i++] = parsed.entryKey();
    result[i++] = parsed.offset();
    result[i++] = parsed.entriesSeen();
    result[i++] = bytes;
    for (SkipKind kind : SkipKind.values()) {
      result[i++] = parsed.skipped(kind);
    }
    ParsedPlaylist playlist = parsed.playlist();
    result[i++] = playlist == null ? null : RowFactory.create(playlist.name(), playlist.description(),
        playlist.ownerId(), playlist.ownerDisplayName(), playlist.isPublic(), playlist.collaborative(),
        playlist.snapshotId(), playlist.followers());
    Object[] row = new Object[WIRE.fields().length];
    row[0] = date;
    row[1] = playlistId;
    row[2] = fileOrder;
    row[row.length - 1] = RowFactory.create(result);
    out.add(RowFactory.create(row));
  }

  private static Object[] artists(List<ParsedArtist> artists) {
    Object[] rows = new Object[artists.size()];
    for (int i = 0; i < rows.length; i++) {
      ParsedArtist a = artists.get(i);
      rows[i] = RowFactory.create(a.id(), a.name());
    }
    return rows;
  }

  private static StructType wireSchema() {
    StructField[] fields = EntrySchema.PARSED.fields().clone();
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].name().equals(ADDED_AT)) {
        fields[i] = DataTypes.createStructField(ADDED_AT, DataTypes.LongType, true);
      } else if (fields[i].name().equals(RELEASE_DATE)) {
        fields[i] = DataTypes.createStructField(RELEASE_DATE, DataTypes.IntegerType, true);
      }
    }
    return new StructType(fields);
  }
}
