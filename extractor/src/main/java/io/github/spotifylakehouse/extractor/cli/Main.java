package io.github.spotifylakehouse.extractor.cli;

import io.github.spotifylakehouse.extractor.ExtractionService;
import io.github.spotifylakehouse.extractor.RunResult;
import io.github.spotifylakehouse.extractor.config.ConfigException;
import io.github.spotifylakehouse.lake.ExtractorEnv;
import io.github.spotifylakehouse.extractor.config.ExtractorConfig;
import io.github.spotifylakehouse.extractor.config.SpotifyCredentials;
import io.github.spotifylakehouse.extractor.config.SpotifyEndpoints;
import io.github.spotifylakehouse.extractor.spotify.HttpTransport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Command line of the shaded jar ({@code java -jar spotify-lakehouse-extractor-<version>.jar ...}):
 *
 * <ul>
 *   <li>{@code extract}: one extraction run configured by environment variables (see {@link ExtractorEnv});
 *       prints one JSON result per playlist on stdout, logs on stderr. Exit code 0 when every playlist
 *       landed (or was unchanged since an earlier run today), 1 when any failed or was deferred by
 *       {@code EXTRACT_TIME_LIMIT_SECONDS}, 2 on bad configuration or usage.</li>
 *   <li>{@code authorize [--port N] [--output FILE] [--timeout-seconds N]}: the one-time authorization
 *       (code flow with PKCE on {@code http://127.0.0.1:N/callback}, default port 8888) that yields the
 *       refresh token; needs {@code SPOTIFY_CLIENT_ID} and {@code SPOTIFY_CLIENT_SECRET}.</li>
 * </ul>
 */
public final class Main {

  /** Exit code: success. */
  public static final int OK = 0;
  /** Exit code: a playlist (or the authorization) failed. */
  public static final int FAILED = 1;
  /** Exit code: bad configuration or usage. */
  public static final int BAD_CONFIGURATION = 2;

  private static final String USAGE = String.join(System.lineSeparator(),
      "Usage: java -jar spotify-lakehouse-extractor.jar <command>",
      "  extract                      land the playlists of SPOTIFY_PLAYLIST_IDS (empty or 'me': the user's own",
      "                               and collaborative ones) in LAKE_BUCKET (env variables)",
      "  authorize [--port N] [--output FILE] [--timeout-seconds N]",
      "                               get a refresh token (redirect http://127.0.0.1:N/callback, default N = "
          + AuthorizeCommand.DEFAULT_PORT + ")",
      "Exit codes: 0 ok, 1 a playlist failed or was deferred (or the authorization failed), 2 bad configuration",
      "or usage.");

  private Main() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Runs a command; returns its exit code. */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println(USAGE);
      return BAD_CONFIGURATION;
    }
    List<String> options = Arrays.asList(args).subList(1, args.length);
    try {
      return switch (args[0]) {
        case "extract" -> extract(options, env, out, err);
        case "authorize" -> authorize(options, env, out, err);
        case "-h", "--help", "help" -> {
          out.println(USAGE);
          yield OK;
        }
        default -> throw new ConfigException("Unknown command '" + args[0] + "'");
      };
    } catch (ConfigException e) {
      err.println("Configuration error: " + e.getMessage());
      err.println(USAGE);
      return BAD_CONFIGURATION;
    }
  }

  private static int extract(List<String> options, Map<String, String> env, PrintStream out, PrintStream err) {
    if (!options.isEmpty()) {
      throw new ConfigException("extract takes no options (configuration comes from environment variables), got "
          + options);
    }
    ExtractorConfig config = ExtractorConfig.from(env);
    ExtractionService service;
    try {
      service = ExtractionService.create(config);
    } catch (RuntimeException e) {
      // the AWS SDK refuses to build a client without a region, for instance
      throw new ConfigException("Cannot set up the AWS clients: " + e.getMessage());
    }
    RunResult result = service.run();
    result.jsonLines().forEach(out::println);
    out.flush();
    if (result.failed()) {
      err.println(result.failureSummary());
      return FAILED;
    }
    return OK;
  }

  private static int authorize(List<String> options, Map<String, String> env, PrintStream out, PrintStream err) {
    int port = AuthorizeCommand.DEFAULT_PORT;
    Optional<Path> output = Optional.empty();
    Duration wait = Duration.ofMinutes(5);
    for (int i = 0; i < options.size(); i++) {
      String option = options.get(i);
      if (i + 1 >= options.size()) {
        throw new ConfigException("Option " + option + " of authorize needs a value");
      }
      String value = options.get(++i);
      switch (option) {
        case "--port" -> port = (int) number(option, value, 0, 65_535);
        case "--output" -> output = Optional.of(Path.of(value));
        case "--timeout-seconds" -> wait = Duration.ofSeconds(number(option, value, 1, 86_400));
        default -> throw new ConfigException("Unknown option of authorize: " + option);
      }
    }
    SpotifyCredentials credentials = ExtractorConfig.localCredentials(env);
    SpotifyEndpoints endpoints = SpotifyEndpoints.from(env);
    HttpTransport transport = new HttpTransport(endpoints, ExtractorConfig.retrySettings(env).httpTimeout());
    try {
      return new AuthorizeCommand(credentials, transport, port, output, wait, out, err).run();
    } catch (IOException e) {
      err.println("authorize failed: " + e.getMessage());
      return FAILED;
    }
  }

  private static long number(String option, String value, long min, long max) {
    try {
      long parsed = Long.parseLong(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException("Invalid " + option + ": '" + value + "'; expected an integer in " + min + ".." + max);
  }
}
