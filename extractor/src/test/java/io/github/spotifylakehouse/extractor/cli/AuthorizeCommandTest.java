package io.github.spotifylakehouse.extractor.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.spotifylakehouse.extractor.testing.SpotifyDouble.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.spotifylakehouse.lake.ExtractorEnv;
import io.github.spotifylakehouse.testkit.Fixtures;
import io.github.spotifylakehouse.extractor.testing.SpotifyDouble;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code authorize} command end to end: WireMock plays the accounts service, an HTTP client plays the
 * browser that Spotify redirects to the loopback callback.
 */
class AuthorizeCommandTest {

  private static final String CODE = "AQD-authorization-code";
  private static final String REFRESH = "AQB-new-refresh-token";

  private static SpotifyDouble accounts;
  private final HttpClient browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void start() {
    accounts = new SpotifyDouble();
  }

  @AfterAll
  static void stop() {
    accounts.close();
  }

  @BeforeEach
  void reset() {
    accounts.server().resetAll();
    accounts.server().stubFor(accounts.tokenRequest()
        .withRequestBody(containing("grant_type=authorization_code"))
        .withRequestBody(containing("code=" + CODE))
        .withRequestBody(containing("code_verifier="))
        .willReturn(json(200, "{\"access_token\":\"BQ-access\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
            + "\"refresh_token\":\"" + REFRESH + "\",\"scope\":\"playlist-read-private playlist-read-collaborative\"}")));
  }

  private Map<String, String> env() {
    return Map.of(ExtractorEnv.SPOTIFY_CLIENT_ID, SpotifyDouble.CLIENT_ID,
        ExtractorEnv.SPOTIFY_CLIENT_SECRET, SpotifyDouble.CLIENT_SECRET,
        ExtractorEnv.SPOTIFY_ACCOUNTS_BASE_URL, accounts.accountsBase());
  }

  private CompletableFuture<Integer> start(String... args) {
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    return CompletableFuture.supplyAsync(() -> Main.run(args, env(), o, e));
  }

  /** Waits (bounded) for the authorize URL on stdout. */
  private URI authorizeUrl() throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      for (String line : out.toString(StandardCharsets.UTF_8).split("\\R")) {
        if (line.startsWith("http")) {
          return URI.create(line.strip());
        }
      }
      Thread.sleep(25);
    }
    throw new AssertionError("No authorize URL printed; stderr: " + err.toString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> redirect(URI authorizeUrl, String query) throws Exception {
    Map<String, String> params = AuthorizeCommand.query(authorizeUrl.getRawQuery());
    return browser.send(HttpRequest.newBuilder(URI.create(params.get("redirect_uri") + "?" + query)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void obtainsARefreshTokenWithPkceAndWritesItToAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("refresh-token.txt");
    CompletableFuture<Integer> exit = start("authorize", "--port", "0", "--output", file.toString(),
        "--timeout-seconds", "30");

    URI url = authorizeUrl();
    Map<String, String> params = AuthorizeCommand.query(url.getRawQuery());
    assertThat(url.toString()).startsWith(accounts.accountsBase() + "/authorize?");
    assertThat(params).containsEntry("client_id", SpotifyDouble.CLIENT_ID)
        .containsEntry("response_type", "code")
        .containsEntry("code_challenge_method", "S256")
        .containsEntry("scope", "playlist-read-private playlist-read-collaborative")
        .containsKeys("code_challenge", "state");
    assertThat(params.get("redirect_uri")).matches("http://127\\.0\\.0\\.1:\\d+/callback");

    HttpResponse<String> page = redirect(url, "code=" + CODE + "&state=" + params.get("state"));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Authorized");
    assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(Main.OK);
    assertThat(Files.readString(file).strip()).isEqualTo(REFRESH);
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(REFRESH);

    List<LoggedRequest> exchanges = accounts.server().findAll(postRequestedFor(urlPathEqualTo("/accounts/api/token")));
    assertThat(exchanges).hasSize(1);
    Map<String, String> form = AuthorizeCommand.query(exchanges.get(0).getBodyAsString());
    assertThat(AuthorizeCommand.challenge(form.get("code_verifier"))).isEqualTo(params.get("code_challenge"));
    assertThat(form.get("code_verifier")).hasSizeBetween(43, 128);
    assertThat(form).containsEntry("redirect_uri", params.get("redirect_uri"));
  }

  @Test
  void printsTheRefreshTokenWithoutAnOutputFile() throws Exception {
    CompletableFuture<Integer> exit = start("authorize", "--port", "0", "--timeout-seconds", "30");

    URI url = authorizeUrl();
    redirect(url, "code=" + CODE + "&state=" + AuthorizeCommand.query(url.getRawQuery()).get("state"));

    assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(Main.OK);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.get(lines.size() - 1)).isEqualTo(REFRESH);
  }

  @Test
  void refusesACodeWithAnotherState() throws Exception {
    CompletableFuture<Integer> exit = start("authorize", "--port", "0", "--timeout-seconds", "30");

    redirect(authorizeUrl(), "code=" + CODE + "&state=forged");

    assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(Main.FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("state parameter does not match");
    accounts.server().verify(0, postRequestedFor(urlPathEqualTo("/accounts/api/token")));
  }

  @Test
  void reportsADeniedAuthorization() throws Exception {
    CompletableFuture<Integer> exit = start("authorize", "--port", "0", "--timeout-seconds", "30");

    URI url = authorizeUrl();
    HttpResponse<String> page = redirect(url, "error=access_denied&state="
        + AuthorizeCommand.query(url.getRawQuery()).get("state"));

    assertThat(page.body()).contains("not granted");
    assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(Main.FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Spotify authorization was not granted (access_denied)");
  }

  @Test
  void reportsInvalidClientCredentials() throws Exception {
    accounts.server().resetAll();
    accounts.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
        urlPathEqualTo("/accounts/api/token")).willReturn(json(400, Fixtures.bytes("auth-invalid-client.json"))));
    CompletableFuture<Integer> exit = start("authorize", "--port", "0", "--timeout-seconds", "30");

    URI url = authorizeUrl();
    redirect(url, "code=" + CODE + "&state=" + AuthorizeCommand.query(url.getRawQuery()).get("state"));

    assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(Main.FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Spotify rejected the app credentials (invalid_client): check SPOTIFY_CLIENT_ID");
  }

  @Test
  void badOptionsAreAConfigurationError() {
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"authorize", "--port", "http"}, env(), new PrintStream(out),
        new PrintStream(errors, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(Main.BAD_CONFIGURATION);
    assertThat(errors.toString(StandardCharsets.UTF_8)).contains("Invalid --port: 'http'");
  }
}
