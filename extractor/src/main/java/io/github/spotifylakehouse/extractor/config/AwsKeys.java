package io.github.spotifylakehouse.extractor.config;

import java.util.Objects;
import java.util.Optional;

/** Static AWS credentials from the standard variables; {@link #toString()} shows the access key id only. */
public final class AwsKeys {

  private final String accessKeyId;
  private final String secretAccessKey;
  private final String sessionToken;

  public AwsKeys(String accessKeyId, String secretAccessKey, String sessionToken) {
    this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
    this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    this.sessionToken = sessionToken == null || sessionToken.isBlank() ? null : sessionToken;
  }

  public String accessKeyId() {
    return accessKeyId;
  }

  public String secretAccessKey() {
    return secretAccessKey;
  }

  public Optional<String> sessionToken() {
    return Optional.ofNullable(sessionToken);
  }

  @Override
  public String toString() {
    return "AwsKeys[accessKeyId=" + accessKeyId + ", secretAccessKey=***"
        + (sessionToken == null ? "" : ", sessionToken=***") + "]";
  }
}
