package io.github.spotifylakehouse.lake;

import java.util.List;

/**
 * Every environment variable the extractor reads, in one place. The Lambda handler and the command line
 * pass {@code System.getenv()}; tests pass a {@code Map.of(...)}. The local runner sets them for the
 * extractor's child process and the CloudFormation checks hold the Lambda's environment to them, so they
 * live in the contract. See {@code extractor/README.md}.
 */
public final class ExtractorEnv {

  /**
   * Optional. Comma-separated playlist ids (a {@code spotify:playlist:} URI or an open.spotify.com link also
   * works), and/or the keyword {@code me}: every playlist the authorized user owns or collaborates on, read
   * from {@code GET /me/playlists}. Empty or absent means {@code me}.
   */
  public static final String SPOTIFY_PLAYLIST_IDS = "SPOTIFY_PLAYLIST_IDS";
  /** Required. Bucket of the lake. */
  public static final String LAKE_BUCKET = "LAKE_BUCKET";
  /** Optional, default empty. Key prefix of the lake root inside the bucket, e.g. {@code lake/}. */
  public static final String LAKE_PREFIX = "LAKE_PREFIX";
  /** Optional, default {@code https://api.spotify.com/v1}. Base URL of the Web API (tests: a local double). */
  public static final String SPOTIFY_API_BASE_URL = "SPOTIFY_API_BASE_URL";
  /** Optional, default {@code https://accounts.spotify.com}. Base URL of the accounts service (token, authorize). */
  public static final String SPOTIFY_ACCOUNTS_BASE_URL = "SPOTIFY_ACCOUNTS_BASE_URL";
  /** Optional, default: AWS. S3 endpoint, e.g. {@code http://127.0.0.1:9000} for S3Proxy. */
  public static final String S3_ENDPOINT_URL = "S3_ENDPOINT_URL";
  /** Optional, {@code true} or {@code false} (default {@code false}). Path-style bucket addressing. */
  public static final String S3_PATH_STYLE = "S3_PATH_STYLE";
  /** Region of the bucket and the secret; optional with {@code S3_ENDPOINT_URL} (then {@code us-east-1}). */
  public static final String AWS_REGION = "AWS_REGION";
  /** Standard AWS credentials; when absent the SDK's default chain (role, profile) is used. */
  public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  /** Standard AWS credentials, with {@link #AWS_ACCESS_KEY_ID}. */
  public static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  /** Standard AWS credentials, optional (temporary credentials, as Lambda sets them). */
  public static final String AWS_SESSION_TOKEN = "AWS_SESSION_TOKEN";
  /** Spotify app client id (local runs; in Lambda it comes from the secret). */
  public static final String SPOTIFY_CLIENT_ID = "SPOTIFY_CLIENT_ID";
  /** Spotify app client secret (local runs; in Lambda it comes from the secret). */
  public static final String SPOTIFY_CLIENT_SECRET = "SPOTIFY_CLIENT_SECRET";
  /** Optional. User refresh token from {@code authorize}: present = user token, absent = client credentials. */
  public static final String SPOTIFY_REFRESH_TOKEN = "SPOTIFY_REFRESH_TOKEN";
  /**
   * ARN of a Secrets Manager secret (Lambda): a JSON object with keys {@code client_id},
   * {@code client_secret} and optionally {@code refresh_token}. Excludes the three variables above.
   */
  public static final String SPOTIFY_SECRET_ARN = "SPOTIFY_SECRET_ARN";
  /** Optional ISO date (e.g. {@code 2026-11-21}) of the snapshot folder; default: today in UTC. */
  public static final String SNAPSHOT_DATE = "SNAPSHOT_DATE";

  /** Optional, default 5. Attempts per HTTP request on 5xx, timeouts, connection errors and 429. */
  public static final String SPOTIFY_MAX_ATTEMPTS = "SPOTIFY_MAX_ATTEMPTS";
  /** Optional, default 60. Longest {@code Retry-After} (seconds) waited; a longer one fails the playlist. */
  public static final String SPOTIFY_MAX_RETRY_AFTER_SECONDS = "SPOTIFY_MAX_RETRY_AFTER_SECONDS";
  /** Optional, default 500. First backoff (ms) after a 5xx or timeout; doubles per attempt, with jitter. */
  public static final String SPOTIFY_BACKOFF_BASE_MILLIS = "SPOTIFY_BACKOFF_BASE_MILLIS";
  /** Optional, default 10000. Timeout (ms) of one HTTP request to Spotify, connect plus response. */
  public static final String SPOTIFY_HTTP_TIMEOUT_MILLIS = "SPOTIFY_HTTP_TIMEOUT_MILLIS";
  /**
   * Optional, no default. Seconds a run may take from its start (the command line's deadline); in Lambda the
   * invocation's remaining time is the deadline (and this one too, when it is earlier).
   */
  public static final String EXTRACT_TIME_LIMIT_SECONDS = "EXTRACT_TIME_LIMIT_SECONDS";
  /** Optional, default 60. No playlist starts when less than this many seconds are left before the deadline. */
  public static final String EXTRACT_START_MARGIN_SECONDS = "EXTRACT_START_MARGIN_SECONDS";

  /** All names above, in the order of the README. */
  public static final List<String> ALL = List.of(
      SPOTIFY_PLAYLIST_IDS, LAKE_BUCKET, LAKE_PREFIX, SPOTIFY_API_BASE_URL, SPOTIFY_ACCOUNTS_BASE_URL,
      S3_ENDPOINT_URL, S3_PATH_STYLE, AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
      SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET, SPOTIFY_REFRESH_TOKEN, SPOTIFY_SECRET_ARN, SNAPSHOT_DATE,
      SPOTIFY_MAX_ATTEMPTS, SPOTIFY_MAX_RETRY_AFTER_SECONDS, SPOTIFY_BACKOFF_BASE_MILLIS,
      SPOTIFY_HTTP_TIMEOUT_MILLIS, EXTRACT_TIME_LIMIT_SECONDS, EXTRACT_START_MARGIN_SECONDS);

  /** Variables whose values are secret: never echoed in a message or a log. */
  public static final List<String> SECRET = List.of(
      SPOTIFY_CLIENT_SECRET, SPOTIFY_REFRESH_TOKEN, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN);

  private ExtractorEnv() {
  }
}
