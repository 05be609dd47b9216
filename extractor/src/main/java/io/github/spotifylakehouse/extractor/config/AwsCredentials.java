package io.github.spotifylakehouse.extractor.config;

import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The AWS credentials provider of every client: the configured keys, else the SDK's default chain. */
public final class AwsCredentials {

  private AwsCredentials() {
  }

  /** Static credentials from {@code keys}, or the default chain (Lambda role, profile, ...) when empty. */
  public static AwsCredentialsProvider provider(Optional<AwsKeys> keys) {
    if (keys.isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    AwsKeys k = keys.get();
    return StaticCredentialsProvider.create(k.sessionToken().isPresent()
        ? AwsSessionCredentials.create(k.accessKeyId(), k.secretAccessKey(), k.sessionToken().get())
        : AwsBasicCredentials.create(k.accessKeyId(), k.secretAccessKey()));
  }
}
