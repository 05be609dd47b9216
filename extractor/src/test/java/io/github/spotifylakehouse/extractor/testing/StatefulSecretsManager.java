package io.github.spotifylakehouse.extractor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Secrets Manager's JSON protocol on 127.0.0.1 with state, as the service behaves: PutSecretValue replaces
 * what GetSecretValue answers. Puts can be refused (AccessDeniedException), as for a role without
 * {@code secretsmanager:PutSecretValue}.
 */
public final class StatefulSecretsManager implements AutoCloseable {

  public static final String ARN = SecretsManagerDouble.ARN;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final AtomicBoolean refusePuts = new AtomicBoolean();
  private final AtomicInteger puts = new AtomicInteger();
  private volatile String secretString;

  public StatefulSecretsManager(String initialSecretString) {
    this.secretString = initialSecretString;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The secret as it is now. */
  public String secretString() {
    return secretString;
  }

  /** The secret's {@code refresh_token} as it is now. */
  public String refreshToken() {
    try {
      return JSON.readTree(secretString).path("refresh_token").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** PutSecretValue requests accepted so far. */
  public int puts() {
    return puts.get();
  }

  /** From now on PutSecretValue answers AccessDeniedException. */
  public void refusePuts() {
    refusePuts.set(true);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
      if ("secretsmanager.GetSecretValue".equals(target)) {
        ObjectNode answer = JSON.createObjectNode().put("ARN", ARN).put("Name", "spotify-lakehouse")
            .put("SecretString", secretString).put("VersionId", "11111111-2222-3333-4444-555555555555")
            .put("CreatedDate", 1.7637e9);
        answer.putArray("VersionStages").add("AWSCURRENT");
        send(exchange, 200, answer.toString(), null);
      } else if ("secretsmanager.PutSecretValue".equals(target)) {
        if (refusePuts.get()) {
          send(exchange, 400, "{\"__type\":\"AccessDeniedException\",\"Message\":\"User is not authorized to perform "
              + "secretsmanager:PutSecretValue on resource " + ARN + "\"}", "AccessDeniedException");
          return;
        }
        secretString = request.path("SecretString").asText();
        puts.incrementAndGet();
        send(exchange, 200, "{\"ARN\":\"" + ARN + "\",\"Name\":\"spotify-lakehouse\",\"VersionId\":\""
            + "66666666-7777-8888-9999-00000000000" + puts.get() % 10 + "\",\"VersionStages\":[\"AWSCURRENT\"]}", null);
      } else {
        send(exchange, 400, "{\"__type\":\"UnknownOperationException\"}", "UnknownOperationException");
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String body, String errorType) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    if (errorType != null) {
      exchange.getResponseHeaders().set("X-Amzn-ErrorType", errorType);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
