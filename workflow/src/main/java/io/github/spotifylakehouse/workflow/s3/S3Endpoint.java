package io.github.spotifylakehouse.workflow.s3;

import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.RawLayout;
import io.github.spotifylakehouse.testkit.S3ProxyProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The lake's S3 bucket for one invocation of the runner: either S3Proxy started on 127.0.0.1 with its
 * objects kept as plain files under the data directory, or an S3 endpoint the user gave. Knows the
 * bucket, the credentials, the s3a settings for Spark and the environment for the extractor, and lists
 * what has landed.
 */
public final class S3Endpoint implements AutoCloseable {

  private final S3ProxyProcess server;
  private final URI endpoint;
  private final String accessKey;
  private final String secretKey;
  private final String region;
  private final String bucket;
  private final S3Client client;

  private S3Endpoint(S3ProxyProcess server, URI endpoint, String accessKey, String secretKey, String region,
                      String bucket) {
    this.server = server;
    this.endpoint = endpoint;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.region = region;
    this.bucket = requireBucketName(bucket);
    this.client = S3Client.builder()
        .httpClientBuilder(ApacheHttpClient.builder())
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .build();
  }

  /**
   * Starts S3Proxy on a free loopback port, keeping objects under {@code objectsDir} (one directory per
   * bucket, one file per key); its configuration and log go to {@code workDir}.
   */
  public static S3Endpoint startS3Proxy(Path s3proxyJar, Path workDir, Path objectsDir, String region,
                                         String bucket) {
    S3ProxyProcess server = S3ProxyProcess.onDisk(s3proxyJar, workDir, objectsDir);
    try {
      return new S3Endpoint(server, server.endpoint(), server.accessKey(), server.secretKey(), region, bucket);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** Uses an S3 endpoint that is already running (another S3-compatible server, or AWS itself). */
  public static S3Endpoint external(URI endpoint, String accessKey, String secretKey, String region,
                                     String bucket) {
    return new S3Endpoint(null, Objects.requireNonNull(endpoint, "endpoint"), accessKey, secretKey, region,
        bucket);
  }

  /** True when this storage is S3Proxy started by the runner. */
  public boolean isLocalServer() {
    return server != null;
  }

  /** The S3Proxy process's own log, when the runner started it. */
  public Optional<Path> serverLog() {
    return Optional.ofNullable(server).map(S3ProxyProcess::logFile);
  }

  public URI endpoint() {
    return endpoint;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  public String region() {
    return region;
  }

  public String bucket() {
    return bucket;
  }

  /** The lake root as Spark reads it: {@code s3a://bucket}. */
  public String lakeRoot() {
    return "s3a://" + bucket;
  }

  /**
   * Creates the bucket unless it exists.
   *
   * @return true when it was created
   * @throws IllegalStateException naming the endpoint when S3 cannot be reached or refuses
   */
  public boolean ensureBucket() {
    try {
      client.headBucket(b -> b.bucket(bucket));
      return false;
    } catch (NoSuchBucketException missing) {
      create();
      return true;
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      if (e.statusCode() == 404) {
        create();
        return true;
      }
      throw new IllegalStateException("S3 at " + endpoint + " refused bucket " + bucket + ": HTTP "
          + e.statusCode() + " " + e.awsErrorDetails().errorMessage(), e);
    } catch (SdkException e) {
      throw new IllegalStateException("S3 endpoint " + endpoint + " is unreachable: " + e.getMessage(), e);
    }
  }

  private void create() {
    try {
      if (Region.US_EAST_1.id().equals(region)) {
        client.createBucket(b -> b.bucket(bucket));
      } else {
        // outside us-east-1, S3 wants the region as the bucket's location constraint
        client.createBucket(b -> b.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(region)));
      }
    } catch (SdkException e) {
      throw new IllegalStateException("Cannot create bucket " + bucket + " at " + endpoint + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Snapshot dates present in the lake: raw run folders waiting or processed, and the song table's
   * partitions. Sorted ascending.
   */
  public List<LocalDate> snapshotDates() {
    TreeSet<LocalDate> dates = new TreeSet<>();
    for (String prefix : List.of(RawLayout.TO_PROCESS, RawLayout.PROCESSED, LakeTable.SONG.csvPrefix())) {
      for (String child : childPrefixes(prefix)) {
        parseSnapshotFolder(child.substring(prefix.length())).ifPresent(dates::add);
      }
    }
    return List.copyOf(dates);
  }

  /** {@code snapshot_date=2026-11-21/} to its date; empty for any other folder. */
  static Optional<LocalDate> parseSnapshotFolder(String folder) {
    String marker = RawLayout.SNAPSHOT_DATE + "=";
    if (!folder.startsWith(marker) || !folder.endsWith("/")) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(folder.substring(marker.length(), folder.length() - 1)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private List<String> childPrefixes(String prefix) {
    List<String> children = new java.util.ArrayList<>();
    String token = null;
    do {
      ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
          .bucket(bucket).prefix(prefix).delimiter("/");
      if (token != null) {
        request.continuationToken(token);
      }
      ListObjectsV2Response page = listPage(request.build());
      page.commonPrefixes().stream().map(CommonPrefix::prefix).forEach(children::add);
      token = page.isTruncated() ? page.nextContinuationToken() : null;
    } while (token != null);
    return children;
  }

  /** Number and total size of the objects under {@code prefix}, and how many are run manifests. */
  public ObjectStats stats(String prefix) {
    long objects = 0;
    long bytes = 0;
    long manifests = 0;
    String token = null;
    do {
      ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
      if (token != null) {
        request.continuationToken(token);
      }
      ListObjectsV2Response page = listPage(request.build());
      for (S3Object object : page.contents()) {
        if (object.key().endsWith("/")) {
          continue; // directory markers written by s3a
        }
        objects++;
        bytes += object.size();
        if (object.key().endsWith("/" + RawLayout.MANIFEST_FILE)) {
          manifests++;
        }
      }
      token = page.isTruncated() ? page.nextContinuationToken() : null;
    } while (token != null);
    return new ObjectStats(objects, bytes, manifests);
  }

  private ListObjectsV2Response listPage(ListObjectsV2Request request) {
    try {
      return client.listObjectsV2(request);
    } catch (SdkException e) {
      throw new IllegalStateException("Cannot list s3://" + bucket + "/" + request.prefix() + " at "
          + endpoint + ": " + e.getMessage(), e);
    }
  }

  /**
   * Hadoop settings that point s3a at this storage (set them as {@code spark.hadoop.<key>}). Per bucket,
   * so other buckets keep the defaults.
   */
  public Map<String, String> s3aSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    String perBucket = "fs.s3a.bucket." + bucket + ".";
    settings.put(perBucket + "endpoint", endpoint.toString());
    settings.put(perBucket + "endpoint.region", region);
    settings.put(perBucket + "path.style.access", "true");
    settings.put(perBucket + "connection.ssl.enabled", Boolean.toString("https".equals(endpoint.getScheme())));
    settings.put(perBucket + "access.key", accessKey);
    settings.put(perBucket + "secret.key", secretKey);
    settings.put(perBucket + "aws.credentials.provider",
        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    return settings;
  }

  /** Stops S3Proxy when the runner started it. */
  @Override
  public void close() {
    try {
      client.close();
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  private static String requireBucketName(String bucket) {
    if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new IllegalArgumentException("Invalid S3 bucket name '" + bucket
          + "' (3-63 characters: lower-case letters, digits, dots and hyphens)");
    }
    return bucket;
  }

  /**
   * What lies under a prefix.
   *
   * @param objects number of objects (directory markers excluded)
   * @param bytes their total size
   * @param manifests how many of them are run manifests
   */
  public record ObjectStats(long objects, long bytes, long manifests) {
  }
}
