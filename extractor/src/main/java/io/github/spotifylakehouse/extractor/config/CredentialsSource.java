package io.github.spotifylakehouse.extractor.config;

import java.util.Objects;

/** Where the Spotify credentials come from: environment variables (local runs) or a Secrets Manager secret. */
public sealed interface CredentialsSource permits CredentialsSource.Environment, CredentialsSource.Secret {

  /** Credentials given directly by {@code SPOTIFY_CLIENT_ID}, {@code SPOTIFY_CLIENT_SECRET}, {@code SPOTIFY_REFRESH_TOKEN}. */
  record Environment(SpotifyCredentials credentials) implements CredentialsSource {
    public Environment {
      Objects.requireNonNull(credentials, "credentials");
    }
  }

  /** A JSON secret in Secrets Manager, by ARN ({@code SPOTIFY_SECRET_ARN}); read at the start of each run. */
  record Secret(String arn) implements CredentialsSource {
    public Secret {
      Objects.requireNonNull(arn, "arn");
    }
  }
}
