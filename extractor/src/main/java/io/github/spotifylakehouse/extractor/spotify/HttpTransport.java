package io.github.spotifylakehouse.extractor.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spotifylakehouse.extractor.config.SpotifyEndpoints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import se.michaelthelin.spotify.IHttpManager;
import se.michaelthelin.spotify.SpotifyApi;

/**
 * The one place where the extractor talks HTTP to Spotify: the library's token requests, the playlist
 * requests and the {@code authorize} code exchange all come through here.
 *
 * <p>Built on the JDK's HTTP client (HTTP/1.1, no redirects, a timeout per request). Every URL is first
 * passed through {@link SpotifyEndpoints#rewrite}, because spotify-web-api-java hard-codes
 * {@code accounts.spotify.com}. A 2xx answer returns the body exactly as received; anything else is a
 * {@link SpotifyHttpException}. Nothing here logs headers or bodies.
 */
public final class HttpTransport implements IHttpManager {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

  static {
    // the library logs whole response bodies (token answers included) at FINE: keep it above that
    SpotifyApi.LOGGER.setLevel(Level.INFO);
  }

  private final HttpClient client;
  private final SpotifyEndpoints endpoints;
  private final Duration timeout;
  private final Clock clock;

  public HttpTransport(SpotifyEndpoints endpoints, Duration timeout) {
    this(endpoints, timeout, Clock.systemUTC());
  }

  HttpTransport(SpotifyEndpoints endpoints, Duration timeout, Clock clock) {
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  public SpotifyEndpoints endpoints() {
    return endpoints;
  }

  @Override
  public String get(URI uri, Header[] headers) throws IOException, SpotifyHttpException {
    URI target = endpoints.rewrite(uri);
    return send("GET", target, request(target, headers).GET());
  }

  @Override
  public String post(URI uri, Header[] headers, HttpEntity body) throws IOException, SpotifyHttpException {
    URI target = endpoints.rewrite(uri);
    HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
    if (body != null) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      body.writeTo(bytes);
      publisher = HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray());
    }
    HttpRequest.Builder request = request(target, headers).POST(publisher);
    if (body != null && body.getContentType() != null && !hasHeader(headers, "Content-Type")) {
      request.header("Content-Type", body.getContentType());
    }
    return send("POST", target, request);
  }

  @Override
  public String put(URI uri, Header[] headers, HttpEntity body) {
    throw new UnsupportedOperationException("The extractor only reads from Spotify (PUT " + uri + ")");
  }

  @Override
  public String delete(URI uri, Header[] headers, HttpEntity body) {
    throw new UnsupportedOperationException("The extractor only reads from Spotify (DELETE " + uri + ")");
  }

  private HttpRequest.Builder request(URI target, Header[] headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(timeout);
    if (headers != null) {
      for (Header header : headers) {
        if (!RESTRICTED.contains(header.getName().toLowerCase(Locale.ROOT))) {
          builder.header(header.getName(), header.getValue());
        }
      }
    }
    return builder;
  }

  private String send(String method, URI target, HttpRequest.Builder request) throws IOException,
      SpotifyHttpException {
    HttpResponse<byte[]> response = exchange(method, target, request.build());
    String body = new String(response.body(), StandardCharsets.UTF_8);
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return body;
    }
    OptionalLong retryAfter = response.headers().firstValue("Retry-After")
        .map(this::retryAfterSeconds).orElse(OptionalLong.empty());
    String error = null;
    String message = null;
    try {
      JsonNode json = JSON.readTree(body);
      JsonNode errorNode = json == null ? null : json.get("error");
      if (errorNode != null && errorNode.isObject()) {
        message = textOrNull(errorNode.get("message"));
      } else if (errorNode != null && errorNode.isTextual()) {
        error = errorNode.asText();
        message = textOrNull(json.get("error_description"));
      }
    } catch (IOException | RuntimeException notJson) {
      // an error page that is not Spotify's JSON: the status says enough
    }
    throw new SpotifyHttpException(method, target, status, retryAfter, abbreviate(error), abbreviate(message));
  }

  /** The whole exchange, body included, is bounded by the timeout (the JDK's own one stops at the headers). */
  private HttpResponse<byte[]> exchange(String method, URI target, HttpRequest request) throws IOException {
    CompletableFuture<HttpResponse<byte[]>> future =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    try {
      return future.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new HttpTimeoutException(method + " " + target + " timed out after " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException(method + " " + target + " was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw new HttpTimeoutException(method + " " + target + " timed out after " + timeout.toMillis() + " ms");
      }
      if (cause instanceof IOException io) {
        throw new IOException(method + " " + target + " failed: " + io, io);
      }
      throw new IOException(method + " " + target + " failed: " + cause, cause);
    }
  }

  private OptionalLong retryAfterSeconds(String value) {
    String text = value.strip();
    try {
      return OptionalLong.of(Math.max(0, Long.parseLong(text)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
        return OptionalLong.of(Math.max(0, Duration.between(clock.instant(), at.toInstant()).toSeconds()));
      } catch (DateTimeParseException neither) {
        return OptionalLong.empty();
      }
    }
  }

  private static boolean hasHeader(Header[] headers, String name) {
    if (headers != null) {
      for (Header header : headers) {
        if (header.getName().equalsIgnoreCase(name)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String textOrNull(JsonNode node) {
    return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
  }

  private static String abbreviate(String text) {
    return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
