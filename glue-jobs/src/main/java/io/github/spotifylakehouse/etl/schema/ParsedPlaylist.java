package io.github.spotifylakehouse.etl.schema;

/**
 * The playlist itself, as a playlist object ({@code GET /playlists/{id}}) describes it. Field names follow the
 * lake's {@code playlist} columns; every field is null when the API leaves it out (or sends null).
 *
 * @param followers {@code followers.total}
 */
public record ParsedPlaylist(String name, String description, String ownerId, String ownerDisplayName,
                             Boolean isPublic, Boolean collaborative, String snapshotId, Long followers) {
}
