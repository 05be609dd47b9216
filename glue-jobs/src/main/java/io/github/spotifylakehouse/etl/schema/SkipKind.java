package io.github.spotifylakehouse.etl.schema;

/**
 * Why a playlist entry produced no rows. Such entries are counted in the job summary, never written.
 */
public enum SkipKind {
  /** {@code track}/{@code item} is null or absent (spotify/web-api#1049). */
  NULL_ENTRY("null"),
  /** A local file ({@code is_local: true}): no Spotify ids. */
  LOCAL_FILE("local"),
  /** A podcast episode ({@code type: "episode"}). */
  EPISODE("episode"),
  /** A track without an id. */
  NO_ID("no_id");

  private final String key;

  SkipKind(String key) {
    this.key = key;
  }

  /** The name used in the summary JSON: {@code null}, {@code local}, {@code episode}, {@code no_id}. */
  public String key() {
    return key;
  }
}
