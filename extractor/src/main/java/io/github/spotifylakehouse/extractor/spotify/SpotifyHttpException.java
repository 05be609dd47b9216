package io.github.spotifylakehouse.extractor.spotify;

import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;
import se.michaelthelin.spotify.exceptions.SpotifyWebApiException;

/**
 * A non-2xx answer from Spotify, as {@link HttpTransport} saw it. The message holds the method, URL,
 * status and Spotify's own error text (never request headers or bodies, which may carry credentials).
 */
public final class SpotifyHttpException extends SpotifyWebApiException {

  private static final long serialVersionUID = 1L;

  private final String method;
  private final URI url;
  private final int status;
  private final transient OptionalLong retryAfterSeconds;
  private final String error;
  private final String errorMessage;

  SpotifyHttpException(String method, URI url, int status, OptionalLong retryAfterSeconds, String error,
                       String errorMessage) {
    super(method + " " + url + " answered HTTP " + status
        + (error == null && errorMessage == null ? ""
            : " (" + (error == null ? "" : error + (errorMessage == null ? "" : ": "))
                + (errorMessage == null ? "" : errorMessage) + ")"));
    this.method = method;
    this.url = url;
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
    this.error = error;
    this.errorMessage = errorMessage;
  }

  public String method() {
    return method;
  }

  public URI url() {
    return url;
  }

  public int status() {
    return status;
  }

  /** The {@code Retry-After} header in seconds, when there was one. */
  public OptionalLong retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** OAuth error code of the accounts service, e.g. {@code invalid_client}. */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /** Spotify's message: {@code error.message} of the Web API or {@code error_description} of accounts. */
  public Optional<String> errorMessage() {
    return Optional.ofNullable(errorMessage);
  }
}
