package io.github.spotifylakehouse.extractor.spotify;

/**
 * No access token could be obtained (bad client credentials, revoked refresh token). Every playlist of
 * the run would fail the same way.
 */
public class SpotifyAuthException extends SpotifyException {

  private static final long serialVersionUID = 1L;

  public SpotifyAuthException(String message) {
    super(message);
  }

  public SpotifyAuthException(String message, Throwable cause) {
    super(message, cause);
  }
}
