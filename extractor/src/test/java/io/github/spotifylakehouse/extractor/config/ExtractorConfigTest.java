package io.github.spotifylakehouse.extractor.config;

import io.github.spotifylakehouse.lake.ExtractorEnv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExtractorConfigTest {

  private static final String SECRET = "sEcReT-never-shown-4711";

  private static Map<String, String> minimal() {
    Map<String, String> env = new HashMap<>();
    env.put(ExtractorEnv.SPOTIFY_PLAYLIST_IDS, "3cEYpjA9oz9GiPac4AsH4n");
    env.put(ExtractorEnv.LAKE_BUCKET, "my-lake");
    env.put(ExtractorEnv.SPOTIFY_CLIENT_ID, "client-1");
    env.put(ExtractorEnv.SPOTIFY_CLIENT_SECRET, SECRET);
    return env;
  }

  @Test
  void minimalConfigurationUsesTheRealServicesAndClientCredentials() {
    ExtractorConfig config = ExtractorConfig.from(minimal());

    assertThat(config.playlistIds()).containsExactly("3cEYpjA9oz9GiPac4AsH4n");
    assertThat(config.prefix()).isEmpty();
    assertThat(config.spotify()).isEqualTo(SpotifyEndpoints.SPOTIFY);
    assertThat(config.s3Endpoint()).isEmpty();
    assertThat(config.s3PathStyle()).isFalse();
    assertThat(config.region()).isEmpty();
    assertThat(config.awsKeys()).isEmpty();
    assertThat(config.snapshotDate()).isEmpty();
    assertThat(config.retry()).isEqualTo(RetrySettings.DEFAULTS);
    assertThat(config.credentials()).isEqualTo(new CredentialsSource.Environment(
        new SpotifyCredentials("client-1", SECRET, null)));
    assertThat(((CredentialsSource.Environment) config.credentials()).credentials().refreshToken()).isEmpty();
  }

  @Test
  void fullConfigurationIsReadAndNormalised() {
    Map<String, String> env = minimal();
    env.put(ExtractorEnv.SPOTIFY_PLAYLIST_IDS, " spotify:playlist:AAA111 , https://open.spotify.com/playlist/BBB222?si=x1,"
        + "CCC333,AAA111,");
    env.put(ExtractorEnv.LAKE_PREFIX, "/lake/dev");
    env.put(ExtractorEnv.SPOTIFY_API_BASE_URL, "http://127.0.0.1:8080/v1/");
    env.put(ExtractorEnv.SPOTIFY_ACCOUNTS_BASE_URL, "http://127.0.0.1:8081");
    env.put(ExtractorEnv.S3_ENDPOINT_URL, "http://127.0.0.1:9000");
    env.put(ExtractorEnv.S3_PATH_STYLE, "TRUE");
    env.put(ExtractorEnv.AWS_ACCESS_KEY_ID, "AKIA1");
    env.put(ExtractorEnv.AWS_SECRET_ACCESS_KEY, SECRET);
    env.put(ExtractorEnv.SPOTIFY_REFRESH_TOKEN, "refresh-" + SECRET);
    env.put(ExtractorEnv.SNAPSHOT_DATE, "2026-11-21");
    env.put(ExtractorEnv.SPOTIFY_MAX_ATTEMPTS, "3");
    env.put(ExtractorEnv.SPOTIFY_MAX_RETRY_AFTER_SECONDS, "5");
    env.put(ExtractorEnv.SPOTIFY_BACKOFF_BASE_MILLIS, "20");
    env.put(ExtractorEnv.SPOTIFY_HTTP_TIMEOUT_MILLIS, "700");

    ExtractorConfig config = ExtractorConfig.from(env);

    assertThat(config.playlistIds()).containsExactly("AAA111", "BBB222", "CCC333");
    assertThat(config.prefix()).isEqualTo("lake/dev/");
    assertThat(config.spotify().apiBase()).isEqualTo(URI.create("http://127.0.0.1:8080/v1"));
    assertThat(config.spotify().accountsBase()).isEqualTo(URI.create("http://127.0.0.1:8081"));
    assertThat(config.s3Endpoint()).contains(URI.create("http://127.0.0.1:9000"));
    assertThat(config.s3PathStyle()).isTrue();
    assertThat(config.region()).contains(ExtractorConfig.LOCAL_REGION);
    assertThat(config.awsKeys()).isPresent();
    assertThat(config.snapshotDate()).contains(LocalDate.of(2026, 11, 21));
    assertThat(config.retry()).isEqualTo(new RetrySettings(3, Duration.ofSeconds(5), Duration.ofMillis(20),
        Duration.ofMillis(700)));
    assertThat(((CredentialsSource.Environment) config.credentials()).credentials().refreshToken())
        .contains("refresh-" + SECRET);
    assertThat(config.toString()).doesNotContain(SECRET).contains("AAA111", "my-lake");
  }

  @Test
  void withoutIdsTheUsersOwnPlaylistsAreReadAndTheKeywordMixesWithIds() {
    Map<String, String> env = minimal();
    env.remove(ExtractorEnv.SPOTIFY_PLAYLIST_IDS);
    env.put(ExtractorEnv.SPOTIFY_REFRESH_TOKEN, "refresh-" + SECRET);
    assertThat(ExtractorConfig.from(env).playlistIds()).containsExactly(ExtractorConfig.MY_PLAYLISTS);
    assertThat(ExtractorConfig.from(env).discoversPlaylists()).isTrue();
    env.put(ExtractorEnv.SPOTIFY_PLAYLIST_IDS, "  ");
    assertThat(ExtractorConfig.from(env).playlistIds()).containsExactly("me");

    env.put(ExtractorEnv.SPOTIFY_PLAYLIST_IDS, "AAA111, Me ,spotify:playlist:BBB222,me,AAA111");
    assertThat(ExtractorConfig.from(env).playlistIds()).containsExactly("AAA111", "me", "BBB222");

    env.put(ExtractorEnv.SPOTIFY_PLAYLIST_IDS, "AAA111");
    assertThat(ExtractorConfig.from(env).discoversPlaylists()).isFalse();
    // with a secret the refresh token is only known at run time: the run reports a missing one
    env.remove(ExtractorEnv.SPOTIFY_CLIENT_ID);
    env.remove(ExtractorEnv.SPOTIFY_CLIENT_SECRET);
    env.remove(ExtractorEnv.SPOTIFY_REFRESH_TOKEN);
    env.remove(ExtractorEnv.SPOTIFY_PLAYLIST_IDS);
    env.put(ExtractorEnv.SPOTIFY_SECRET_ARN, "arn:aws:secretsmanager:eu-west-1:123456789012:secret:spotify-AbCdEf");
    assertThat(ExtractorConfig.from(env).playlistIds()).containsExactly("me");
  }

  @Test
  void theDeadlineVariablesAreReadWithTheirDefaults() {
    ExtractorConfig defaults = ExtractorConfig.from(minimal());
    assertThat(defaults.timeLimit()).isEmpty();
    assertThat(defaults.startMargin()).isEqualTo(Duration.ofSeconds(60));

    Map<String, String> env = minimal();
    env.put(ExtractorEnv.EXTRACT_TIME_LIMIT_SECONDS, "840");
    env.put(ExtractorEnv.EXTRACT_START_MARGIN_SECONDS, "0");
    ExtractorConfig config = ExtractorConfig.from(env);
    assertThat(config.timeLimit()).contains(Duration.ofSeconds(840));
    assertThat(config.startMargin()).isZero();
    assertThat(config.toString()).contains("timeLimit=840 s", "startMargin=0 s");
  }

  @Test
  void secretArnSelectsSecretsManager() {
    Map<String, String> env = minimal();
    env.remove(ExtractorEnv.SPOTIFY_CLIENT_ID);
    env.remove(ExtractorEnv.SPOTIFY_CLIENT_SECRET);
    env.put(ExtractorEnv.SPOTIFY_SECRET_ARN, "arn:aws:secretsmanager:eu-west-1:123456789012:secret:spotify-AbCdEf");
    env.put(ExtractorEnv.AWS_REGION, "eu-west-1");

    ExtractorConfig config = ExtractorConfig.from(env);

    assertThat(config.credentials()).isEqualTo(new CredentialsSource.Secret(
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:spotify-AbCdEf"));
    assertThat(config.region()).isEqualTo(Optional.of("eu-west-1"));
  }

  @Test
  void errorsNameTheVariableAndTheValue() {
    assertError(ExtractorEnv.SPOTIFY_PLAYLIST_IDS, null, "SPOTIFY_PLAYLIST_IDS is empty, which means 'me' (every "
        + "playlist the authorized user owns or collaborates on): that needs a user token. Set SPOTIFY_REFRESH_TOKEN");
    assertError(ExtractorEnv.SPOTIFY_PLAYLIST_IDS, " , ", "SPOTIFY_PLAYLIST_IDS is empty, which means 'me'");
    assertError(ExtractorEnv.SPOTIFY_PLAYLIST_IDS, "me,AAA111", "SPOTIFY_PLAYLIST_IDS 'me,AAA111' asks for 'me'");
    assertError(ExtractorEnv.EXTRACT_TIME_LIMIT_SECONDS, "0", "Invalid EXTRACT_TIME_LIMIT_SECONDS: '0'; expected an integer in 1..86400");
    assertError(ExtractorEnv.EXTRACT_START_MARGIN_SECONDS, "-1", "Invalid EXTRACT_START_MARGIN_SECONDS: '-1'");
    assertError(ExtractorEnv.SPOTIFY_PLAYLIST_IDS, "ok1,not an id", "Invalid SPOTIFY_PLAYLIST_IDS: 'not an id'");
    assertError(ExtractorEnv.LAKE_BUCKET, null, "Missing required variable LAKE_BUCKET");
    assertError(ExtractorEnv.LAKE_BUCKET, "My_Bucket", "Invalid LAKE_BUCKET: 'My_Bucket'");
    assertError(ExtractorEnv.LAKE_PREFIX, "a b", "Invalid LAKE_PREFIX: 'a b'");
    assertError(ExtractorEnv.SPOTIFY_API_BASE_URL, "ftp://x", "Invalid SPOTIFY_API_BASE_URL: 'ftp://x'");
    assertError(ExtractorEnv.SPOTIFY_ACCOUNTS_BASE_URL, "accounts", "Invalid SPOTIFY_ACCOUNTS_BASE_URL: 'accounts'");
    assertError(ExtractorEnv.S3_ENDPOINT_URL, "http://h:1/?q=1", "Invalid S3_ENDPOINT_URL: 'http://h:1/?q=1'");
    assertError(ExtractorEnv.S3_PATH_STYLE, "yes", "Invalid S3_PATH_STYLE: 'yes'; expected true or false");
    assertError(ExtractorEnv.SNAPSHOT_DATE, "21.11.2026", "Invalid SNAPSHOT_DATE: '21.11.2026'");
    assertError(ExtractorEnv.SPOTIFY_MAX_ATTEMPTS, "0", "Invalid SPOTIFY_MAX_ATTEMPTS: '0'; expected an integer in 1..20");
    assertError(ExtractorEnv.SPOTIFY_HTTP_TIMEOUT_MILLIS, "soon", "Invalid SPOTIFY_HTTP_TIMEOUT_MILLIS: 'soon'");
    assertError(ExtractorEnv.SPOTIFY_CLIENT_SECRET, null, "Missing required variable SPOTIFY_CLIENT_SECRET");
    assertError(ExtractorEnv.SPOTIFY_CLIENT_ID, null, "Missing Spotify credentials: set SPOTIFY_SECRET_ARN");
    assertError(ExtractorEnv.AWS_SECRET_ACCESS_KEY, SECRET, "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together");
    assertError(ExtractorEnv.SPOTIFY_SECRET_ARN, "arn:aws:secretsmanager:eu-west-1:1:secret:x",
        "SPOTIFY_SECRET_ARN and SPOTIFY_CLIENT_ID are both set");
  }

  private static void assertError(String name, String value, String message) {
    Map<String, String> env = minimal();
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    assertThatThrownBy(() -> ExtractorConfig.from(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  @Test
  void everyVariableIsListedAndDocumentedInTheReadme() throws Exception {
    java.util.Set<String> declared = new java.util.TreeSet<>();
    for (java.lang.reflect.Field field : ExtractorEnv.class.getFields()) {
      if (field.getType() == String.class) {
        declared.add((String) field.get(null));
      }
    }
    assertThat(ExtractorEnv.ALL).containsExactlyInAnyOrderElementsOf(declared);
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
    assertThat(ExtractorEnv.ALL).allSatisfy(name -> assertThat(readme).contains("`" + name + "`"));
  }

  @Test
  void backoffDoublesUpToTheCap() {
    RetrySettings retry = new RetrySettings(5, Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(1));
    assertThat(retry.backoffCeiling(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(retry.backoffCeiling(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(retry.backoffCeiling(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(retry.backoffCeiling(40)).isEqualTo(RetrySettings.MAX_BACKOFF);
  }
}
