package io.github.spotifylakehouse.extractor.testing;

import io.github.spotifylakehouse.lake.ExtractorEnv;
import io.github.spotifylakehouse.testkit.S3ProxyProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One S3Proxy (a real S3 server, in memory, on 127.0.0.1) per test JVM, started on first use; each test
 * gets its own bucket. The jar path comes from the {@code s3proxy.jar} system property set by the build.
 */
public final class LocalS3 {

  private static LocalS3 shared;

  private final S3ProxyProcess server;
  private final S3Client client;

  private LocalS3(S3ProxyProcess server) {
    this.server = server;
    this.client = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(server.endpoint())
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
        .build();
  }

  /** The JVM's S3Proxy, started on first use and stopped when the JVM exits. */
  public static synchronized LocalS3 shared() {
    if (shared == null) {
      String jar = System.getProperty("s3proxy.jar");
      if (jar == null) {
        throw new IllegalStateException("System property s3proxy.jar is not set (run the tests with Maven)");
      }
      Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "s3proxy-" + ProcessHandle.current().pid());
      LocalS3 started = new LocalS3(S3ProxyProcess.inMemory(Path.of(jar), workDir));
      Runtime.getRuntime().addShutdownHook(new Thread(started.server::close, "s3proxy-stop"));
      shared = started;
    }
    return shared;
  }

  /** A fresh empty bucket. */
  public String newBucket() {
    String bucket = "lake-" + UUID.randomUUID().toString().substring(0, 8);
    client.createBucket(b -> b.bucket(bucket));
    return bucket;
  }

  /** Environment variables that point the extractor at this server and {@code bucket}. */
  public Map<String, String> env(String bucket) {
    return Map.of(
        ExtractorEnv.LAKE_BUCKET, bucket,
        ExtractorEnv.S3_ENDPOINT_URL, server.endpoint().toString(),
        ExtractorEnv.S3_PATH_STYLE, "true",
        ExtractorEnv.AWS_REGION, "us-east-1",
        ExtractorEnv.AWS_ACCESS_KEY_ID, server.accessKey(),
        ExtractorEnv.AWS_SECRET_ACCESS_KEY, server.secretKey());
  }

  public S3Client client() {
    return client;
  }

  public S3ProxyProcess server() {
    return server;
  }

  /** All keys of a bucket, sorted. */
  public List<String> keys(String bucket) {
    return client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
        .map(S3Object::key).sorted().collect(Collectors.toList());
  }

  public byte[] bytes(String bucket, String key) {
    return client.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toBytes()).asByteArray();
  }
}
