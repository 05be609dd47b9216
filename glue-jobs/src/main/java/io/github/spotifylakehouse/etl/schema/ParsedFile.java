package io.github.spotifylakehouse.etl.schema;

import io.github.spotifylakehouse.lake.CsvDialect;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one raw file held: its playlist, the entries that become rows and the counts of those that do
 * not; or, for a file the job cannot read, why.
 *
 * @param playlistId the playlist the file belongs to; null when rejected
 * @param shape {@link #PAGING} or {@link #PLAYLIST}; null when rejected
 * @param entryKey which entry key the file used: {@code item}, {@code track}, {@code both} or
 *     {@code none} (no entry objects); null when rejected
 * @param offset the page's offset: the position of its first entry in the playlist
 * @param entriesSeen every entry in the file's page, skipped ones included
 * @param entries the entries that become rows, in page order
 * @param skipped entries that produced no rows, per kind
 * @param rejection why the file cannot be read, naming the field at fault; null when it was read
 * @param playlist the playlist's own fields, for a playlist object; null for a paging object or a rejection
 * @param unsafeTexts text values read that hold a character the CSV copy replaces ({@link CsvDialect#isSafe}):
 *     when no file of a run has any, writing its CSV needs no replacing
 */
public record ParsedFile(String playlistId, String shape, String entryKey, int offset, int entriesSeen,
                         List<ParsedEntry> entries, Map<SkipKind, Integer> skipped, String rejection,
                         ParsedPlaylist playlist, int unsafeTexts) {

  /** A paging object: {@code GET /playlists/{id}/items} (or the older {@code /tracks}). */
  public static final String PAGING = "paging";
  /** A playlist object: {@code GET /playlists/{id}}, with its first page embedded. */
  public static final String PLAYLIST = "playlist";

  public ParsedFile {
    entries = List.copyOf(entries);
    skipped = Collections.unmodifiableMap(new EnumMap<>(skipped.isEmpty()
        ? new EnumMap<>(SkipKind.class) : skipped));
  }

  public ParsedFile(String playlistId, String shape, String entryKey, int offset, int entriesSeen,
                    List<ParsedEntry> entries, Map<SkipKind, Integer> skipped, String rejection) {
    this(playlistId, shape, entryKey, offset, entriesSeen, entries, skipped, rejection, null, 0);
  }

  /** A file that cannot be read, and why (naming the field or position at fault). */
  public static ParsedFile rejected(String reason) {
    Objects.requireNonNull(reason, "reason");
    return new ParsedFile(null, null, null, 0, 0, List.of(), new EnumMap<>(SkipKind.class), reason);
  }

  /** True when the file was read (possibly with no entries). */
  public boolean isRead() {
    return rejection == null;
  }

  /** Entries of {@code kind} that produced no rows. */
  public int skipped(SkipKind kind) {
    return skipped.getOrDefault(kind, 0);
  }
}
