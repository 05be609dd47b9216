package io.github.spotifylakehouse.etl.transform;

import static io.github.spotifylakehouse.etl.schema.EntrySchema.CONTENT;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.FILE_ORDER;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.FILE_RESULT;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.PLAYLIST_ID;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.READ_ERROR;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.RUN_KEY;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.SNAPSHOT_DATE;
import static io.github.spotifylakehouse.etl.schema.EntrySchema.SOURCE_PATH;
import static org.apache.spark.sql.functions.col;

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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Raw files to playlist entries: {@link EntrySchema#RAW_FILE} rows in, {@link EntrySchema#PARSED} rows
 * out (the entries that become rows, and one row per file saying what it held or why it was rejected).
 * Each file is parsed whole by {@link RawResponseParser}, so its shape is decided per file and a file that
 * fails contributes nothing but its rejection. Nothing a file holds can fail the task: a file that could not
 * be read, or whose parse or conversion fails in any way, becomes a rejected file row with the reason.
 *
 * <p>Parsed values go straight into Spark's internal row format ({@link InternalRow}: UTF-8 strings, timestamps
 * as epoch microseconds, dates as epoch days), as Spark's own file sources produce them: building external
 * {@link Row}s and having Spark's row encoder convert them cost more than the JSON parse itself.
 */
public final class ParseRawFiles {

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
    // Spark's own way in for rows already in its internal format (what its file sources produce); the public
    // createDataFrame takes external rows only
    return spark.internalCreateDataFrame(rawFiles.mapPartitions(ParseRawFiles::parsePartition).rdd(),
        EntrySchema.PARSED, false);
  }

  /** The entry rows of a {@link #apply} result, as {@link EntrySchema#ENTRY}. */
  public static Dataset<Row> entries(Dataset<Row> parsed) {
    return parsed.where(col(FILE_RESULT).isNull()).drop(FILE_RESULT);
  }

  /** The file rows of a {@link #apply} result, as {@link EntrySchema#FILE}. */
  public static Dataset<Row> files(Dataset<Row> parsed) {
    return parsed.where(col(FILE_RESULT).isNotNull()).select(col(FILE_RESULT + ".*"));
  }

  static Iterator<InternalRow> parsePartition(Iterator<Row> files) {
    return new Iterator<>() {
      private final Deque<InternalRow> pending = new ArrayDeque<>();

      @Override
      public boolean hasNext() {
        while (pending.isEmpty() && files.hasNext()) {
          parseInto(files.next(), pending);
        }
        return !pending.isEmpty();
      }

      @Override
      public InternalRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return pending.poll();
      }
    };
  }

  private static void parseInto(Row file, Deque<InternalRow> out) {
    String path = file.getString(0);
    String date = file.getString(1);
    String folderPlaylistId = file.getString(2);
    String runKey = file.getString(3);
    int fileOrder = file.getInt(4);
    byte[] content = (byte[]) file.get(5);
    String readError = file.getString(6);
    ParsedFile parsed = readError != null ? ParsedFile.rejected(readError)
        : RawResponseParser.parse(content, folderPlaylistId);
    List<InternalRow> rows = new ArrayList<>(parsed.entries().size() + 1);
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
                              int fileOrder, long bytes, List<InternalRow> out) {
    String playlistId = parsed.isRead() ? parsed.playlistId() : folderPlaylistId;
    UTF8String dateText = text(date);
    UTF8String playlistText = text(playlistId);
    for (ParsedEntry e : parsed.entries()) {
      out.add(new GenericInternalRow(new Object[] {dateText, playlistText, fileOrder,
          e.position(), e.addedAtMicros(), text(e.addedBy()),
          text(e.songId()), text(e.songName()), e.durationMs(), e.explicit(), e.popularity(), e.trackNumber(),
          e.discNumber(), text(e.isrc()),
          text(e.albumId()), text(e.albumName()), text(e.albumType()),
          e.releaseDate() == null ? null : Math.toIntExact(e.releaseDate().toEpochDay()),
          text(e.releaseDatePrecision()), e.totalTracks(),
          artists(e.artists()), artists(e.albumArtists()),
          null}));
    }
    Object[] result = new Object[EntrySchema.FILE.fields().length];
    int i = 0;
    result[i++] = text(path);
    result[i++] = dateText;
    result[i++] = playlistText;
    result[i++] = text(runKey);
    result[i++] = fileOrder;
    result[i++] = text(parsed.isRead() ? EntrySchema.STATUS_READ : EntrySchema.STATUS_REJECTED);
    result[i++] = text(parsed.rejection());
    result[i++] = text(parsed.shape());
    result[i++] = text(parsed.entryKey());
    result[i++] = parsed.offset();
    result[i++] = parsed.entriesSeen();
    result[i++] = bytes;
    for (SkipKind kind : SkipKind.values()) {
      result[i++] = parsed.skipped(kind);
    }
    result[i++] = parsed.unsafeTexts();
    ParsedPlaylist playlist = parsed.playlist();
    result[i++] = playlist == null ? null : new GenericInternalRow(new Object[] {text(playlist.name()),
        text(playlist.description()), text(playlist.ownerId()), text(playlist.ownerDisplayName()),
        playlist.isPublic(), playlist.collaborative(), text(playlist.snapshotId()), playlist.followers()});
    Object[] row = new Object[EntrySchema.PARSED.fields().length];
    row[0] = dateText;
    row[1] = playlistText;
    row[2] = fileOrder;
    row[row.length - 1] = new GenericInternalRow(result);
    out.add(new GenericInternalRow(row));
  }

  private static ArrayData artists(List<ParsedArtist> artists) {
    Object[] rows = new Object[artists.size()];
    for (int i = 0; i < rows.length; i++) {
      ParsedArtist a = artists.get(i);
      rows[i] = new GenericInternalRow(new Object[] {text(a.id()), text(a.name())});
    }
    return new GenericArrayData(rows);
  }

  private static UTF8String text(String value) {
    return value == null ? null : UTF8String.fromString(value);
  }
}
