package io.github.spotifylakehouse.extractor;

import io.github.spotifylakehouse.extractor.PlaylistResult.Status;
import io.github.spotifylakehouse.extractor.config.CredentialsSource;
import io.github.spotifylakehouse.extractor.config.CredentialsStore;
import io.github.spotifylakehouse.extractor.config.ExtractorConfig;
import io.github.spotifylakehouse.extractor.config.SecretsManagerCredentials;
import io.github.spotifylakehouse.extractor.config.SpotifyCredentials;
import io.github.spotifylakehouse.extractor.landing.LandedRuns;
import io.github.spotifylakehouse.extractor.landing.LandingBucket;
import io.github.spotifylakehouse.extractor.landing.LandingException;
import io.github.spotifylakehouse.extractor.landing.RunFolder;
import io.github.spotifylakehouse.extractor.spotify.Deadline;
import io.github.spotifylakehouse.extractor.spotify.DeadlineException;
import io.github.spotifylakehouse.extractor.spotify.HttpTransport;
import io.github.spotifylakehouse.extractor.spotify.PlaylistReader;
import io.github.spotifylakehouse.extractor.spotify.RefreshTokenNotStoredException;
import io.github.spotifylakehouse.extractor.spotify.Sleeper;
import io.github.spotifylakehouse.extractor.spotify.SpotifyAuthException;
import io.github.spotifylakehouse.extractor.spotify.SpotifyClient;
import io.github.spotifylakehouse.extractor.spotify.UserPlaylists;
import io.github.spotifylakehouse.lake.ExtractorEnv;
import io.github.spotifylakehouse.lake.RunId;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One extraction run: every selected playlist, each into its own run folder, one after the other.
 *
 * <ul>
 *   <li>The playlists are the configured ids, where the keyword {@code me} (or an empty list) stands for
 *       every playlist the authorized user owns or collaborates on ({@link UserPlaylists}).</li>
 *   <li>A playlist that already landed complete today with the same {@code snapshot_id} is not extracted
 *       again ({@link LandedRuns}): a re-run or a Lambda retry only takes what is missing or changed.</li>
 *   <li>Each playlist is read from one version ({@link PlaylistReader}); the manifest records it.</li>
 *   <li>No playlist starts with less than the start margin left before the deadline; those are deferred,
 *       and so is one whose next request or wait would cross it.</li>
 *   <li>A rotated refresh token is stored as soon as Spotify hands it out, before the next request.</li>
 * </ul>
 *
 * <p>A playlist that fails is reported and the run goes on, so one playlist's failure never costs another's
 * data; its pages landed so far stay without a manifest, which the job ignores.
 *
 * <p>Built once per Lambda container (or command-line run) with its collaborators; {@link #run} reads the
 * credentials afresh each time.
 */
public final class ExtractionService {

  private static final Logger LOG = LoggerFactory.getLogger(ExtractionService.class);

  private final ExtractorConfig config;
  private final CredentialsStore credentials;
  private final HttpTransport transport;
  private final LandingBucket lake;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier random;

  /** The collaborators, injected (tests pass a clock and a sleeper that does not wait). */
  public ExtractionService(ExtractorConfig config, CredentialsStore credentials, HttpTransport transport, LandingBucket lake,
                           Clock clock, Sleeper sleeper, DoubleSupplier random) {
    this.config = Objects.requireNonNull(config, "config");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.lake = Objects.requireNonNull(lake, "lake");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The production wiring: S3, Secrets Manager (when configured) and the Spotify transport. */
  public static ExtractionService create(ExtractorConfig config) {
    return create(config, Optional.empty());
  }

  /** As {@link #create(ExtractorConfig)}, with a Secrets Manager endpoint override (tests). */
  public static ExtractionService create(ExtractorConfig config, Optional<URI> secretsManagerEndpoint) {
    CredentialsStore store = config.credentials() instanceof CredentialsSource.Secret secret
        ? SecretsManagerCredentials.create(secret.arn(), config.region(), config.awsKeys(), secretsManagerEndpoint)
        : CredentialsStore.fixed(((CredentialsSource.Environment) config.credentials()).credentials());
    return new ExtractionService(config, store, new HttpTransport(config.spotify(), config.retry().httpTimeout()),
        new LandingBucket(LandingBucket.s3Client(config), config.bucket(), config.prefix()), Clock.systemUTC(), Sleeper.SYSTEM,
        () -> ThreadLocalRandom.current().nextDouble());
  }

  public ExtractorConfig config() {
    return config;
  }

  /** A run bounded only by {@link ExtractorEnv#EXTRACT_TIME_LIMIT_SECONDS}, when set (the command line). */
  public RunResult run() {
    return run(Optional.empty());
  }

  /**
   * Extracts every selected playlist; never throws for a playlist's failure, which is in the result.
   *
   * @param timeLeft time left to the caller from now (the Lambda's remaining time); the deadline is the
   *     earlier of it and the configured time limit
   */
  public RunResult run(Optional<Duration> timeLeft) {
    Instant start = clock.instant();
    long started = System.nanoTime();
    String runId = RunId.create(start);
    LocalDate snapshotDate = config.snapshotDate().orElse(LocalDate.ofInstant(start, ZoneOffset.UTC));
    Optional<Duration> budget = config.timeLimit()
        .map(limit -> timeLeft.filter(left -> left.compareTo(limit) < 0).orElse(limit)).or(() -> timeLeft);
    Deadline deadline = budget.map(left -> Deadline.after(left, clock)).orElse(Deadline.none(clock));
    LOG.info("Run {}: playlists {}, snapshot date {}, lake s3://{}/{}, deadline {}", runId, config.playlistIds(),
        snapshotDate, config.bucket(), config.prefix(),
        deadline.end().map(end -> end + " (" + deadline.describeRemaining() + " from now)").orElse("none"));

    Run run = new Run(runId, snapshotDate, deadline);
    SpotifyCredentials loaded;
    SpotifyClient client;
    try {
      loaded = credentials.load();
      // a rotated refresh token is stored the moment Spotify hands it out, before the next request
      client = SpotifyClient.create(transport, loaded, config.retry(), sleeper, clock, random, deadline,
          credentials::refreshTokenRotated);
    } catch (RuntimeException e) {
      LOG.error("Run {}: cannot load the Spotify credentials: {}", runId, e.getMessage(), e);
      for (String playlistId : config.playlistIds()) {
        if (playlistId.equals(ExtractorConfig.MY_PLAYLISTS)) {
          run.runErrors.add("Cannot find the authorized user's playlists: " + e.getMessage());
        } else {
          run.results.add(PlaylistResult.notExtracted(playlistId, Optional.empty(), Status.FAILED, e.getMessage()));
        }
      }
      return run.result();
    }
    run.selectPlaylists(client, loaded);

    PlaylistReader reader = new PlaylistReader(client);
    // one writer thread: a page is stored while the next one is fetched
    ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "lake-writer");
      thread.setDaemon(true);
      return thread;
    });
    try {
      for (Map.Entry<String, Optional<String>> playlist : run.selected.entrySet()) {
        String playlistId = playlist.getKey();
        if (run.authFailure != null) {
          // every playlist would get the same answer from the token endpoint
          run.results.add(PlaylistResult.notExtracted(playlistId, playlist.getValue(), Status.FAILED,
              run.authFailure.getMessage()));
        } else if (!deadline.allows(config.startMargin())) {
          run.results.add(PlaylistResult.notExtracted(playlistId, playlist.getValue(), Status.DEFERRED,
              "Not started: " + deadline.describeRemaining() + " left before the run deadline, less than the "
                  + config.startMargin().toSeconds() + " s a playlist needs to start ("
                  + ExtractorEnv.EXTRACT_START_MARGIN_SECONDS + ")"));
        } else {
          run.results.add(extract(run, reader, writer, playlistId, playlist.getValue()));
        }
      }
    } finally {
      writer.shutdown();
    }

    RunResult result = run.result();
    List<String> deferred = result.ids(Status.DEFERRED);
    if (!deferred.isEmpty()) {
      LOG.warn("Run {}: {} playlist(s) deferred by the deadline, not started or not finished: {}; the next "
          + "invocation (Lambda's retry) takes them", runId, deferred.size(), String.join(", ", deferred));
    }
    LOG.info("Run {} done in {} ms: {} playlist(s) landed, {} unchanged, {} failed, {} deferred; {} pages, {} entries",
        runId, (System.nanoTime() - started) / 1_000_000, result.ids(Status.OK).size(),
        result.ids(Status.UNCHANGED).size(), result.ids(Status.FAILED).size(), deferred.size(),
        result.playlists().stream().filter(p -> p.status() == Status.OK).mapToInt(PlaylistResult::pages).sum(),
        result.playlists().stream().filter(p -> p.status() == Status.OK).mapToLong(PlaylistResult::entries).sum());
    return result;
  }

  /** The state of one run. */
  private final class Run {
    final String runId;
    final LocalDate snapshotDate;
    final Deadline deadline;
    /** Playlists to extract, in order, with their names when known. */
    final Map<String, Optional<String>> selected = new LinkedHashMap<>();
    final List<PlaylistResult> results = new ArrayList<>();
    final List<String> runErrors = new ArrayList<>();
    Optional<UserPlaylists.Discovery> discovery = Optional.empty();
    SpotifyAuthException authFailure;
    /** Cleared when the lake cannot be listed: then every playlist is extracted. */
    LandedRuns landed = new LandedRuns(lake);

    Run(String runId, LocalDate snapshotDate, Deadline deadline) {
      this.runId = runId;
      this.snapshotDate = snapshotDate;
      this.deadline = deadline;
    }

    /** The configured ids, with {@code me} replaced by the user's own and collaborative playlists. */
    void selectPlaylists(SpotifyClient client, SpotifyCredentials loaded) {
      for (String entry : config.playlistIds()) {
        if (!entry.equals(ExtractorConfig.MY_PLAYLISTS)) {
          selected.putIfAbsent(entry, Optional.empty());
        } else if (loaded.refreshToken().isEmpty()) {
          runErrors.add("Cannot find the authorized user's playlists (" + ExtractorEnv.SPOTIFY_PLAYLIST_IDS
              + " is empty or holds '" + ExtractorConfig.MY_PLAYLISTS + "'): the credentials have no refresh token, "
              + "and only a user token can list them. Run `authorize` once and store the refresh token (the "
              + "secret's refresh_token), or list the playlist ids");
        } else if (authFailure == null) {
          discover(client);
        }
      }
    }

    private void discover(SpotifyClient client) {
      long started = System.nanoTime();
      UserPlaylists.Discovery found;
      try {
        found = new UserPlaylists(client).discover();
      } catch (RuntimeException e) {
        if (e instanceof SpotifyAuthException auth) {
          authFailure = auth;
        }
        LOG.error("Run {}: cannot find the authorized user's playlists: {}", runId, e.getMessage(), e);
        runErrors.add("Cannot find the authorized user's playlists: " + e.getMessage());
        return;
      }
      discovery = Optional.of(found);
      found.selected().forEach(p -> selected.putIfAbsent(p.id(), Optional.of(p.name())));
      LOG.info("Run {}: user {} has {} playlist(s) in their list in {} ms; {} owned or collaborative, to extract: {}; "
              + "{} followed playlist(s) of other users skipped (their items would answer 403)", runId, found.userId(),
          found.listed(), (System.nanoTime() - started) / 1_000_000, found.selected().size(),
          found.selected().stream().map(p -> p.id() + " (" + p.name() + ")").collect(Collectors.joining(", ")),
          found.skipped().size());
      if (found.selected().isEmpty()) {
        LOG.warn("Run {}: user {} owns no playlist and collaborates on none ({} listed, all followed from other "
            + "users): nothing of theirs to extract. Create a playlist or collaborate on one, or list playlist ids in {}",
            runId, found.userId(), found.listed(), ExtractorEnv.SPOTIFY_PLAYLIST_IDS);
      }
    }

    RunResult result() {
      return new RunResult(runId, snapshotDate, results, runErrors, discovery);
    }
  }

  private PlaylistResult extract(Run run, PlaylistReader reader, Executor writer, String playlistId,
                                 Optional<String> name) {
    long started = System.nanoTime();
    RunFolder[] folder = new RunFolder[1];
    try {
      Optional<PlaylistResult> unchanged = unchanged(run, reader, playlistId, name, started);
      if (unchanged.isPresent()) {
        return unchanged.get();
      }
      PlaylistReader.Snapshot snapshot = reader.read(playlistId, pass -> {
        if (folder[0] != null) {
          int pages = folder[0].abandon();
          LOG.warn("Playlist {}: the {} page(s) of pass {} stay without a manifest under {} (the job ignores them); "
              + "pass {} lands in a new run folder", playlistId, pages, pass - 1, lake.location(folder[0].folderKey()), pass);
        }
        folder[0] = new RunFolder(lake, writer, run.snapshotDate, playlistId,
            pass == 1 ? run.runId : RunId.create(clock.instant()));
        return folder[0]::land;
      });
      RunFolder landed = folder[0];
      String manifestKey = landed.complete(clock.instant(), snapshot.snapshotId());
      long millis = (System.nanoTime() - started) / 1_000_000;
      LOG.info("Playlist {} ({}): {} pages, {} entries, {} bytes, snapshot {} in {} ms{} -> {}", playlistId,
          snapshot.name().or(() -> name).orElse("no name"), landed.manifest().pages().size(),
          landed.manifest().entries(), landed.manifest().bytes(), snapshot.snapshotId().orElse("none"), millis,
          snapshot.passes() > 1 ? " (" + snapshot.passes() + " passes)" : "", lake.location(manifestKey));
      return new PlaylistResult(playlistId, Status.OK, snapshot.name().or(() -> name),
          landed.runId().equals(run.runId) ? Optional.empty() : Optional.of(landed.runId()),
          landed.manifest().pages().size(), landed.manifest().entries(), landed.manifest().bytes(),
          Optional.of(landed.manifest().apiShape().manifestValue()), snapshot.snapshotId(), Optional.of(manifestKey),
          snapshot.passes(), millis, Optional.empty());
    } catch (RuntimeException e) {
      if (e instanceof SpotifyAuthException auth) {
        run.authFailure = auth;
        if (e instanceof RefreshTokenNotStoredException) {
          run.runErrors.add(e.getMessage());
        }
      }
      RunFolder current = folder[0];
      int pages = current == null ? 0 : current.abandon();
      Status status = e instanceof DeadlineException ? Status.DEFERRED : Status.FAILED;
      String where = pages == 0 ? "" : " (left without a manifest under " + lake.location(current.folderKey()) + ")";
      if (status == Status.DEFERRED) {
        LOG.warn("Playlist {} deferred after {} landed page(s){}: {}", playlistId, pages, where, e.getMessage());
      } else {
        LOG.error("Playlist {} failed after {} landed page(s){}: {}", playlistId, pages, where, e.getMessage(), e);
      }
      return new PlaylistResult(playlistId, status, name, Optional.empty(), pages,
          current == null ? 0 : current.storedEntries(), current == null ? 0 : current.storedBytes(),
          Optional.empty(), Optional.empty(), Optional.empty(), 0, (System.nanoTime() - started) / 1_000_000,
          Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
  }

  /**
   * The playlist's latest complete run of the day, when its {@code snapshot_id} is the playlist's current
   * one. When the lake cannot be listed (say the role may only write), nothing is skipped for the rest of
   * the run.
   */
  private Optional<PlaylistResult> unchanged(Run run, PlaylistReader reader, String playlistId,
                                             Optional<String> name, long started) {
    if (run.landed == null) {
      return Optional.empty();
    }
    Optional<LandedRuns.Landed> latest;
    try {
      latest = run.landed.latest(run.snapshotDate, playlistId);
    } catch (LandingException e) {
      LOG.warn("Run {}: cannot tell what already landed on {} ({}); every playlist is extracted. Reading the "
          + "manifests needs s3:ListBucket on the bucket and s3:GetObject on raw_data/to_process/* and "
          + "raw_data/processed/*", run.runId, run.snapshotDate, e.getMessage());
      run.landed = null;
      return Optional.empty();
    }
    if (latest.isEmpty() || latest.get().snapshotId().isEmpty()) {
      return Optional.empty();
    }
    Optional<String> current = reader.currentSnapshotId(playlistId);
    if (!current.equals(latest.get().snapshotId())) {
      LOG.info("Playlist {}: landed today as snapshot {} (run {}), now at {}: extracting it again", playlistId,
          latest.get().snapshotId().get(), latest.get().runId(), current.orElse("none"));
      return Optional.empty();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    LOG.info("Playlist {}: unchanged since run {} today (snapshot {}), not extracted again -> {}", playlistId,
        latest.get().runId(), current.get(), lake.location(latest.get().manifestKey()));
    return Optional.of(new PlaylistResult(playlistId, Status.UNCHANGED, name, Optional.of(latest.get().runId()), 0, 0,
        0, Optional.empty(), current, Optional.of(latest.get().manifestKey()), 0, millis, Optional.empty()));
  }
}
