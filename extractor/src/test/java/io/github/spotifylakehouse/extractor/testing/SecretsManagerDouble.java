package io.github.spotifylakehouse.extractor.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.List;

/**
 * Secrets Manager's JSON protocol ({@code X-Amz-Target: secretsmanager.*}) on a WireMock server: enough
 * for GetSecretValue and PutSecretValue.
 */
public final class SecretsManagerDouble {

  public static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:spotify-lakehouse-Ab12Cd";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireMockServer server;

  public SecretsManagerDouble(WireMockServer server) {
    this.server = server;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** GetSecretValue answers {@code secretString}; PutSecretValue is accepted. */
  public void stubSecret(String secretString) {
    ObjectNode answer = JSON.createObjectNode()
        .put("ARN", ARN).put("Name", "spotify-lakehouse").put("SecretString", secretString)
        .put("VersionId", "11111111-2222-3333-4444-555555555555").put("CreatedDate", 1.7637e9);
    answer.putArray("VersionStages").add("AWSCURRENT");
    server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody(answer.toString())));
    server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.PutSecretValue"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"ARN\":\"" + ARN + "\",\"Name\":\"spotify-lakehouse\","
                + "\"VersionId\":\"66666666-7777-8888-9999-000000000000\",\"VersionStages\":[\"AWSCURRENT\"]}")));
  }

  /** The PutSecretValue requests received. */
  public List<LoggedRequest> puts() {
    return server.findAll(postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("secretsmanager.PutSecretValue")));
  }
}
