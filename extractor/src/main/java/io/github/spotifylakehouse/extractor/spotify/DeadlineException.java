package io.github.spotifylakehouse.extractor.spotify;

/**
 * A request or a retry wait was not begun because it could end after the run's {@link Deadline}. The
 * playlist is reported as deferred, not failed: the next invocation (Lambda's retry) picks it up.
 */
public final class DeadlineException extends SpotifyException {

  private static final long serialVersionUID = 1L;

  public DeadlineException(String message) {
    super(message);
  }

  public DeadlineException(String message, Throwable cause) {
    super(message, cause);
  }
}
