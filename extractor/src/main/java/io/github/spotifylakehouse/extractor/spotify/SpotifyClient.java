package io.github.spotifylakehouse.extractor.spotify;

import io.github.spotifylakehouse.extractor.config.RetrySettings;
import io.github.spotifylakehouse.extractor.config.SpotifyCredentials;
import io.github.spotifylakehouse.extractor.config.SpotifyEndpoints;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorized GETs on the Spotify Web API: a bearer token from {@link AccessTokens}, the retries of
 * {@link Retrier}, and one token renewal on a 401. Bodies come back exactly as sent.
 */
public final class SpotifyClient {

  private static final Logger LOG = LoggerFactory.getLogger(SpotifyClient.class);

  private final HttpTransport transport;
  private final AccessTokens tokens;
  private final Retrier retrier;

  SpotifyClient(HttpTransport transport, AccessTokens tokens, Retrier retrier) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.retrier = Objects.requireNonNull(retrier, "retrier");
  }

  /** A client on the real clock, really sleeping between retries. */
  public static SpotifyClient create(HttpTransport transport, SpotifyCredentials credentials, RetrySettings retry) {
    return create(transport, credentials, retry, Sleeper.SYSTEM, Clock.systemUTC(),
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /** A client with injected time, for tests that must not wait; no deadline, a rotated token is only kept. */
  public static SpotifyClient create(HttpTransport transport, SpotifyCredentials credentials, RetrySettings retry,
                                     Sleeper sleeper, Clock clock, DoubleSupplier random) {
    return create(transport, credentials, retry, sleeper, clock, random, Deadline.none(clock), rotated -> { });
  }

  /**
   * A client bounded by {@code deadline}, whose token source hands a rotated refresh token to
   * {@code onRotation} before the next request (see {@link AccessTokens}).
   */
  public static SpotifyClient create(HttpTransport transport, SpotifyCredentials credentials, RetrySettings retry,
                                     Sleeper sleeper, Clock clock, DoubleSupplier random, Deadline deadline,
                                     Consumer<SpotifyCredentials> onRotation) {
    Retrier retrier = new Retrier(retry, sleeper, random, deadline);
    return new SpotifyClient(transport, new AccessTokens(credentials, transport, retrier, clock, onRotation),
        retrier);
  }

  public SpotifyEndpoints endpoints() {
    return transport.endpoints();
  }

  public AccessTokens tokens() {
    return tokens;
  }

  /**
   * GET {@code url} with a bearer token.
   *
   * @throws SpotifyHttpException an HTTP error that retries do not fix (401 after one renewal, 403, 404, ...)
   * @throws SpotifyException retries exhausted, or no token could be obtained ({@link SpotifyAuthException})
   */
  public Response get(URI url) throws SpotifyHttpException {
    long started = System.nanoTime();
    boolean renewed = false;
    while (true) {
      String[] used = new String[1];
      try {
        String body = retrier.call("GET", url, () -> {
          used[0] = tokens.current();
          return transport.get(url, new Header[] {new BasicHeader("Authorization", "Bearer " + used[0])});
        });
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.debug("GET {} -> {} bytes in {} ms", url, body.length(), millis);
        return new Response(url, body, millis);
      } catch (SpotifyHttpException e) {
        if (e.status() == 401 && !renewed) {
          LOG.info("GET {} answered 401: renewing the access token once", url);
          tokens.invalidate(used[0]);
          renewed = true;
          continue;
        }
        throw e;
      }
    }
  }

  /**
   * A successful answer.
   *
   * @param url the URL requested
   * @param body the body exactly as received
   * @param millis time spent, retries included
   */
  public record Response(URI url, String body, long millis) {
  }
}
