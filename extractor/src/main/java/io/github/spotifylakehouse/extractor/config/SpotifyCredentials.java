package io.github.spotifylakehouse.extractor.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The Spotify app's client id and secret, and the user's refresh token when there is one. Its
 * {@link #toString()} shows the client id only, so an accidental log line or message leaks nothing.
 */
public final class SpotifyCredentials {

  private final String clientId;
  private final String clientSecret;
  private final String refreshToken;

  public SpotifyCredentials(String clientId, String clientSecret, String refreshToken) {
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
    this.refreshToken = refreshToken == null || refreshToken.isBlank() ? null : refreshToken;
  }

  public String clientId() {
    return clientId;
  }

  public String clientSecret() {
    return clientSecret;
  }

  /** The user's refresh token; empty means the client-credentials flow. */
  public Optional<String> refreshToken() {
    return Optional.ofNullable(refreshToken);
  }

  /** The same client with another refresh token (Spotify may rotate it on refresh). */
  public SpotifyCredentials withRefreshToken(String newRefreshToken) {
    return new SpotifyCredentials(clientId, clientSecret, newRefreshToken);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SpotifyCredentials that
        && clientId.equals(that.clientId)
        && clientSecret.equals(that.clientSecret)
        && Objects.equals(refreshToken, that.refreshToken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(clientId, clientSecret, refreshToken);
  }

  @Override
  public String toString() {
    return "SpotifyCredentials[clientId=" + clientId + ", clientSecret=***, refreshToken="
        + (refreshToken == null ? "none" : "***") + "]";
  }
}
