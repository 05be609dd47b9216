package io.github.spotifylakehouse.etl.schema;

import java.time.LocalDate;
import java.util.List;

/**
 * One playlist entry that becomes rows: a track with an id. Field names follow the lake's columns.
 * Links (open.spotify.com) are not kept: they follow from the ids, and are made for the table rows only.
 *
 * @param position 0-based position in the playlist (paging offset + index in the page)
 * @param addedAtMicros {@code added_at} as microseconds since the epoch (UTC); null when absent
 * @param releaseDate the album's release date, the first day of its period ({@link ReleaseDates})
 */
public record ParsedEntry(
    int position,
    Long addedAtMicros,
    String addedBy,
    String songId,
    String songName,
    Integer durationMs,
    Boolean explicit,
    Integer popularity,
    Integer trackNumber,
    Integer discNumber,
    String isrc,
    String albumId,
    String albumName,
    String albumType,
    LocalDate releaseDate,
    String releaseDatePrecision,
    Integer totalTracks,
    List<ParsedArtist> artists,
    List<ParsedArtist> albumArtists) {
}
