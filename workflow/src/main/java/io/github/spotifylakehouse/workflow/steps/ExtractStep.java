package io.github.spotifylakehouse.workflow.steps;

import static io.github.spotifylakehouse.lake.ExtractorEnv.SPOTIFY_ACCOUNTS_BASE_URL;
import static io.github.spotifylakehouse.lake.ExtractorEnv.SPOTIFY_API_BASE_URL;
import static io.github.spotifylakehouse.lake.ExtractorEnv.SPOTIFY_CLIENT_ID;
import static io.github.spotifylakehouse.lake.ExtractorEnv.SPOTIFY_CLIENT_SECRET;
import static io.github.spotifylakehouse.lake.ExtractorEnv.SPOTIFY_PLAYLIST_IDS;
import static io.github.spotifylakehouse.lake.ExtractorEnv.SPOTIFY_REFRESH_TOKEN;

import io.github.spotifylakehouse.lake.ExtractorEnv;
import io.github.spotifylakehouse.lake.RawLayout;
import io.github.spotifylakehouse.workflow.PipelineStep;
import io.github.spotifylakehouse.workflow.emulator.EmulatorSettings;
import io.github.spotifylakehouse.workflow.emulator.SpotifyApiEmulator;
import io.github.spotifylakehouse.workflow.s3.S3Endpoint;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Extract: runs the extractor (the Lambda's code, as a child process) against the real Spotify API when
 * its credentials are configured, else against the local emulator, and lands the raw responses in the
 * lake under {@code raw_data/to_process/snapshot_date=.../}. Unless {@code SPOTIFY_PLAYLIST_IDS} lists
 * some, the extractor reads the user's own and collaborative playlists ({@code GET /me/playlists}), from
 * Spotify as from the emulator.
 */
final class ExtractStep implements LocalStep {

  /**
   * What must be set (the extractor's own variables, {@link ExtractorEnv}) to extract from the real API: the
   * app and a user token; the playlists are then the user's own unless {@code SPOTIFY_PLAYLIST_IDS} is set.
   */
  private static final List<String> REQUIRED_FOR_SPOTIFY = List.of(
      ExtractorEnv.SPOTIFY_CLIENT_ID, ExtractorEnv.SPOTIFY_CLIENT_SECRET, ExtractorEnv.SPOTIFY_REFRESH_TOKEN);

  @Override
  public PipelineStep id() {
    return PipelineStep.EXTRACT;
  }

  @Override
  public boolean usesSpark() {
    return false;
  }

  @Override
  public void run(StepContext context) throws Exception {
    RunnerConfig config = context.config();
    Console console = context.console();
    Map<String, String> env = config.environment();
    boolean spotify = useSpotify(config, console);
    S3Endpoint lake = context.lake();
    LocalDate today = LocalDate.now(config.clock());
    LocalDate snapshot = SnapshotRule.choose(config.snapshotDate(), !spotify, today,
        spotify || config.snapshotDate().isPresent() ? List.of() : lake.snapshotDates());
    console.detail("snapshot date %s%s", snapshot, config.snapshotDate().isPresent() ? " (given)"
        : spotify ? " (today, UTC)" : snapshot.equals(today) ? " (today, UTC)"
        : " (the day after the latest snapshot in the lake)");

    Map<String, String> child = inheritedEnvironment(env);
    SpotifyApiEmulator emulator = null;
    if (spotify) {
      // credentials, playlist ids, base URLs and the extractor's tuning variables (SPOTIFY_MAX_ATTEMPTS, ...)
      env.forEach((name, value) -> {
        if (name.startsWith("SPOTIFY_") && !name.equals(ExtractorEnv.SPOTIFY_SECRET_ARN)) {
          child.put(name, value);
        }
      });
      String token = present(env, SPOTIFY_REFRESH_TOKEN) ? "user token from SPOTIFY_REFRESH_TOKEN"
          : "client credentials: playlist items need a user token or an extended-quota app";
      if (present(env, SPOTIFY_PLAYLIST_IDS)) {
        console.detail("source: Spotify Web API (%s), %d playlists from %s", token,
            env.get(SPOTIFY_PLAYLIST_IDS).split(",").length, SPOTIFY_PLAYLIST_IDS);
      } else {
        console.detail("source: Spotify Web API (%s), the user's own and collaborative playlists", token);
      }
    } else {
      EmulatorSettings settings =
          EmulatorSettings.withLocalCredentials(config.seed(), config.playlistSizes(), snapshot);
      // registered too, so it stops even when the extractor cannot start
      emulator = context.register(SpotifyApiEmulator.start(settings));
      console.detail("source: Spotify API emulator on %s, %d playlists, %d entries (seed %d), among %d followed "
              + "playlists of other users", emulator.apiBaseUrl(), emulator.playlistIds().size(),
          settings.totalEntries(), settings.seed(), emulator.followedPlaylistIds().size());
      // no SPOTIFY_PLAYLIST_IDS: the extractor finds the user's playlists itself, as it does by default
      child.put(SPOTIFY_CLIENT_ID, settings.clientId());
      child.put(SPOTIFY_CLIENT_SECRET, settings.clientSecret());
      child.put(SPOTIFY_REFRESH_TOKEN, settings.refreshToken());
      child.put(SPOTIFY_API_BASE_URL, emulator.apiBaseUrl());
      child.put(SPOTIFY_ACCOUNTS_BASE_URL, emulator.accountsBaseUrl());
    }
    child.put(ExtractorEnv.LAKE_BUCKET, lake.bucket());
    child.put(ExtractorEnv.LAKE_PREFIX, "");
    child.put(ExtractorEnv.S3_ENDPOINT_URL, lake.endpoint().toString());
    child.put(ExtractorEnv.S3_PATH_STYLE, "true");
    child.put(ExtractorEnv.AWS_REGION, lake.region());
    child.put(ExtractorEnv.AWS_ACCESS_KEY_ID, lake.accessKey());
    child.put(ExtractorEnv.AWS_SECRET_ACCESS_KEY, lake.secretKey());
    child.put(ExtractorEnv.SNAPSHOT_DATE, snapshot.toString());

    console.detail("running %s extract", config.extractorJar().getFileName());
    // the extractor is a child process: the steps after this one can have their Spark session started meanwhile
    context.startSparkAhead();
    int exit;
    try (ExtractorProcess extractor = ExtractorProcess.start(config.extractorJar(), child, console, config.verbose())) {
      exit = extractor.await(config.extractorTimeout());
    }
    if (emulator != null) {
      emulator.close();
      console.detail("emulator served %s", emulator.summary());
    }
    if (exit != 0) {
      throw new IllegalStateException("the extractor exited with code " + exit + ": " + switch (exit) {
        case 1 -> "at least one playlist failed (see the " + ExtractorProcess.PREFIX.trim()
            + " lines above); the others have landed";
        case 2 -> "bad configuration (see the " + ExtractorProcess.PREFIX.trim() + " lines above)";
        default -> "see the " + ExtractorProcess.PREFIX.trim() + " lines above";
      });
    }
    String landed = RawLayout.TO_PROCESS + RawLayout.SNAPSHOT_DATE + "=" + snapshot + "/";
    S3Endpoint.ObjectStats stats = lake.stats(landed);
    console.detail("s3://%s/%s now holds %d files (%d run manifests, %s)", lake.bucket(), landed,
        stats.objects(), stats.manifests(), Console.bytes(stats.bytes()));
    context.extractedSnapshot(snapshot);
  }

  /**
   * Real Spotify when asked, or (auto) when the app's credentials and a refresh token are configured. Asked
   * for explicitly, client credentials with playlist ids are enough (an extended-quota app).
   */
  static boolean useSpotify(RunnerConfig config, Console console) {
    Map<String, String> env = config.environment();
    List<String> missing = REQUIRED_FOR_SPOTIFY.stream()
        .filter(name -> !present(env, name)).collect(Collectors.toList());
    switch (config.source()) {
      case EMULATOR:
        return false;
      case SPOTIFY:
        if (missing.equals(List.of(ExtractorEnv.SPOTIFY_REFRESH_TOKEN)) && present(env, SPOTIFY_PLAYLIST_IDS)) {
          return true;
        }
        if (!missing.isEmpty()) {
          throw new IllegalStateException("--source spotify needs the environment variables "
              + String.join(", ", missing));
        }
        return true;
      default:
        if (missing.isEmpty()) {
          return true;
        }
        if (missing.size() < REQUIRED_FOR_SPOTIFY.size()) {
          console.detail("Spotify is not fully configured (missing %s): using the emulator",
              String.join(", ", missing));
        }
        return false;
    }
  }

  /**
   * The runner's environment without anything Spotify or AWS: the child gets exactly the credentials and
   * endpoints set here, never stray ones (an AWS profile, a session token, the Lambda's secret ARN).
   */
  private static Map<String, String> inheritedEnvironment(Map<String, String> env) {
    Map<String, String> child = new LinkedHashMap<>();
    env.forEach((name, value) -> {
      if (!name.startsWith("SPOTIFY_") && !name.startsWith("AWS_") && !name.startsWith("S3_")
          && !name.equals(ExtractorEnv.LAKE_BUCKET) && !name.equals(ExtractorEnv.LAKE_PREFIX)
          && !name.equals(ExtractorEnv.SNAPSHOT_DATE)) {
        child.put(name, value);
      }
    });
    return child;
  }

  private static boolean present(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank()).isPresent();
  }
}
