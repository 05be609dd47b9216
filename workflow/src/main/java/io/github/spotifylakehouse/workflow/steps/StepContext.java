package io.github.spotifylakehouse.workflow.steps;

import io.github.spotifylakehouse.etl.io.Parallel;
import io.github.spotifylakehouse.lake.LakeCatalog;
import io.github.spotifylakehouse.workflow.catalog.LocalCatalog;
import io.github.spotifylakehouse.workflow.s3.S3Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * What the steps of one invocation share: the configuration, the console, and the resources started on
 * first use (the S3 bucket, the Spark session, servers and child processes), all closed in reverse order
 * by {@link #close()} whatever happened.
 */
final class StepContext implements AutoCloseable {

  /** How long a step waits for the session started ahead (a cold start on a slow machine takes seconds). */
  private static final Duration START_AHEAD_TIMEOUT = Duration.ofMinutes(5);

  private final RunnerConfig config;
  private final Console console;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private S3Endpoint lake;
  private SparkSession spark;
  private boolean sparkLater;
  private FutureTask<SparkSession> sparkAhead;
  private LocalDate extractedSnapshot;
  private Path dashboard;
  private boolean closed;
  private boolean succeeded;

  StepContext(RunnerConfig config, Console console) {
    this.config = config;
    this.console = console;
  }

  RunnerConfig config() {
    return config;
  }

  Console console() {
    return console;
  }

  /** The lake's bucket, ready to use: S3Proxy started (or the given endpoint checked) and bucket created. */
  synchronized S3Endpoint lake() {
    if (lake == null) {
      S3Endpoint storage;
      if (config.s3Endpoint().isPresent()) {
        storage = S3Endpoint.external(config.s3Endpoint().get(), config.s3AccessKey(), config.s3SecretKey(),
            config.s3Region(), config.bucket());
        resources.push(storage);
        console.detail("S3: %s, bucket %s", storage.endpoint(), storage.bucket());
      } else {
        long start = System.nanoTime();
        storage = S3Endpoint.startS3Proxy(config.s3proxyJar(), config.logsDir(), config.s3Dir(),
            config.s3Region(), config.bucket());
        resources.push(storage);
        console.detail("S3: S3Proxy on %s (started in %s), objects under %s", storage.endpoint(),
            Console.duration(Duration.ofNanos(System.nanoTime() - start)), config.s3Dir());
      }
      boolean created = storage.ensureBucket();
      console.detail("bucket %s %s; lake root %s", storage.bucket(), created ? "created" : "exists",
          storage.lakeRoot());
      lake = storage;
    }
    return lake;
  }

  /** The Spark session (local, s3a to the lake, Hive metastore under the data directory). */
  synchronized SparkSession spark() {
    if (spark == null) {
      long start = System.nanoTime();
      if (sparkAhead != null) {
        spark = awaitSparkAhead();
        console.detail("Spark %s on %s started during the extract step (waited %s for it)", spark.version(),
            config.sparkMaster(), Console.duration(Duration.ofNanos(System.nanoTime() - start)));
      } else {
        S3Endpoint storage = lake();
        spark = LocalSpark.start(config, storage.s3aSettings());
        console.detail("Spark %s on %s started in %s", spark.version(), config.sparkMaster(),
            Console.duration(Duration.ofNanos(System.nanoTime() - start)));
        SparkSession session = spark;
        resources.push(() -> LocalSpark.stop(session, storage));
      }
    }
    return spark;
  }

  /** A step after the current one uses Spark: {@link #startSparkAhead()} may start it early. */
  synchronized void sparkLater(boolean later) {
    this.sparkLater = later;
  }

  /**
   * When a later step uses Spark, starts the session now on a thread of its own, with the metastore open, while
   * the caller waits on something else (the extract step on its child process, which leaves a core free): the
   * second or two of start-up is then off the run's path. {@link #spark()} takes the session when it is up.
   */
  synchronized void startSparkAhead() {
    if (!sparkLater || spark != null || sparkAhead != null || closed) {
      return;
    }
    S3Endpoint storage = lake();
    FutureTask<SparkSession> start = Parallel.start("spark-start-ahead", () -> {
      SparkSession session = LocalSpark.start(config, storage.s3aSettings());
      // what the transform does first, off its path: boot Derby and the metastore client, open the Iceberg catalog
      session.catalog().databaseExists(LocalCatalog.DEFAULT_DATABASE);
      session.sql("SHOW NAMESPACES IN " + LakeCatalog.SPARK_CATALOG).collectAsList();
      return session;
    });
    sparkAhead = start;
    resources.push(() -> {
      SparkSession session;
      try {
        session = start.get(START_AHEAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (ExecutionException failedToStart) {
        return; // nothing to stop; spark() reports the failure to the step that needed the session
      }
      LocalSpark.stop(session, storage);
    });
  }

  private SparkSession awaitSparkAhead() {
    try {
      return sparkAhead.get(START_AHEAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException runtime ? runtime
          : new IllegalStateException("Spark did not start: " + cause, cause);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Spark did not start within " + START_AHEAD_TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while Spark was starting", e);
    }
  }

  /** The snapshot date the extract step of this invocation landed, if it ran. */
  Optional<LocalDate> extractedSnapshot() {
    return Optional.ofNullable(extractedSnapshot);
  }

  void extractedSnapshot(LocalDate date) {
    this.extractedSnapshot = date;
  }

  /** The dashboard the query step wrote in this invocation, if it wrote one. */
  Optional<Path> dashboard() {
    return Optional.ofNullable(dashboard);
  }

  void dashboard(Path file) {
    this.dashboard = file;
  }

  /** Every step succeeded: the servers' logs need not be kept. */
  synchronized void succeeded() {
    this.succeeded = true;
  }

  /** Closes {@code resource} with the context (before the resources opened earlier). */
  synchronized <T extends AutoCloseable> T register(T resource) {
    resources.push(resource);
    return resource;
  }

  /** Closes every resource, newest first; the first failure is thrown after all were tried. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = null;
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("Cannot shut down cleanly: " + e.getMessage(), e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    deleteRecursively(config.scratchDir());
    if (lake != null && failure == null) {
      lake.serverLog().ifPresent(log -> {
        if (succeeded) {
          deleteServerFiles(log);
        } else {
          console.detail("S3Proxy log kept: %s", log);
        }
      });
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** S3Proxy's log and its properties file ({@code s3proxy-PORT.log}, {@code s3proxy-PORT.properties}). */
  private static void deleteServerFiles(Path log) {
    String name = log.getFileName().toString();
    Path properties = log.resolveSibling(name.substring(0, name.length() - ".log".length()) + ".properties");
    try {
      Files.deleteIfExists(log);
      Files.deleteIfExists(properties);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + log, e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete scratch directory " + dir, e);
    }
  }
}
