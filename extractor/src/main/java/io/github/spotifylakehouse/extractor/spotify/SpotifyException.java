package io.github.spotifylakehouse.extractor.spotify;

/**
 * A Spotify request failed for good (after the retries that apply). The message says what failed and
 * what to do about it, and never carries a token or secret.
 */
public class SpotifyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SpotifyException(String message) {
    super(message);
  }

  public SpotifyException(String message, Throwable cause) {
    super(message, cause);
  }
}
