package io.github.spotifylakehouse.workflow.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.RawLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class S3EndpointTest {

  private static final Path S3PROXY_JAR = Path.of("target", "runner-jars", "s3proxy.jar");

  @TempDir
  static Path temp;
  private static S3Endpoint lake;
  private static S3Client s3;

  @BeforeAll
  static void start() {
    lake = S3Endpoint.startS3Proxy(S3PROXY_JAR, temp.resolve("logs"), temp.resolve("s3"), "us-east-1", "test-lake");
    s3 = S3Client.builder().httpClientBuilder(ApacheHttpClient.builder()).endpointOverride(lake.endpoint())
        .forcePathStyle(true).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(lake.accessKey(), lake.secretKey())))
        .build();
  }

  @AfterAll
  static void stop() {
    s3.close();
    lake.close();
  }

  private static void put(String key, String body) {
    put("test-lake", key, body);
  }

  private static void put(String bucket, String key, String body) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
  }

  /** Another bucket on the same server, so each test sees only its own objects. */
  private static S3Endpoint bucket(String name) {
    S3Endpoint other = S3Endpoint.external(lake.endpoint(), lake.accessKey(), lake.secretKey(), "us-east-1", name);
    other.ensureBucket();
    return other;
  }

  @Test
  void createsTheBucketOnceAndKeepsObjectsAsPlainFiles() throws Exception {
    lake.ensureBucket();
    assertThat(lake.ensureBucket()).isFalse();
    put("raw_data/to_process/hello.txt", "hi");
    assertThat(Files.readString(temp.resolve("s3/test-lake/raw_data/to_process/hello.txt"))).isEqualTo("hi");
    assertThat(lake.lakeRoot()).isEqualTo("s3a://test-lake");
    assertThat(lake.isLocalServer()).isTrue();
  }

  @Test
  void findsSnapshotDatesInRawAndTransformedPrefixes() {
    try (S3Endpoint dates = bucket("dates")) {
      assertThat(dates.snapshotDates()).isEmpty();
      LocalDate d1 = LocalDate.of(2026, 11, 19);
      LocalDate d2 = LocalDate.of(2026, 11, 20);
      LocalDate d3 = LocalDate.of(2026, 11, 21);
      put("dates", RawLayout.manifestKey(d1, "p1", "20261119T060000Z-00000001"), "{}");
      put("dates", RawLayout.PROCESSED + RawLayout.runFolder(d2, "p1", "20261120T060000Z-00000002")
          + "page-00000.json", "{}");
      put("dates", LakeTable.SONG.csvPrefix() + "snapshot_date=" + d3 + "/part-00000.csv", "song_id\n");
      put("dates", RawLayout.TO_PROCESS + "snapshot_date=not-a-date/x.json", "{}");
      assertThat(dates.snapshotDates()).containsExactly(d1, d2, d3);
    }
  }

  @Test
  void countsObjectsBytesAndManifestsUnderAPrefix() {
    try (S3Endpoint counted = bucket("counted")) {
      LocalDate day = LocalDate.of(2025, 1, 1);
      put("counted", RawLayout.pageKey(day, "p2", "20250101T000000Z-0000000a", 0), "12345");
      put("counted", RawLayout.pageKey(day, "p2", "20250101T000000Z-0000000a", 1), "123");
      put("counted", RawLayout.manifestKey(day, "p2", "20250101T000000Z-0000000a"), "{}");
      S3Endpoint.ObjectStats stats = counted.stats(RawLayout.TO_PROCESS + "snapshot_date=" + day + "/");
      assertThat(stats).isEqualTo(new S3Endpoint.ObjectStats(3, 10, 1));
    }
  }

  @Test
  void readsSnapshotFolderNames() {
    assertThat(S3Endpoint.parseSnapshotFolder("snapshot_date=2026-11-21/")).contains(LocalDate.of(2026, 11, 21));
    assertThat(S3Endpoint.parseSnapshotFolder("snapshot_date=2026-13-01/")).isEmpty();
    assertThat(S3Endpoint.parseSnapshotFolder("other=2026-11-21/")).isEmpty();
  }

  @Test
  void s3aSettingsArePerBucket() {
    assertThat(lake.s3aSettings())
        .containsEntry("fs.s3a.bucket.test-lake.endpoint", lake.endpoint().toString())
        .containsEntry("fs.s3a.bucket.test-lake.path.style.access", "true")
        .containsEntry("fs.s3a.bucket.test-lake.connection.ssl.enabled", "false")
        .allSatisfy((key, value) -> assertThat(key).startsWith("fs.s3a.bucket.test-lake."));
  }

  @Test
  void refusesInvalidBucketNames() {
    assertThatThrownBy(() -> S3Endpoint.external(lake.endpoint(), "a", "b", "us-east-1", "Not_Valid"))
        .hasMessageContaining("Invalid S3 bucket name 'Not_Valid'");
  }
}
