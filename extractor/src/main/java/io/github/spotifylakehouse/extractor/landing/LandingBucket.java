package io.github.spotifylakehouse.extractor.landing;

import io.github.spotifylakehouse.extractor.config.AwsCredentials;
import io.github.spotifylakehouse.extractor.config.ExtractorConfig;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The lake root in S3: a bucket and a key prefix. Keys given to it are relative to the root, as
 * {@code RawLayout} builds them.
 */
public final class LandingBucket {

  private static final String JSON = "application/json";

  private final S3Client s3;
  private final String bucket;
  private final String prefix;

  public LandingBucket(S3Client s3, String bucket, String prefix) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  /** An S3 client as configured: endpoint override, path style, region and credentials. Built once per container. */
  public static S3Client s3Client(ExtractorConfig config) {
    S3ClientBuilder builder = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .credentialsProvider(AwsCredentials.provider(config.awsKeys()))
        .forcePathStyle(config.s3PathStyle());
    config.region().map(Region::of).ifPresent(builder::region);
    config.s3Endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  public String bucket() {
    return bucket;
  }

  /** The full object key of a key relative to the lake root. */
  public String key(String relativeKey) {
    return prefix + relativeKey;
  }

  /** {@code s3://bucket/prefix/relativeKey}, for logs and messages. */
  public String location(String relativeKey) {
    return "s3://" + bucket + "/" + key(relativeKey);
  }

  /** Writes one JSON object. */
  public void putJson(String relativeKey, byte[] body) {
    try {
      s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key(relativeKey)).contentType(JSON).build(),
          RequestBody.fromBytes(body));
    } catch (SdkException e) {
      throw new LandingException("Cannot write " + location(relativeKey) + ": " + e.getMessage(), e);
    }
  }
}
