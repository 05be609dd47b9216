package io.github.spotifylakehouse.extractor;

import io.github.spotifylakehouse.extractor.config.CredentialsSource;
import io.github.spotifylakehouse.extractor.config.CredentialsStore;
import io.github.spotifylakehouse.extractor.config.ExtractorConfig;
import io.github.spotifylakehouse.extractor.config.SecretsManagerCredentials;
import io.github.spotifylakehouse.extractor.config.SpotifyCredentials;
import io.github.spotifylakehouse.extractor.landing.LandingBucket;
import io.github.spotifylakehouse.extractor.landing.RunFolder;
import io.github.spotifylakehouse.extractor.spotify.HttpTransport;
import io.github.spotifylakehouse.extractor.spotify.PlaylistReader;
import io.github.spotifylakehouse.extractor.spotify.Sleeper;
import io.github.spotifylakehouse.extractor.spotify.SpotifyAuthException;
import io.github.spotifylakehouse.extractor.spotify.SpotifyClient;
import io.github.spotifylakehouse.lake.RunId;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One extraction run: every configured playlist, each into its own run folder, one after the other.
 * A playlist that fails is reported and the run goes on, so one playlist's failure never costs another's
 * data; its pages landed so far stay without a manifest, which the job ignores.
 *
 * <p>Built once per Lambda container (or command-line run) with its collaborators; {@link #run()} reads
 * the credentials afresh each time.
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

  /** Extracts every configured playlist; never throws for a playlist's failure, which is in the result. */
  public RunResult run() {
    Instant start = clock.instant();
    long started = System.nanoTime();
    String runId = RunId.create(start);
    LocalDate snapshotDate = config.snapshotDate().orElse(LocalDate.ofInstant(start, ZoneOffset.UTC));
    LOG.info("Run {}: {} playlist(s), snapshot date {}, lake s3://{}/{}", runId, config.playlistIds().size(),
        snapshotDate, config.bucket(), config.prefix());

    List<PlaylistResult> results = new ArrayList<>();
    List<String> runErrors = new ArrayList<>();
    SpotifyClient client;
    try {
      SpotifyCredentials loaded = credentials.load();
      client = SpotifyClient.create(transport, loaded, config.retry(), sleeper, clock, random);
    } catch (RuntimeException e) {
      LOG.error("Run {}: cannot load the Spotify credentials: {}", runId, e.getMessage(), e);
      for (String playlistId : config.playlistIds()) {
        results.add(failed(playlistId, 0, 0, 0, e.getMessage()));
      }
      return new RunResult(runId, snapshotDate, results, runErrors);
    }

    PlaylistReader reader = new PlaylistReader(client);
    SpotifyAuthException authFailure = null;
    // one writer thread: a page is stored while the next one is fetched
    ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "lake-writer");
      thread.setDaemon(true);
      return thread;
    });
    try {
      for (String playlistId : config.playlistIds()) {
        if (authFailure != null) {
          // every playlist would get the same answer from the token endpoint
          results.add(failed(playlistId, 0, 0, 0, authFailure.getMessage()));
          continue;
        }
        SpotifyAuthException[] auth = new SpotifyAuthException[1];
        results.add(extract(reader, writer, playlistId, snapshotDate, runId, e -> auth[0] = e));
        authFailure = auth[0];
      }
    } finally {
      writer.shutdown();
    }

    Optional<SpotifyCredentials> rotated = client.tokens().rotatedCredentials();
    if (rotated.isPresent()) {
      try {
        credentials.refreshTokenRotated(rotated.get());
      } catch (RuntimeException e) {
        LOG.error("Run {}: {}", runId, e.getMessage(), e);
        runErrors.add(e.getMessage());
      }
    }
    long ok = results.stream().filter(PlaylistResult::succeeded).count();
    LOG.info("Run {} done in {} ms: {} playlist(s) landed, {} failed, {} pages, {} entries", runId,
        (System.nanoTime() - started) / 1_000_000, ok, results.size() - ok,
        results.stream().mapToInt(PlaylistResult::pages).sum(),
        results.stream().mapToLong(PlaylistResult::entries).sum());
    return new RunResult(runId, snapshotDate, results, runErrors);
  }

  private PlaylistResult extract(PlaylistReader reader, Executor writer, String playlistId, LocalDate snapshotDate,
                                 String runId, Consumer<SpotifyAuthException> onAuthFailure) {
    long started = System.nanoTime();
    RunFolder folder = null;
    try {
      folder = new RunFolder(lake, writer, snapshotDate, playlistId, runId);
      reader.read(playlistId, folder::land);
      String manifestKey = folder.complete(clock.instant());
      long millis = (System.nanoTime() - started) / 1_000_000;
      LOG.info("Playlist {}: {} pages, {} entries, {} bytes in {} ms -> {}", playlistId,
          folder.manifest().pages().size(), folder.manifest().entries(), folder.manifest().bytes(), millis,
          lake.location(manifestKey));
      return new PlaylistResult(playlistId, true, folder.manifest().pages().size(), folder.manifest().entries(),
          folder.manifest().bytes(), Optional.of(folder.manifest().apiShape().manifestValue()),
          Optional.of(manifestKey), millis, Optional.empty());
    } catch (RuntimeException e) {
      if (e instanceof SpotifyAuthException auth) {
        onAuthFailure.accept(auth);
      }
      int pages = folder == null ? 0 : folder.abandon();
      LOG.error("Playlist {} failed after {} landed page(s){}: {}", playlistId, pages,
          pages == 0 ? "" : " (left without a manifest under " + lake.location(folder.folderKey()) + ")",
          e.getMessage(), e);
      return failed(playlistId, pages, folder == null ? 0 : folder.storedEntries(),
          folder == null ? 0 : folder.storedBytes(), e.getMessage(), (System.nanoTime() - started) / 1_000_000);
    }
  }

  private static PlaylistResult failed(String playlistId, int pages, long entries, long bytes, String message) {
    return failed(playlistId, pages, entries, bytes, message, 0);
  }

  private static PlaylistResult failed(String playlistId, int pages, long entries, long bytes, String message,
                                       long millis) {
    return new PlaylistResult(playlistId, false, pages, entries, bytes, Optional.empty(), Optional.empty(), millis,
        Optional.of(message == null ? "unknown error" : message));
  }
}
