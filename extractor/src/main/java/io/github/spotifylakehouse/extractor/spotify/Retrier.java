package io.github.spotifylakehouse.extractor.spotify;

import io.github.spotifylakehouse.lake.ExtractorEnv;
import io.github.spotifylakehouse.extractor.config.RetrySettings;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.DoubleSupplier;
import org.apache.hc.core5.http.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.michaelthelin.spotify.exceptions.SpotifyWebApiException;

/**
 * Retries one Spotify request within the bounds of {@link RetrySettings}: 429 waits {@code Retry-After}
 * (a longer wait than allowed fails at once), 5xx, timeouts and connection errors back off exponentially
 * with jitter. Other HTTP errors go back to the caller, which knows what they mean.
 *
 * <p>Nothing is begun that could end after the run's {@link Deadline}: an attempt needs the request timeout
 * plus {@link Deadline#WRAP_UP} left, a wait needs its own length on top; otherwise {@link DeadlineException}.
 */
final class Retrier {

  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

  private final RetrySettings settings;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final Deadline deadline;

  Retrier(RetrySettings settings, Sleeper sleeper, DoubleSupplier random, Deadline deadline) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.random = Objects.requireNonNull(random, "random");
    this.deadline = Objects.requireNonNull(deadline, "deadline");
  }

  /** One attempt of a request. */
  @FunctionalInterface
  interface Attempt<T> {
    T run() throws IOException, SpotifyWebApiException, ParseException;
  }

  /**
   * Runs {@code attempt} until it succeeds or the bounds are reached.
   *
   * @throws SpotifyHttpException an HTTP error that is not retried (4xx other than 429)
   * @throws SpotifyException retries exhausted, or a {@code Retry-After} beyond the bound
   * @throws DeadlineException the next attempt or wait could end after the run's deadline
   */
  <T> T call(String method, URI url, Attempt<T> attempt) throws SpotifyHttpException {
    for (int n = 1; ; n++) {
      Duration attemptTime = settings.httpTimeout().plus(Deadline.WRAP_UP);
      if (!deadline.allows(attemptTime)) {
        throw new DeadlineException("Run deadline: " + method + " " + url + " not sent, " + deadline.describeRemaining()
            + " left is less than the request timeout (" + ExtractorEnv.SPOTIFY_HTTP_TIMEOUT_MILLIS + " "
            + settings.httpTimeout().toMillis() + " ms) plus " + Deadline.WRAP_UP.toSeconds() + " s to wrap up");
      }
      try {
        return attempt.run();
      } catch (SpotifyHttpException e) {
        if (e.status() == 429) {
          Duration wait = rateLimitWait(method, url, e, n);
          checkWait(wait, "the 429's Retry-After", method, url, e);
          LOG.warn("{} {} rate-limited (429), attempt {}/{}: waiting {} ms", method, url, n,
              settings.maxAttempts(), wait.toMillis());
          sleep(wait, method, url);
        } else if (e.status() >= 500) {
          if (n >= settings.maxAttempts()) {
            throw new SpotifyException("Spotify kept failing: " + e.getMessage() + " on all " + n
                + " attempts (" + ExtractorEnv.SPOTIFY_MAX_ATTEMPTS + ")", e);
          }
          Duration wait = backoff(n);
          checkWait(wait, "a retry after HTTP " + e.status(), method, url, e);
          LOG.warn("{} {} answered HTTP {}, attempt {}/{}: retrying in {} ms", method, url, e.status(), n,
              settings.maxAttempts(), wait.toMillis());
          sleep(wait, method, url);
        } else {
          throw e;
        }
      } catch (IOException e) {
        if (n >= settings.maxAttempts()) {
          throw new SpotifyException("Spotify could not be reached: " + e.getMessage() + " on all " + n
              + " attempts (" + ExtractorEnv.SPOTIFY_MAX_ATTEMPTS + ")", e);
        }
        Duration wait = backoff(n);
        checkWait(wait, "a retry after a connection error", method, url, e);
        LOG.warn("{} {} failed ({}), attempt {}/{}: retrying in {} ms", method, url, e.getMessage(), n,
            settings.maxAttempts(), wait.toMillis());
        sleep(wait, method, url);
      } catch (SpotifyWebApiException | ParseException e) {
        // only the library's own HTTP manager raises these; ours raises SpotifyHttpException
        throw new SpotifyException(method + " " + url + " failed: " + e.getMessage(), e);
      }
    }
  }

  private Duration rateLimitWait(String method, URI url, SpotifyHttpException e, int attempt) {
    OptionalLong retryAfter = e.retryAfterSeconds();
    if (retryAfter.isPresent() && retryAfter.getAsLong() > settings.maxRetryAfter().toSeconds()) {
      throw new SpotifyException("Spotify rate limit: " + method + " " + url + " answered 429 with Retry-After "
          + retryAfter.getAsLong() + " s, longer than the " + settings.maxRetryAfter().toSeconds()
          + " s the extractor waits (" + ExtractorEnv.SPOTIFY_MAX_RETRY_AFTER_SECONDS + "); try again later", e);
    }
    if (attempt >= settings.maxAttempts()) {
      throw new SpotifyException("Spotify rate limit: " + method + " " + url + " still answered 429 after "
          + attempt + " attempts (" + ExtractorEnv.SPOTIFY_MAX_ATTEMPTS + "); try again later", e);
    }
    return retryAfter.isPresent() ? Duration.ofSeconds(retryAfter.getAsLong()) : backoff(attempt);
  }

  /** A wait (plus the next attempt) that would end after the deadline is not begun. */
  private void checkWait(Duration wait, String why, String method, URI url, Exception cause) {
    if (!deadline.allows(wait.plus(settings.httpTimeout()).plus(Deadline.WRAP_UP))) {
      throw new DeadlineException("Run deadline: not waiting " + Deadline.seconds(wait) + " for " + why + " of "
          + method + " " + url + ", only " + deadline.describeRemaining() + " left (the wait, the next attempt's "
          + settings.httpTimeout().toMillis() + " ms timeout and " + Deadline.WRAP_UP.toSeconds()
          + " s to wrap up would not fit)", cause);
    }
  }

  /** Equal jitter: half the exponential ceiling plus a random share of the other half. */
  Duration backoff(int attempt) {
    long ceiling = settings.backoffCeiling(attempt).toMillis();
    return Duration.ofMillis(ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2)));
  }

  private void sleep(Duration wait, String method, URI url) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SpotifyException("Interrupted while waiting to retry " + method + " " + url, e);
    }
  }
}
