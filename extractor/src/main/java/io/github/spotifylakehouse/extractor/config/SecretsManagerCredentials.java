package io.github.spotifylakehouse.extractor.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * Spotify credentials kept in one Secrets Manager secret, a JSON object:
 * {@code {"client_id": "...", "client_secret": "...", "refresh_token": "..."}} ({@code refresh_token}
 * optional). The client is built once per container; the secret is read at each {@link #load()}.
 * Messages name the ARN and the missing key, never a value.
 */
public final class SecretsManagerCredentials implements CredentialsStore {

  /** Key of the client id in the secret JSON. */
  public static final String CLIENT_ID = "client_id";
  /** Key of the client secret in the secret JSON. */
  public static final String CLIENT_SECRET = "client_secret";
  /** Key of the optional refresh token in the secret JSON. */
  public static final String REFRESH_TOKEN = "refresh_token";

  private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerCredentials.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SecretsManagerClient client;
  private final String arn;

  SecretsManagerCredentials(SecretsManagerClient client, String arn) {
    this.client = Objects.requireNonNull(client, "client");
    this.arn = Objects.requireNonNull(arn, "arn");
  }

  /**
   * A store for {@code arn}, with a client for {@code region} (the SDK default chain when empty) and,
   * for tests, an endpoint override.
   */
  public static SecretsManagerCredentials create(String arn, Optional<String> region, Optional<AwsKeys> keys,
                                                 Optional<URI> endpoint) {
    SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .credentialsProvider(AwsCredentials.provider(keys));
    region.map(Region::of).ifPresent(builder::region);
    endpoint.ifPresent(builder::endpointOverride);
    return new SecretsManagerCredentials(builder.build(), arn);
  }

  @Override
  public SpotifyCredentials load() {
    ObjectNode secret = read();
    String clientId = text(secret, CLIENT_ID).orElseThrow(() -> missing(CLIENT_ID));
    String clientSecret = text(secret, CLIENT_SECRET).orElseThrow(() -> missing(CLIENT_SECRET));
    return new SpotifyCredentials(clientId, clientSecret, text(secret, REFRESH_TOKEN).orElse(null));
  }

  @Override
  public void refreshTokenRotated(SpotifyCredentials updated) {
    // keep any other keys the operator put in the secret
    ObjectNode secret = read();
    secret.put(REFRESH_TOKEN, updated.refreshToken().orElseThrow());
    try {
      client.putSecretValue(b -> b.secretId(arn).secretString(secret.toString()));
      LOG.info("Spotify rotated the refresh token; stored the new one in secret {}", arn);
    } catch (SdkException e) {
      throw new IllegalStateException("Spotify rotated the refresh token but it could not be stored in secret "
          + arn + " (" + e.getClass().getSimpleName() + "); run `authorize` again and update the secret", e);
    }
  }

  private ObjectNode read() {
    String text;
    try {
      text = client.getSecretValue(b -> b.secretId(arn)).secretString();
    } catch (SdkException e) {
      throw new IllegalStateException("Cannot read the Spotify credentials from secret " + arn + ": " + e.getMessage(), e);
    }
    if (text == null) {
      throw new IllegalStateException("Secret " + arn + " has no string value; expected a JSON object with keys "
          + CLIENT_ID + ", " + CLIENT_SECRET + " and optionally " + REFRESH_TOKEN);
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      // the parser's message quotes the secret text: it must not travel on
      throw new IllegalStateException("Secret " + arn + " is not valid JSON; expected an object with keys "
          + CLIENT_ID + ", " + CLIENT_SECRET + " and optionally " + REFRESH_TOKEN);
    }
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalStateException("Secret " + arn + " is not a JSON object; expected keys "
          + CLIENT_ID + ", " + CLIENT_SECRET + " and optionally " + REFRESH_TOKEN);
    }
    return object;
  }

  private static Optional<String> text(JsonNode secret, String key) {
    JsonNode value = secret.get(key);
    return value != null && value.isTextual() && !value.asText().isBlank()
        ? Optional.of(value.asText().strip()) : Optional.empty();
  }

  private IllegalStateException missing(String key) {
    return new IllegalStateException("Secret " + arn + " has no string \"" + key + "\"; expected keys "
        + CLIENT_ID + ", " + CLIENT_SECRET + " and optionally " + REFRESH_TOKEN);
  }
}
