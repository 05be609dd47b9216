package io.github.spotifylakehouse.extractor.config;

import io.github.spotifylakehouse.lake.ExtractorEnv;
/**
 * Loads the Spotify credentials at the start of each run, and keeps a refresh token that Spotify rotated.
 * Built once per container; {@link #load()} is called per run so a re-authorized secret is picked up by a
 * warm Lambda.
 */
public interface CredentialsStore {

  /** The current credentials. */
  SpotifyCredentials load();

  /**
   * Called when the token endpoint answered a refresh with a new refresh token, which may revoke the old one,
   * before the next Spotify request. Implementations store it where the next run will read it, or explain
   * how to; an exception stops the run.
   */
  void refreshTokenRotated(SpotifyCredentials updated);

  /** Credentials fixed at start (environment variables): a rotated token can only be reported. */
  static CredentialsStore fixed(SpotifyCredentials credentials) {
    return new CredentialsStore() {
      @Override
      public SpotifyCredentials load() {
        return credentials;
      }

      @Override
      public void refreshTokenRotated(SpotifyCredentials updated) {
        org.slf4j.LoggerFactory.getLogger(CredentialsStore.class).warn(
            "Spotify rotated the refresh token; the value in {} is outdated: run `authorize` again and update it",
            ExtractorEnv.SPOTIFY_REFRESH_TOKEN);
      }
    };
  }
}
