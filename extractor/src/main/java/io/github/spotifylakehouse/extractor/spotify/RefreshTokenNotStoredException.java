package io.github.spotifylakehouse.extractor.spotify;

/**
 * Spotify rotated the refresh token and the new one could not be stored where the next run reads it. The
 * run stops: every further request would use a token that is lost when this run ends.
 */
public final class RefreshTokenNotStoredException extends SpotifyAuthException {

  private static final long serialVersionUID = 1L;

  public RefreshTokenNotStoredException(String message, Throwable cause) {
    super(message, cause);
  }
}
