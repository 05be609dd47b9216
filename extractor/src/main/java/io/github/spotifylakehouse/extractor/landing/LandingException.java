package io.github.spotifylakehouse.extractor.landing;

/** An object could not be written to the lake; the message names the bucket and key. */
public final class LandingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public LandingException(String message, Throwable cause) {
    super(message, cause);
  }
}
