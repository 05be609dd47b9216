package io.github.spotifylakehouse.extractor.spotify;

import io.github.spotifylakehouse.lake.ExtractorEnv;
import io.github.spotifylakehouse.extractor.config.SpotifyCredentials;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.michaelthelin.spotify.SpotifyApi;
import se.michaelthelin.spotify.model_objects.credentials.AuthorizationCodeCredentials;
import se.michaelthelin.spotify.model_objects.credentials.ClientCredentials;

/**
 * The current Spotify access token: obtained with the refresh-token flow when the credentials hold a
 * refresh token (a user token, needed for playlist items since February 2026), else with the
 * client-credentials flow. Renewed shortly before it expires, and on demand after a 401.
 *
 * <p>When Spotify answers a refresh with a new refresh token, the old one may stop working at once: the
 * new one goes to the rotation listener (which stores it) before the access token is handed out, so no
 * further request is made until it is safe. If the listener fails, {@link RefreshTokenNotStoredException}
 * stops the run.
 *
 * <p>The token requests are spotify-web-api-java's own, sent through {@link HttpTransport}.
 */
public final class AccessTokens {

  private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);
  /** Renew this long before expiry, so a token never runs out in the middle of a page. */
  private static final Duration MARGIN = Duration.ofSeconds(60);

  private final SpotifyApi api;
  private final URI tokenUrl;
  private final Retrier retrier;
  private final Clock clock;
  private final boolean userFlow;
  private final Consumer<SpotifyCredentials> onRotation;
  private SpotifyCredentials credentials;
  private boolean rotated;
  private String token;
  private Instant renewAt = Instant.MIN;

  AccessTokens(SpotifyCredentials credentials, HttpTransport transport, Retrier retrier, Clock clock,
               Consumer<SpotifyCredentials> onRotation) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.onRotation = Objects.requireNonNull(onRotation, "onRotation");
    this.retrier = Objects.requireNonNull(retrier, "retrier");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tokenUrl = transport.endpoints().token();
    this.userFlow = credentials.refreshToken().isPresent();
    this.api = SpotifyApi.builder()
        .setHttpManager(transport)
        .setClientId(credentials.clientId())
        .setClientSecret(credentials.clientSecret())
        .setRefreshToken(credentials.refreshToken().orElse(null))
        .build();
  }

  /** True for the refresh-token (user) flow, false for client credentials. */
  public boolean userFlow() {
    return userFlow;
  }

  /** A valid access token, renewed first when it is about to expire. */
  public synchronized String current() {
    if (token == null || !clock.instant().isBefore(renewAt)) {
      renew();
    }
    return token;
  }

  /** Drops {@code rejected} after a 401, so the next {@link #current()} fetches a new token. */
  public synchronized void invalidate(String rejected) {
    if (rejected != null && rejected.equals(token)) {
      token = null;
    }
  }

  /** The credentials with the new refresh token, when Spotify rotated it during this run. */
  public synchronized Optional<SpotifyCredentials> rotatedCredentials() {
    return rotated ? Optional.of(credentials) : Optional.empty();
  }

  private void renew() {
    long started = System.nanoTime();
    String accessToken;
    Integer expiresIn;
    String newRefreshToken = null;
    try {
      if (userFlow) {
        AuthorizationCodeCredentials answer =
            retrier.call("POST", tokenUrl, () -> api.authorizationCodeRefresh().build().execute());
        accessToken = answer == null ? null : answer.getAccessToken();
        expiresIn = answer == null ? null : answer.getExpiresIn();
        newRefreshToken = answer == null ? null : answer.getRefreshToken();
      } else {
        ClientCredentials answer = retrier.call("POST", tokenUrl, () -> api.clientCredentials().build().execute());
        accessToken = answer == null ? null : answer.getAccessToken();
        expiresIn = answer == null ? null : answer.getExpiresIn();
      }
    } catch (SpotifyHttpException e) {
      throw translate(e);
    } catch (DeadlineException e) {
      throw e;
    } catch (SpotifyException e) {
      throw new SpotifyAuthException("No Spotify access token: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // a body that does not parse may hold a token: neither the parser's message nor the exception
      // (which carries it) may travel on, only its type
      throw new SpotifyAuthException("Malformed token response from POST " + tokenUrl + " ("
          + e.getClass().getSimpleName() + ")");
    }
    if (newRefreshToken != null && !newRefreshToken.isBlank()
        && !newRefreshToken.equals(credentials.refreshToken().orElse(null))) {
      // the old refresh token may already be revoked: from here on only the new one works
      credentials = credentials.withRefreshToken(newRefreshToken);
      api.setRefreshToken(newRefreshToken);
      rotated = true;
      LOG.info("Spotify rotated the refresh token: storing the new one before any further request");
      try {
        onRotation.accept(credentials);
      } catch (RuntimeException e) {
        throw new RefreshTokenNotStoredException("Run stopped: " + e.getMessage() + " (no further request is "
            + "made with a refresh token the next run would not have)", e);
      }
    }
    if (accessToken == null || accessToken.isBlank()) {
      throw new SpotifyAuthException("Malformed token response from POST " + tokenUrl + ": no access_token");
    }
    Duration lifetime = Duration.ofSeconds(expiresIn == null || expiresIn <= 0 ? 3600 : expiresIn);
    Duration margin = lifetime.compareTo(MARGIN.multipliedBy(2)) < 0 ? lifetime.dividedBy(2) : MARGIN;
    token = accessToken;
    renewAt = clock.instant().plus(lifetime).minus(margin);
    LOG.info("Obtained a Spotify access token ({} flow), valid for {} s, in {} ms",
        userFlow ? "refresh-token" : "client-credentials", lifetime.toSeconds(),
        (System.nanoTime() - started) / 1_000_000);
  }

  private SpotifyAuthException translate(SpotifyHttpException e) {
    String error = e.error().orElse("");
    String where = ExtractorEnv.SPOTIFY_CLIENT_ID + "/" + ExtractorEnv.SPOTIFY_CLIENT_SECRET
        + " (or the secret's client_id/client_secret)";
    if ("invalid_client".equals(error)) {
      return new SpotifyAuthException("Spotify rejected the app credentials (invalid_client): check the client id "
          + "and client secret in " + where + " against the app in the Spotify developer dashboard", e);
    }
    if ("invalid_grant".equals(error) && userFlow) {
      return new SpotifyAuthException("Spotify rejected the refresh token (invalid_grant"
          + e.errorMessage().map(m -> ": " + m).orElse("") + "): run the `authorize` command again and store "
          + "the new token in " + ExtractorEnv.SPOTIFY_REFRESH_TOKEN + " or the secret's refresh_token", e);
    }
    return new SpotifyAuthException("No Spotify access token: " + e.getMessage(), e);
  }
}
