package io.github.spotifylakehouse.extractor.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.spotifylakehouse.lake.ExtractorEnv;
import io.github.spotifylakehouse.extractor.config.SpotifyCredentials;
import io.github.spotifylakehouse.extractor.spotify.HttpTransport;
import io.github.spotifylakehouse.extractor.spotify.SpotifyHttpException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import se.michaelthelin.spotify.SpotifyApi;
import se.michaelthelin.spotify.model_objects.credentials.AuthorizationCodeCredentials;

/**
 * The one-time {@code authorize} command: the authorization-code flow with PKCE on a loopback redirect.
 * It listens on {@code http://127.0.0.1:PORT/callback} (JDK HTTP server), prints the Spotify URL to open,
 * receives the code, exchanges it (PKCE verifier plus the app's client credentials, so the refresh token
 * is an ordinary long-lived one) and prints the refresh token or writes it to a file.
 *
 * <p>The redirect URI must be registered, exactly, in the app's settings in the Spotify developer
 * dashboard.
 */
final class AuthorizeCommand {

  /** Scopes needed to read the user's own and collaborative playlists. */
  static final String SCOPES = "playlist-read-private playlist-read-collaborative";
  /** Default loopback port of the redirect URI. */
  static final int DEFAULT_PORT = 8888;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final SpotifyCredentials client;
  private final HttpTransport transport;
  private final int port;
  private final Optional<Path> output;
  private final Duration wait;
  private final PrintStream out;
  private final PrintStream err;

  AuthorizeCommand(SpotifyCredentials client, HttpTransport transport, int port, Optional<Path> output, Duration wait,
                   PrintStream out, PrintStream err) {
    this.client = Objects.requireNonNull(client, "client");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.port = port;
    this.output = Objects.requireNonNull(output, "output");
    this.wait = Objects.requireNonNull(wait, "wait");
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
  }

  /** Runs the flow; returns the exit code (0 token obtained, 1 failed). */
  int run() throws IOException {
    String verifier = BASE64URL.encodeToString(randomBytes(64));
    String state = BASE64URL.encodeToString(randomBytes(16));
    CompletableFuture<Map<String, String>> callback = new CompletableFuture<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/callback", exchange -> answerCallback(exchange, callback));
    server.start();
    try {
      URI redirect = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/callback");
      SpotifyApi api = SpotifyApi.builder()
          .setHttpManager(transport)
          .setClientId(client.clientId())
          .setClientSecret(client.clientSecret())
          .setRedirectUri(redirect)
          .build();
      URI authorizeUrl = transport.endpoints().rewrite(
          api.authorizationCodePKCEUri(challenge(verifier)).state(state).scope(SCOPES).build().execute());
      out.println("Open this URL in a browser, log in as the user who owns or collaborates on the playlists,");
      out.println("and allow access (" + SCOPES + "):");
      out.println(authorizeUrl);
      out.flush();
      err.println("Waiting up to " + wait.toSeconds() + " s for Spotify to redirect to " + redirect
          + " (it must be a Redirect URI of the app in the Spotify developer dashboard)");

      Map<String, String> answer;
      try {
        answer = callback.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        err.println("No answer from Spotify on " + redirect + " within " + wait.toSeconds() + " s");
        return 1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        err.println("Interrupted while waiting for Spotify's redirect");
        return 1;
      } catch (ExecutionException e) {
        err.println(e.getCause().getMessage());
        return 1;
      }
      if (!state.equals(answer.get("state"))) {
        err.println("The redirect's state parameter does not match this run's: refusing the code "
            + "(another browser tab or a forged redirect?); run `authorize` again");
        return 1;
      }
      if (answer.containsKey("error")) {
        err.println("Spotify authorization was not granted (" + answer.get("error") + ")");
        return 1;
      }
      String code = answer.get("code");
      if (code == null || code.isBlank()) {
        err.println("Spotify's redirect carried neither a code nor an error");
        return 1;
      }
      return exchange(api, code, verifier);
    } finally {
      server.stop(0);
    }
  }

  private int exchange(SpotifyApi api, String code, String verifier) throws IOException {
    AuthorizationCodeCredentials tokens;
    try {
      tokens = api.authorizationCode(code).setBodyParameter("code_verifier", verifier).build().execute();
    } catch (SpotifyHttpException e) {
      if ("invalid_client".equals(e.error().orElse(""))) {
        err.println("Spotify rejected the app credentials (invalid_client): check " + ExtractorEnv.SPOTIFY_CLIENT_ID
            + " and " + ExtractorEnv.SPOTIFY_CLIENT_SECRET);
      } else {
        err.println("Spotify refused the authorization code: " + e.getMessage());
      }
      return 1;
    } catch (IOException e) {
      err.println("Cannot reach Spotify's token endpoint: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      // the body may hold tokens: only the exception type is shown
      err.println("Malformed answer from Spotify's token endpoint (" + e.getClass().getSimpleName() + ")");
      return 1;
    }
    String refreshToken = tokens == null ? null : tokens.getRefreshToken();
    if (refreshToken == null || refreshToken.isBlank()) {
      err.println("Spotify's answer has no refresh token");
      return 1;
    }
    err.println("Authorized with scopes: " + (tokens.getScope() == null ? "(not stated)" : tokens.getScope()));
    if (output.isPresent()) {
      Path file = output.get();
      Files.writeString(file, refreshToken + System.lineSeparator(), StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        err.println("Note: cannot restrict the permissions of " + file + " on this file system");
      }
      out.println("Refresh token written to " + file + ": set it as " + ExtractorEnv.SPOTIFY_REFRESH_TOKEN
          + " or as refresh_token in the Secrets Manager secret");
    } else {
      err.println("Refresh token (set it as " + ExtractorEnv.SPOTIFY_REFRESH_TOKEN
          + " or as refresh_token in the Secrets Manager secret):");
      out.println(refreshToken);
    }
    return 0;
  }

  private static void answerCallback(HttpExchange exchange, CompletableFuture<Map<String, String>> callback)
      throws IOException {
    Map<String, String> params = query(exchange.getRequestURI().getRawQuery());
    boolean first = !callback.isDone();
    String page = !first ? "This authorization was already handled; you can close this tab."
        : params.containsKey("code") ? "Authorized. You can close this tab and go back to the terminal."
        : "Authorization not granted. You can close this tab.";
    byte[] body = ("<!doctype html><html><head><title>spotify-lakehouse</title></head><body><p>" + page
        + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream response = exchange.getResponseBody()) {
      response.write(body);
    }
    // only now: the command stops this server as soon as it has the answer
    callback.complete(params);
  }

  static Map<String, String> query(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        params.putIfAbsent(name, value);
      }
    }
    return params;
  }

  /** The S256 code challenge of a PKCE verifier. */
  static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return BASE64URL.encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
