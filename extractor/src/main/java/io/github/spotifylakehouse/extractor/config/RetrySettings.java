package io.github.spotifylakehouse.extractor.config;

import java.time.Duration;

/**
 * Bounds of the HTTP retries towards Spotify.
 *
 * @param maxAttempts attempts per request (the first one included) on 5xx, timeouts, connection errors and 429
 * @param maxRetryAfter longest {@code Retry-After} that is waited; a longer one fails the playlist at once
 * @param backoffBase first backoff after a 5xx or timeout; doubled per attempt, capped at {@link #MAX_BACKOFF},
 *     with full jitter
 * @param httpTimeout timeout of one request (connect and response)
 */
public record RetrySettings(int maxAttempts, Duration maxRetryAfter, Duration backoffBase, Duration httpTimeout) {

  /** Cap of one exponential backoff, whatever the attempt. */
  public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  public static final RetrySettings DEFAULTS =
      new RetrySettings(5, Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(10));

  /** Backoff before attempt {@code attempt + 1} (attempt counts from 1), before jitter. */
  public Duration backoffCeiling(int attempt) {
    long factor = 1L << Math.min(attempt - 1, 20);
    Duration ceiling = backoffBase.multipliedBy(factor);
    return ceiling.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : ceiling;
  }
}
