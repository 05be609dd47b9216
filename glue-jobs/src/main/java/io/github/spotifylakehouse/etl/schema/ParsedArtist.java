package io.github.spotifylakehouse.etl.schema;

/**
 * A credited artist as a raw response names it.
 *
 * @param id Spotify artist id; null for the artists of local files
 * @param name artist name
 */
public record ParsedArtist(String id, String name) {
}
