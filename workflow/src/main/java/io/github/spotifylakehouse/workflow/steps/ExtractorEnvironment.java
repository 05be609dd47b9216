package io.github.spotifylakehouse.workflow.steps;

import java.util.List;

/**
 * Names of the environment variables the extractor reads (its documented interface, see
 * {@code extractor/README.md}). The runner sets them for the extractor's child process, and reads the
 * Spotify ones from its own environment to decide between the real API and the emulator.
 */
final class ExtractorEnvironment {

  /** Comma list of playlist ids to extract. */
  static final String PLAYLIST_IDS = "SPOTIFY_PLAYLIST_IDS";
  static final String CLIENT_ID = "SPOTIFY_CLIENT_ID";
  static final String CLIENT_SECRET = "SPOTIFY_CLIENT_SECRET";
  /** Present: user-token flow (needed to read playlist items since Feb 2026); absent: client credentials. */
  static final String REFRESH_TOKEN = "SPOTIFY_REFRESH_TOKEN";
  /** Lambda only: the Secrets Manager secret; never passed to a local run. */
  static final String SECRET_ARN = "SPOTIFY_SECRET_ARN";
  static final String API_BASE_URL = "SPOTIFY_API_BASE_URL";
  static final String ACCOUNTS_BASE_URL = "SPOTIFY_ACCOUNTS_BASE_URL";
  static final String LAKE_BUCKET = "LAKE_BUCKET";
  static final String LAKE_PREFIX = "LAKE_PREFIX";
  static final String S3_ENDPOINT_URL = "S3_ENDPOINT_URL";
  static final String S3_PATH_STYLE = "S3_PATH_STYLE";
  static final String AWS_REGION = "AWS_REGION";
  static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  static final String AWS_SESSION_TOKEN = "AWS_SESSION_TOKEN";
  static final String AWS_PROFILE = "AWS_PROFILE";
  /** ISO date; the extractor defaults to today (UTC). */
  static final String SNAPSHOT_DATE = "SNAPSHOT_DATE";

  /** What must be set for the runner to extract from the real Spotify API. */
  static final List<String> REQUIRED_FOR_SPOTIFY = List.of(CLIENT_ID, CLIENT_SECRET, PLAYLIST_IDS);

  private ExtractorEnvironment() {
  }
}
