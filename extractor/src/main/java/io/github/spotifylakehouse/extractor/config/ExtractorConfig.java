package io.github.spotifylakehouse.extractor.config;

import io.github.spotifylakehouse.lake.ExtractorEnv;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The extractor's configuration, read from a map of environment variables (names in {@link ExtractorEnv}).
 * Every problem is reported as a {@link ConfigException} naming the variable; secret values are never
 * echoed.
 *
 * @param playlistIds playlists to extract, in order, without duplicates; {@link #MY_PLAYLISTS} stands for every
 *     playlist the authorized user owns or collaborates on, found at run time
 * @param bucket the lake bucket
 * @param prefix key prefix of the lake root: empty or ending in {@code /}
 * @param spotify base URLs of the Web API and the accounts service
 * @param s3Endpoint S3 endpoint override (empty: AWS)
 * @param s3PathStyle path-style bucket addressing
 * @param region AWS region (empty: the SDK's default chain)
 * @param awsKeys static AWS credentials (empty: the SDK's default chain)
 * @param credentials where the Spotify credentials come from
 * @param snapshotDate fixed snapshot date (empty: the day the run starts, UTC)
 * @param retry bounds of the HTTP retries
 * @param timeLimit how long a run may take from its start (empty: no limit but the Lambda's own)
 * @param startMargin no playlist starts with less than this left before the deadline
 */
public record ExtractorConfig(
    List<String> playlistIds,
    String bucket,
    String prefix,
    SpotifyEndpoints spotify,
    Optional<URI> s3Endpoint,
    boolean s3PathStyle,
    Optional<String> region,
    Optional<AwsKeys> awsKeys,
    CredentialsSource credentials,
    Optional<LocalDate> snapshotDate,
    RetrySettings retry,
    Optional<Duration> timeLimit,
    Duration startMargin) {

  /**
   * The keyword of {@link ExtractorEnv#SPOTIFY_PLAYLIST_IDS} for the authorized user's own and collaborative
   * playlists; an empty variable means the same.
   */
  public static final String MY_PLAYLISTS = "me";
  /** Default of {@link ExtractorEnv#EXTRACT_START_MARGIN_SECONDS}. */
  public static final Duration DEFAULT_START_MARGIN = Duration.ofSeconds(60);

  /** Default of {@link ExtractorEnv#SPOTIFY_API_BASE_URL}. */
  public static final String DEFAULT_API_BASE_URL = "https://api.spotify.com/v1";
  /** Default of {@link ExtractorEnv#SPOTIFY_ACCOUNTS_BASE_URL}. */
  public static final String DEFAULT_ACCOUNTS_BASE_URL = "https://accounts.spotify.com";
  /** Region used with a custom S3 endpoint when {@link ExtractorEnv#AWS_REGION} is not set. */
  public static final String LOCAL_REGION = "us-east-1";

  private static final Pattern PLAYLIST_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
  private static final Pattern PLAYLIST_URI = Pattern.compile("spotify:playlist:([A-Za-z0-9]+)");
  private static final Pattern PLAYLIST_LINK =
      Pattern.compile("https?://open\\.spotify\\.com/(?:[a-z-]+/)?playlist/([A-Za-z0-9]+)(?:[?#].*)?");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public ExtractorConfig {
    playlistIds = List.copyOf(playlistIds);
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(spotify, "spotify");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(timeLimit, "timeLimit");
    Objects.requireNonNull(startMargin, "startMargin");
  }

  /** True when the user's own and collaborative playlists are to be found with {@code GET /me/playlists}. */
  public boolean discoversPlaylists() {
    return playlistIds.contains(MY_PLAYLISTS);
  }

  /** Reads and validates the whole configuration of an {@code extract} run. */
  public static ExtractorConfig from(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    List<String> ids = playlistIds(optional(env, ExtractorEnv.SPOTIFY_PLAYLIST_IDS).orElse(MY_PLAYLISTS));
    String bucket = required(env, ExtractorEnv.LAKE_BUCKET);
    if (!BUCKET.matcher(bucket).matches()) {
      throw invalid(ExtractorEnv.LAKE_BUCKET, bucket, "an S3 bucket name (3-63 of a-z, 0-9, '.', '-')");
    }
    String prefix = lakePrefix(optional(env, ExtractorEnv.LAKE_PREFIX).orElse(""));
    Optional<URI> s3Endpoint = optional(env, ExtractorEnv.S3_ENDPOINT_URL).map(v -> httpUrl(ExtractorEnv.S3_ENDPOINT_URL, v));
    boolean pathStyle = bool(env, ExtractorEnv.S3_PATH_STYLE, false);
    Optional<String> region = optional(env, ExtractorEnv.AWS_REGION)
        .or(() -> s3Endpoint.map(endpoint -> LOCAL_REGION));
    CredentialsSource credentials = credentialsSource(env);
    if (ids.contains(MY_PLAYLISTS) && credentials instanceof CredentialsSource.Environment local
        && local.credentials().refreshToken().isEmpty()) {
      String given = optional(env, ExtractorEnv.SPOTIFY_PLAYLIST_IDS).filter(value -> !value.replace(",", "").isBlank())
          .map(value -> "'" + value + "' asks for '" + MY_PLAYLISTS + "'")
          .orElse("is empty, which means '" + MY_PLAYLISTS + "'");
      throw new ConfigException(ExtractorEnv.SPOTIFY_PLAYLIST_IDS + " " + given + " (every playlist the "
          + "authorized user owns or collaborates on): that needs a user token. Set "
          + ExtractorEnv.SPOTIFY_REFRESH_TOKEN + " (run `authorize` once), or list the playlist ids");
    }
    Optional<Duration> timeLimit = optional(env, ExtractorEnv.EXTRACT_TIME_LIMIT_SECONDS)
        .map(v -> Duration.ofSeconds(integer(env, ExtractorEnv.EXTRACT_TIME_LIMIT_SECONDS, 0, 1, 86_400)));
    Duration startMargin = Duration.ofSeconds(integer(env, ExtractorEnv.EXTRACT_START_MARGIN_SECONDS,
        DEFAULT_START_MARGIN.toSeconds(), 0, 3_600));
    return new ExtractorConfig(ids, bucket, prefix, SpotifyEndpoints.from(env), s3Endpoint, pathStyle, region,
        awsKeys(env), credentials, snapshotDate(env), retrySettings(env), timeLimit, startMargin);
  }

  /** The client id and secret from {@link ExtractorEnv#SPOTIFY_CLIENT_ID} and {@link ExtractorEnv#SPOTIFY_CLIENT_SECRET}. */
  public static SpotifyCredentials localCredentials(Map<String, String> env) {
    String clientId = required(env, ExtractorEnv.SPOTIFY_CLIENT_ID);
    String clientSecret = requiredSecret(env, ExtractorEnv.SPOTIFY_CLIENT_SECRET);
    return new SpotifyCredentials(clientId, clientSecret, optional(env, ExtractorEnv.SPOTIFY_REFRESH_TOKEN).orElse(null));
  }

  /** Retry bounds from the {@code SPOTIFY_MAX_*}, {@code SPOTIFY_BACKOFF_*} and {@code SPOTIFY_HTTP_*} variables. */
  public static RetrySettings retrySettings(Map<String, String> env) {
    RetrySettings d = RetrySettings.DEFAULTS;
    int attempts = (int) integer(env, ExtractorEnv.SPOTIFY_MAX_ATTEMPTS, d.maxAttempts(), 1, 20);
    long retryAfter = integer(env, ExtractorEnv.SPOTIFY_MAX_RETRY_AFTER_SECONDS, d.maxRetryAfter().toSeconds(), 0, 3600);
    long backoff = integer(env, ExtractorEnv.SPOTIFY_BACKOFF_BASE_MILLIS, d.backoffBase().toMillis(), 1, 60_000);
    long timeout = integer(env, ExtractorEnv.SPOTIFY_HTTP_TIMEOUT_MILLIS, d.httpTimeout().toMillis(), 100, 300_000);
    return new RetrySettings(attempts, Duration.ofSeconds(retryAfter), Duration.ofMillis(backoff),
        Duration.ofMillis(timeout));
  }

  /**
   * Playlist ids from a comma list of ids, {@code spotify:playlist:} URIs, open.spotify.com links and the
   * keyword {@link #MY_PLAYLISTS} (any case); a list of nothing but commas means {@link #MY_PLAYLISTS}.
   */
  static List<String> playlistIds(String value) {
    Set<String> ids = new LinkedHashSet<>();
    for (String part : value.split(",")) {
      String item = part.trim();
      if (item.isEmpty()) {
        continue;
      }
      ids.add(item.equalsIgnoreCase(MY_PLAYLISTS) ? MY_PLAYLISTS : playlistId(item));
    }
    if (ids.isEmpty()) {
      ids.add(MY_PLAYLISTS);
    }
    return new ArrayList<>(ids);
  }

  private static String playlistId(String item) {
    Matcher uri = PLAYLIST_URI.matcher(item);
    if (uri.matches()) {
      return uri.group(1);
    }
    Matcher link = PLAYLIST_LINK.matcher(item);
    if (link.matches()) {
      return link.group(1);
    }
    if (PLAYLIST_ID.matcher(item).matches()) {
      return item;
    }
    throw invalid(ExtractorEnv.SPOTIFY_PLAYLIST_IDS, item,
        "a base-62 playlist id, a spotify:playlist: URI, an open.spotify.com/playlist/ link or the keyword '"
            + MY_PLAYLISTS + "'");
  }

  private static String lakePrefix(String value) {
    String prefix = value.strip();
    while (prefix.startsWith("/")) {
      prefix = prefix.substring(1);
    }
    if (prefix.isEmpty()) {
      return "";
    }
    if (prefix.contains("//") || prefix.contains(" ") || prefix.contains(":")) {
      throw invalid(ExtractorEnv.LAKE_PREFIX, value, "a key prefix without spaces, colons or empty segments");
    }
    return prefix.endsWith("/") ? prefix : prefix + "/";
  }

  private static Optional<AwsKeys> awsKeys(Map<String, String> env) {
    Optional<String> id = optional(env, ExtractorEnv.AWS_ACCESS_KEY_ID);
    Optional<String> secret = optional(env, ExtractorEnv.AWS_SECRET_ACCESS_KEY);
    if (id.isPresent() != secret.isPresent()) {
      throw new ConfigException(ExtractorEnv.AWS_ACCESS_KEY_ID + " and " + ExtractorEnv.AWS_SECRET_ACCESS_KEY
          + " must be set together (or neither, for the SDK's default credentials chain)");
    }
    return id.map(key -> new AwsKeys(key, secret.get(), optional(env, ExtractorEnv.AWS_SESSION_TOKEN).orElse(null)));
  }

  private static CredentialsSource credentialsSource(Map<String, String> env) {
    Optional<String> arn = optional(env, ExtractorEnv.SPOTIFY_SECRET_ARN);
    if (arn.isPresent()) {
      for (String clash : List.of(ExtractorEnv.SPOTIFY_CLIENT_ID, ExtractorEnv.SPOTIFY_CLIENT_SECRET,
          ExtractorEnv.SPOTIFY_REFRESH_TOKEN)) {
        if (optional(env, clash).isPresent()) {
          throw new ConfigException(ExtractorEnv.SPOTIFY_SECRET_ARN + " and " + clash
              + " are both set: give the credentials either in the secret or in the environment, not both");
        }
      }
      if (!arn.get().startsWith("arn:")) {
        throw invalid(ExtractorEnv.SPOTIFY_SECRET_ARN, arn.get(), "a Secrets Manager secret ARN (arn:aws:secretsmanager:...)");
      }
      return new CredentialsSource.Secret(arn.get());
    }
    if (optional(env, ExtractorEnv.SPOTIFY_CLIENT_ID).isEmpty()) {
      throw new ConfigException("Missing Spotify credentials: set " + ExtractorEnv.SPOTIFY_SECRET_ARN + " (Lambda) or "
          + ExtractorEnv.SPOTIFY_CLIENT_ID + " and " + ExtractorEnv.SPOTIFY_CLIENT_SECRET + " (local runs)");
    }
    return new CredentialsSource.Environment(localCredentials(env));
  }

  private static Optional<LocalDate> snapshotDate(Map<String, String> env) {
    return optional(env, ExtractorEnv.SNAPSHOT_DATE).map(value -> {
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw invalid(ExtractorEnv.SNAPSHOT_DATE, value, "an ISO date such as 2026-11-21");
      }
    });
  }

  /** An absolute http(s) URL without query or fragment; a trailing slash is dropped. */
  static URI httpUrl(String name, String value) {
    URI uri;
    try {
      uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
    } catch (URISyntaxException e) {
      throw invalid(name, value, "an absolute http(s) URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
        || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw invalid(name, value, "an absolute http(s) URL without credentials, query or fragment");
    }
    return uri;
  }

  static Optional<String> optional(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  static String required(Map<String, String> env, String name) {
    return optional(env, name).orElseThrow(() -> new ConfigException("Missing required variable " + name));
  }

  private static String requiredSecret(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new ConfigException("Missing required variable " + name);
    }
    return value.strip();
  }

  private static boolean bool(Map<String, String> env, String name, boolean fallback) {
    return optional(env, name).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(name, value, "true or false");
    }).orElse(fallback);
  }

  private static long integer(Map<String, String> env, String name, long fallback, long min, long max) {
    Optional<String> value = optional(env, name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value.get());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below with the accepted range
    }
    throw invalid(name, value.get(), "an integer in " + min + ".." + max);
  }

  private static ConfigException invalid(String name, String value, String expected) {
    String shown = ExtractorEnv.SECRET.contains(name) ? "(secret value not shown)" : "'" + value + "'";
    return new ConfigException("Invalid " + name + ": " + shown + "; expected " + expected);
  }

  @Override
  public String toString() {
    // records print every component; this one prints what helps in a log and nothing secret
    return "ExtractorConfig[playlists=" + playlistIds + ", bucket=" + bucket + ", prefix=" + prefix
        + ", spotify=" + spotify + ", s3Endpoint=" + s3Endpoint.map(URI::toString).orElse("AWS")
        + ", pathStyle=" + s3PathStyle + ", region=" + region.orElse("default chain")
        + ", credentials=" + (credentials instanceof CredentialsSource.Secret s ? "secret " + s.arn() : "environment")
        + ", snapshotDate=" + snapshotDate.map(LocalDate::toString).orElse("today (UTC)") + ", retry=" + retry
        + ", timeLimit=" + timeLimit.map(d -> d.toSeconds() + " s").orElse("none") + ", startMargin="
        + startMargin.toSeconds() + " s]";
  }
}
