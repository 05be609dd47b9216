package io.github.spotifylakehouse.workflow.steps;

import io.github.spotifylakehouse.workflow.report.Dashboard;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one invocation of the local runner needs, resolved once by the command line (options, then
 * environment variables, then defaults) and read by every step. Immutable.
 */
public final class RunnerConfig {

  /** Where the extract step reads playlists from. */
  public enum Source {
    /** The real Spotify Web API when its credentials are configured, else the emulator. */
    AUTO,
    /** The local Spotify API emulator serving a generated catalogue. */
    EMULATOR,
    /** The real Spotify Web API; fails when its credentials are missing. */
    SPOTIFY
  }

  /** Bucket of the local lake. */
  public static final String DEFAULT_BUCKET = "spotify-lakehouse-local";
  /** Region given to S3 clients; S3Proxy accepts any. */
  public static final String DEFAULT_REGION = "us-east-1";
  /**
   * Playlist sizes of the default emulator catalogue: six playlists, 1,000 entries, 23 pages of 50: big
   * enough to page and to overlap, small enough for a quick first run.
   */
  public static final List<Integer> DEFAULT_PLAYLIST_SIZES = List.of(400, 250, 160, 100, 60, 30);
  /** Seed of the default emulator catalogue. */
  public static final long DEFAULT_SEED = 20_260_221L;

  private final Path dataDir;
  private final String bucket;
  private final URI s3Endpoint;
  private final String s3AccessKey;
  private final String s3SecretKey;
  private final String s3Region;
  private final String sparkMaster;
  private final Source source;
  private final List<Integer> playlistSizes;
  private final long seed;
  private final LocalDate snapshotDate;
  private final List<String> formats;
  private final Path extractorJar;
  private final Path s3proxyJar;
  private final Duration extractorTimeout;
  private final Map<String, String> environment;
  private final Clock clock;
  private final Set<String> queries;
  private final boolean verbose;

  private RunnerConfig(Builder b) {
    this.dataDir = Objects.requireNonNull(b.dataDir, "dataDir").toAbsolutePath().normalize();
    this.bucket = Objects.requireNonNull(b.bucket, "bucket");
    this.s3Endpoint = b.s3Endpoint;
    this.s3AccessKey = b.s3AccessKey;
    this.s3SecretKey = b.s3SecretKey;
    this.s3Region = Objects.requireNonNull(b.s3Region, "s3Region");
    this.sparkMaster = Objects.requireNonNull(b.sparkMaster, "sparkMaster");
    this.source = Objects.requireNonNull(b.source, "source");
    this.playlistSizes = List.copyOf(b.playlistSizes);
    this.seed = b.seed;
    this.snapshotDate = b.snapshotDate;
    this.formats = List.copyOf(b.formats);
    this.extractorJar = Objects.requireNonNull(b.extractorJar, "extractorJar");
    this.s3proxyJar = Objects.requireNonNull(b.s3proxyJar, "s3proxyJar");
    this.extractorTimeout = Objects.requireNonNull(b.extractorTimeout, "extractorTimeout");
    this.environment = Map.copyOf(b.environment);
    this.clock = Objects.requireNonNull(b.clock, "clock");
    this.queries = Set.copyOf(b.queries);
    this.verbose = b.verbose;
    if (s3Endpoint != null && (s3AccessKey == null || s3SecretKey == null)) {
      throw new IllegalArgumentException("An S3 endpoint (" + s3Endpoint
          + ") needs an access key and a secret key (--s3-access-key/--s3-secret-key or"
          + " AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)");
    }
    if (playlistSizes.isEmpty() || playlistSizes.stream().anyMatch(size -> size < 0)) {
      throw new IllegalArgumentException("Emulator playlist sizes must be a non-empty list of sizes >= 0, got "
          + playlistSizes);
    }
  }

  /** A builder with the defaults of a local run on {@code dataDir}. */
  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  /** The data directory: S3 objects, metastore, warehouse, logs. */
  public Path dataDir() {
    return dataDir;
  }

  public String bucket() {
    return bucket;
  }

  /** An S3 endpoint to use instead of starting S3Proxy; empty for S3Proxy under the data directory. */
  public Optional<URI> s3Endpoint() {
    return Optional.ofNullable(s3Endpoint);
  }

  /** Access key for {@link #s3Endpoint()}; not used with S3Proxy, which gets its own. */
  public String s3AccessKey() {
    return s3AccessKey;
  }

  /** Secret key for {@link #s3Endpoint()}. */
  public String s3SecretKey() {
    return s3SecretKey;
  }

  public String s3Region() {
    return s3Region;
  }

  /** Spark master URL, {@code local[*]} by default. */
  public String sparkMaster() {
    return sparkMaster;
  }

  public Source source() {
    return source;
  }

  /** Number of entries of each emulated playlist. */
  public List<Integer> playlistSizes() {
    return playlistSizes;
  }

  /** Seed of the emulator's generated catalogue. */
  public long seed() {
    return seed;
  }

  /** A snapshot date forced by the user; empty to follow the snapshot rule. */
  public Optional<LocalDate> snapshotDate() {
    return Optional.ofNullable(snapshotDate);
  }

  /** Output formats of the transform step ({@code csv}, {@code iceberg}). */
  public List<String> formats() {
    return formats;
  }

  /** The extractor's shaded jar, run as a child process. */
  public Path extractorJar() {
    return extractorJar;
  }

  /** S3Proxy's jar with dependencies, run as a child process. */
  public Path s3proxyJar() {
    return s3proxyJar;
  }

  /** How long the extractor may run before it is stopped and the step fails. */
  public Duration extractorTimeout() {
    return extractorTimeout;
  }

  /** The environment variables the runner was started with (Spotify credentials, playlist ids). */
  public Map<String, String> environment() {
    return environment;
  }

  /** Source of "today" (UTC) for snapshot dates. */
  public Clock clock() {
    return clock;
  }

  /** Names of the queries the query step runs; empty for all. */
  public Set<String> queries() {
    return queries;
  }

  /** Print the detail: the extractor's own log and raw results (else one line per playlist). */
  public boolean verbose() {
    return verbose;
  }

  /** The dashboard of the analytics queries: one self-contained HTML file. */
  public Path dashboardFile() {
    return dataDir.resolve("report").resolve(Dashboard.FILE_NAME);
  }

  /** Where S3Proxy keeps objects: one directory per bucket, one file per key. */
  public Path s3Dir() {
    return dataDir.resolve("s3");
  }

  /** The embedded metastore (Derby) that plays the Glue Data Catalog. */
  public Path metastoreDir() {
    return dataDir.resolve("metastore");
  }

  /** Spark SQL warehouse (managed tables; the lake's tables are external, so it stays empty). */
  public Path warehouseDir() {
    return dataDir.resolve("warehouse");
  }

  /** Configuration and logs of the child processes. */
  public Path logsDir() {
    return dataDir.resolve("logs");
  }

  /** Scratch space of one invocation, deleted at its end. */
  public Path scratchDir() {
    return dataDir.resolve("tmp");
  }

  /** Builder of {@link RunnerConfig}; every value has a default but the data directory. */
  public static final class Builder {
    private Path dataDir;
    private String bucket = DEFAULT_BUCKET;
    private URI s3Endpoint;
    private String s3AccessKey;
    private String s3SecretKey;
    private String s3Region = DEFAULT_REGION;
    private String sparkMaster = "local[*]";
    private Source source = Source.AUTO;
    private List<Integer> playlistSizes = DEFAULT_PLAYLIST_SIZES;
    private long seed = DEFAULT_SEED;
    private LocalDate snapshotDate;
    private List<String> formats = List.of("csv", "iceberg");
    private Path extractorJar = RunnerJars.extractorJar();
    private Path s3proxyJar = RunnerJars.s3proxyJar();
    private Duration extractorTimeout = Duration.ofMinutes(30);
    private Map<String, String> environment = Map.of();
    private Clock clock = Clock.systemUTC();
    private Set<String> queries = Set.of();
    private boolean verbose;

    private Builder(Path dataDir) {
      this.dataDir = dataDir;
    }

    public Builder bucket(String value) {
      this.bucket = value;
      return this;
    }

    public Builder s3Endpoint(URI value, String accessKey, String secretKey) {
      this.s3Endpoint = value;
      this.s3AccessKey = accessKey;
      this.s3SecretKey = secretKey;
      return this;
    }

    public Builder s3Region(String value) {
      this.s3Region = value;
      return this;
    }

    public Builder sparkMaster(String value) {
      this.sparkMaster = value;
      return this;
    }

    public Builder source(Source value) {
      this.source = value;
      return this;
    }

    public Builder playlistSizes(List<Integer> value) {
      this.playlistSizes = value;
      return this;
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    public Builder snapshotDate(LocalDate value) {
      this.snapshotDate = value;
      return this;
    }

    public Builder formats(List<String> value) {
      this.formats = value;
      return this;
    }

    public Builder extractorJar(Path value) {
      this.extractorJar = value;
      return this;
    }

    public Builder s3proxyJar(Path value) {
      this.s3proxyJar = value;
      return this;
    }

    public Builder extractorTimeout(Duration value) {
      this.extractorTimeout = value;
      return this;
    }

    public Builder environment(Map<String, String> value) {
      this.environment = value;
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    public Builder queries(Set<String> value) {
      this.queries = value;
      return this;
    }

    public Builder verbose(boolean value) {
      this.verbose = value;
      return this;
    }

    public RunnerConfig build() {
      return new RunnerConfig(this);
    }
  }
}
