package io.github.spotifylakehouse.extractor.landing;

import io.github.spotifylakehouse.extractor.config.AwsCredentials;
import io.github.spotifylakehouse.extractor.config.ExtractorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

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

  /**
   * Keys under {@code relativePrefix}, relative to the lake root, in S3's order; at most {@code limit}
   * (the listing stops there, so a caller can tell "more than" from the size).
   */
  public List<String> list(String relativePrefix, int limit) {
    List<String> keys = new ArrayList<>();
    String token = null;
    try {
      do {
        String continuation = token;
        ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).prefix(key(relativePrefix))
            .maxKeys(Math.min(1000, limit - keys.size())).continuationToken(continuation));
        for (S3Object object : page.contents()) {
          keys.add(object.key().substring(prefix.length()));
        }
        token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
      } while (token != null && keys.size() < limit);
    } catch (SdkException e) {
      throw new LandingException("Cannot list " + location(relativePrefix) + ": " + e.getMessage(), e);
    }
    return keys;
  }

  /** Reads one object. */
  public byte[] get(String relativeKey) {
    try {
      return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key(relativeKey))).asByteArray();
    } catch (SdkException e) {
      throw new LandingException("Cannot read " + location(relativeKey) + ": " + e.getMessage(), e);
    }
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
