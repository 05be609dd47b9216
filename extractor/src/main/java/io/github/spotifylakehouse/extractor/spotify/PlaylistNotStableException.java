package io.github.spotifylakehouse.extractor.spotify;

/**
 * A playlist's {@code snapshot_id} changed while it was paged, on every pass the reader allows: its pages
 * would mix versions, so none of them is kept (no manifest).
 */
public final class PlaylistNotStableException extends SpotifyException {

  private static final long serialVersionUID = 1L;

  public PlaylistNotStableException(String message) {
    super(message);
  }
}
