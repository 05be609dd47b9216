package io.github.spotifylakehouse.etl.bench;

import io.github.spotifylakehouse.testkit.RawDataGenerator;
import io.github.spotifylakehouse.testkit.CommandLine;
import io.github.spotifylakehouse.testkit.LocalIcebergCatalog;
import io.github.spotifylakehouse.etl.job.EtlJob;
import io.github.spotifylakehouse.etl.job.JobArguments;
import io.github.spotifylakehouse.etl.job.JobSummary;
import io.github.spotifylakehouse.lake.OutputFormat;
import io.github.spotifylakehouse.etl.job.SpotifyEtlJob;
import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.RawLayout;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the job on generated raw data ({@link RawDataGenerator}) in this JVM on {@code local[*]}, and prints
 * what it took: wall time per phase from JVM start (start-up, list, parse, transform, write csv, write
 * iceberg, move), items/s, MB/s and peak heap.
 *
 * <pre>
 * java ... EtlBenchmark --data DIR [--lake-root DIR] [--formats csv,iceberg]
 * </pre>
 *
 * <p>With {@code iceberg}, the session has the local runner's catalog (testkit's {@link LocalIcebergCatalog}:
 * Iceberg's Hive catalog on an embedded Derby metastore, created fresh beside the lake), so the commits are
 * the same as in a local run.
 *
 * <p>{@code --data} holds the generated raw files and is never modified: its files are hard-linked (or
 * copied) into a fresh {@code --lake-root} before the clock's job part starts, so every run sees the same
 * input and the same generated data serves many runs.
 */
public final class EtlBenchmark {

  static final Set<String> OPTIONS = Set.of("data", "lake-root", "formats", "run-date");

  private EtlBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    CommandLine options = new CommandLine("benchmark", OPTIONS, args);
    Path data = Path.of(options.text("data", "target/bench/raw"));
    Path lake = Path.of(options.text("lake-root", "target/bench/lake"));
    String formats = options.text("formats", "csv,iceberg");
    if (!Files.isDirectory(data.resolve(RawLayout.TO_PROCESS))) {
      throw new IllegalArgumentException("benchmark: no raw data under " + data.toAbsolutePath()
          + "; generate it first (RawDataGenerator --lake-root " + data + ")");
    }
    HeapSampler heap = HeapSampler.start();
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

    long prepareStart = System.nanoTime();
    int linked = prepare(data, lake);
    long prepareMillis = (System.nanoTime() - prepareStart) / 1_000_000;

    if (formats.contains(OutputFormat.ICEBERG.argumentName())) {
      // as -Dspark.* settings: what spark-submit and Glue hand the job's session
      icebergCatalog(lake.toAbsolutePath().resolveSibling("metastore")).forEach(System::setProperty);
    }
    SparkSession spark = SpotifyEtlJob.createSession(new SparkConf());
    long startupMillis = ManagementFactory.getRuntimeMXBean().getUptime() - prepareMillis;
    JobSummary summary;
    try {
      summary = EtlJob.run(spark, JobArguments.parse("--lake-root", lake.toString(), "--formats", formats,
          "--run-date", options.text("run-date", RawDataGenerator.DEFAULT_DATE.toString())));
    } finally {
      spark.stop();
    }
    long wallMillis = ManagementFactory.getRuntimeMXBean().getUptime() - prepareMillis;
    long cpuMillis = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1_000_000;
    heap.stop();
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    print(summary, linked, prepareMillis, startupMillis, wallMillis, cpuMillis, heap, loadBefore, loadAfter);
  }

  private static void print(JobSummary summary, int files, long prepareMillis, long startupMillis, long wallMillis,
                            long cpuMillis, HeapSampler heap, double loadBefore, double loadAfter) {
    long entries = summary.entriesRead();
    double mb = summary.bytesRead() / 1e6;
    long jobMillis = summary.duration().toMillis();
    StringBuilder out = new StringBuilder();
    out.append("\n== spotify-lakehouse ETL benchmark ==\n");
    out.append(String.format(Locale.ROOT, "input      %,d entries in %,d files (%,d pages read, the rest manifests), "
            + "%,.1f MB of raw JSON; formats %s%n", entries, files, summary.filesRead(), mb,
        summary.formats().stream().map(OutputFormat::argumentName).collect(Collectors.joining(","))));
    out.append(String.format(Locale.ROOT, "machine    %d cores, load average %.2f before / %.2f after, Java %s, max heap %,d MB%n",
        Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter, System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20));
    out.append(String.format(Locale.ROOT, "%-16s %8s%n", "phase", "ms"));
    out.append(String.format(Locale.ROOT, "%-16s %,8d   JVM start to SparkSession ready%n", "start-up", startupMillis));
    for (Map.Entry<String, Long> phase : summary.phaseMillis().entrySet()) {
      out.append(String.format(Locale.ROOT, "%-16s %,8d%n", phase.getKey().replace('_', ' '), phase.getValue()));
    }
    out.append(String.format(Locale.ROOT, "%-16s %,8d   EtlJob.run%n", "job", jobMillis));
    out.append(String.format(Locale.ROOT, "%-16s %,8d   JVM start to job end, Spark start-up included%n",
        "wall", wallMillis));
    out.append(String.format(Locale.ROOT, "%-16s %,8d   CPU time of this JVM (all threads) over the wall%n", "cpu",
        cpuMillis));
    out.append(String.format(Locale.ROOT, "(%,d ms linking the input into the lake before the session starts is not counted)%n",
        prepareMillis));
    out.append(String.format(Locale.ROOT, "throughput %,.0f items/s and %,.1f MB/s over the wall; %,.0f items/s and %,.1f MB/s over the job%n",
        entries * 1000.0 / wallMillis, mb * 1000.0 / wallMillis, entries * 1000.0 / jobMillis, mb * 1000.0 / jobMillis));
    out.append(String.format(Locale.ROOT, "peak heap  %,d MB used (sampled every %d ms), %,d MB committed; GC %,d collections, %,d ms%n",
        heap.peakUsed() >> 20, HeapSampler.PERIOD_MS, heap.peakCommitted() >> 20, heap.collections(), heap.gcMillis()));
    out.append("rows      ");
    for (LakeTable table : LakeTable.values()) {
      out.append(String.format(Locale.ROOT, " %s %,d", table.tableName(), summary.rows(table)));
    }
    out.append(String.format(Locale.ROOT, "%nskipped    %s; rejected files %d%n", summary.skippedEntries(),
        summary.filesRejected()));
    System.out.println(out);
  }

  /**
   * The system properties that give a job's session the local runner's Iceberg catalog (testkit's
   * {@link LocalIcebergCatalog}) on a new, empty metastore in {@code metastore}, which is deleted first.
   */
  static Map<String, String> icebergCatalog(Path metastore) throws IOException {
    deleteRecursively(metastore);
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("derby.system.home", metastore.toString());
    properties.put("spark.sql.catalogImplementation", "hive");
    properties.put("spark.sql.warehouse.dir", metastore.resolve("warehouse").toUri().toString());
    properties.putAll(LocalIcebergCatalog.sparkSettings(metastore.resolve("metastore_db")));
    return properties;
  }

  /** A fresh lake whose to_process holds links to every generated file. */
  static int prepare(Path data, Path lake) throws IOException {
    deleteRecursively(lake);
    Path source = data.resolve(RawLayout.TO_PROCESS);
    Path target = lake.resolve(RawLayout.TO_PROCESS);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(source)) {
      files = walk.filter(Files::isRegularFile).collect(Collectors.toList());
    }
    for (Path file : files) {
      Path link = target.resolve(source.relativize(file));
      Files.createDirectories(link.getParent());
      try {
        Files.createLink(link, file);
      } catch (FileSystemException | UnsupportedOperationException noLinks) {
        Files.copy(file, link);
      }
    }
    return files.size();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }

  /** Samples heap use on a daemon thread; the JMX pool peaks would add peaks of different moments. */
  static final class HeapSampler implements Runnable {
    static final int PERIOD_MS = 10;
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakCommitted = new AtomicLong();
    private volatile boolean running = true;
    private Thread thread;

    static HeapSampler start() {
      HeapSampler sampler = new HeapSampler();
      sampler.thread = new Thread(sampler, "heap-sampler");
      sampler.thread.setDaemon(true);
      sampler.thread.start();
      return sampler;
    }

    @Override
    public void run() {
      var memory = ManagementFactory.getMemoryMXBean();
      while (running) {
        var usage = memory.getHeapMemoryUsage();
        peakUsed.accumulateAndGet(usage.getUsed(), Math::max);
        peakCommitted.accumulateAndGet(usage.getCommitted(), Math::max);
        try {
          Thread.sleep(PERIOD_MS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join();
    }

    long peakUsed() {
      return peakUsed.get();
    }

    long peakCommitted() {
      return peakCommitted.get();
    }

    long collections() {
      return ManagementFactory.getGarbageCollectorMXBeans().stream()
          .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    long gcMillis() {
      return ManagementFactory.getGarbageCollectorMXBeans().stream()
          .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }
  }
}
