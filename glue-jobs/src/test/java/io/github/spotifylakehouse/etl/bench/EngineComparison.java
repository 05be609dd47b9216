package io.github.spotifylakehouse.etl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spotifylakehouse.etl.job.JobSummary;
import io.github.spotifylakehouse.etl.job.SpotifyEtlJob;
import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.OutputFormat;
import io.github.spotifylakehouse.lake.RawLayout;
import io.github.spotifylakehouse.testkit.CommandLine;
import io.github.spotifylakehouse.testkit.RawDataGenerator;
import io.github.spotifylakehouse.testkit.SharedClasses;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The job against its yardstick: on the same generated raw files, in the same run, alternating job and
 * {@link DuckDbYardstick} runs, each in a fresh child JVM (so JVM, Spark and DuckDB start-up are included),
 * and prints per engine the wall time, CPU time, peak resident memory and entries/s (median, min, max), the
 * median of the pairwise ratios job/DuckDB, and the job's time per phase.
 *
 * <pre>
 * java ... EngineComparison --data DIR --work DIR [--runs 3] [--formats csv] [--heap 4g] [--threads N]
 *                           [--job-jvm "-XX:TieredStopAtLevel=1"] [--jfr false|true|timed] [--verify true]
 *                           [--cds true|false] [--stable-root ~/.m2/repository]
 * </pre>
 *
 * <ul>
 *   <li>{@code --data}: a generated lake ({@link RawDataGenerator}); never modified. Each job run gets a fresh
 *       lake under {@code --work} whose files are hard links to it; DuckDB reads it in place.</li>
 *   <li>{@code --formats}: passed through to the job ({@code csv} or {@code csv,iceberg}). With {@code iceberg}
 *       each job run gets the local runner's catalog on a new metastore (as {@link EtlBenchmark} does), and
 *       DuckDB writes the same tables as Parquet files beside its CSV: Iceberg's data files, without the
 *       metadata and commits, which DuckDB has no counterpart for here (the report says so).</li>
 *   <li>{@code --heap}: the job's {@code -Xmx}, and DuckDB's {@code memory_limit}.</li>
 *   <li>{@code --jfr true}: after the timed runs, one more job run with a flight recording (not counted),
 *       summarized per job phase by {@link JfrHotMethods}; {@code --jfr timed}: the timed job runs are recorded
 *       (for a long input, where one more run costs too much), the first one summarized.</li>
 *   <li>{@code --verify true}: after the first pair, compare the two engines' CSV files table by table.</li>
 *   <li>{@code --warm N}: after the pairs, one more JVM, set up as the job's, runs the job N times one after the other
 *       in one Spark session ({@link WarmRuns}): what the job costs once its JVM is warm, beside DuckDB's runs
 *       (CSV only).</li>
 *   <li>{@code --cds true}: the job's JVM maps a class-data archive of its library jars (those under
 *       {@code --stable-root}, the local Maven repository), as the local runner runs it ({@link SharedClasses});
 *       the archive is kept in {@code cds/} beside {@code --work}, and when there is none yet, one more job run
 *       (not counted) records the classes it is made from. Runs with a flight recording have no archive (JDK 17
 *       crashes when JFR's class-file hook meets archived classes).</li>
 * </ul>
 *
 * <p>Child JVMs get this JVM's module opens and log configuration, and its class path.
 */
public final class EngineComparison {

  static final Set<String> OPTIONS = Set.of("data", "work", "runs", "formats", "heap", "threads", "job-jvm",
      "jfr", "verify", "run-date", "timeout", "cds", "stable-root", "warm");
  private static final String JOB = "job";
  private static final String DUCKDB = "duckdb";
  private static final int SAMPLE_MS = 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** EtlJob's log line at the end of a phase, with the time the benchmark's log layout puts first. */
  private static final Pattern PHASE_END = Pattern.compile(
      "^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) INFO \\w+Stage: (Listed raw files|Parsed \\d+ raw files"
          + "|Kept the latest version|Wrote (\\w+) tables for|Moved \\d+ raw files)");

  private final Path data;
  private final Path work;
  private final String formats;
  private final String heap;
  private final int threads;
  private final List<String> jobJvm;
  private final String runDate;
  private final long timeoutSeconds;
  private final boolean cds;
  private final int warm;
  private final Path stableRoot;
  private final PrintStream out;
  private SharedClasses.Launch launch;

  private EngineComparison(CommandLine options, PrintStream out) {
    this.data = Path.of(options.text("data", "target/bench/raw")).toAbsolutePath();
    this.work = Path.of(options.text("work", "target/bench/compare")).toAbsolutePath();
    this.formats = options.text("formats", "csv");
    this.heap = options.text("heap", "4g");
    this.threads = (int) options.number("threads", Runtime.getRuntime().availableProcessors());
    this.jobJvm = List.of(options.text("job-jvm", "-XX:TieredStopAtLevel=1").trim().split("\\s+"));
    this.runDate = options.text("run-date", RawDataGenerator.DEFAULT_DATE.toString());
    this.timeoutSeconds = options.number("timeout", 1800);
    this.cds = !"false".equals(options.text("cds", "true"));
    this.warm = (int) options.number("warm", 0);
    this.stableRoot = Path.of(options.text("stable-root",
        Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    CommandLine options = new CommandLine("engine-comparison", OPTIONS, args);
    EngineComparison comparison = new EngineComparison(options, System.out);
    if (!Files.isDirectory(comparison.data.resolve(RawLayout.TO_PROCESS))) {
      throw new IllegalArgumentException("engine-comparison: no raw data under " + comparison.data
          + "; generate it first (RawDataGenerator --lake-root " + comparison.data + ")");
    }
    if (comparison.warm > 0 && comparison.writesIceberg()) {
      throw new IllegalArgumentException("engine-comparison: --warm runs the job on CSV only (each Iceberg run needs "
          + "a catalog on a new metastore, which one session cannot be given again); got --formats "
          + comparison.formats);
    }
    String jfr = options.text("jfr", "false");
    if (!Set.of("false", "true", "timed").contains(jfr)) {
      throw new IllegalArgumentException("engine-comparison: --jfr is false, true or timed, got '" + jfr + "'");
    }
    comparison.run((int) options.number("runs", 3), jfr, !"false".equals(options.text("verify", "true")));
  }

  /** One child run: what the operating system and the child said about it. */
  record Run(String engine, int index, double loadBefore, double loadAfter, long wallMillis, long cpuMillis,
             long peakKb, long entries, Map<String, Long> phases, Map<String, Long> rows, String version,
             Path output) {
    double entriesPerSecond() {
      return entries * 1000.0 / wallMillis;
    }
  }

  private void run(int runs, String jfr, boolean verify) throws Exception {
    Files.createDirectories(work);
    Corpus corpus = Corpus.of(data);
    Path report = work.resolve("report-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
        + ".txt");
    StringBuilder text = new StringBuilder();
    line(text, "== spotify-lakehouse: the ETL job against DuckDB, same raw files, same run ==");
    line(text, String.format(Locale.ROOT, "input      %s: %,d files (%,d pages), %,.1f MB of raw JSON",
        data, corpus.files(), corpus.pages(), corpus.bytes() / 1e6));
    line(text, String.format(Locale.ROOT, "machine    %d cores, %s, Java %s; load average %s at start",
        Runtime.getRuntime().availableProcessors(), memTotal(), System.getProperty("java.version"), loadAverages()));
    launch = cds ? SharedClasses.prepare(work.resolveSibling("cds"), stableRoot, System.getProperty("java.class.path"))
        : SharedClasses.disabled(System.getProperty("java.class.path"));
    if (launch.recording()) {
      out.println("(one job run, not counted, records the classes of the job's class-data archive; then it is made)");
      Run training = runJob(0, List.of());
      launch.complete(0);
      out.println("(archive " + launch.archive() + " made after a " + training.wallMillis() / 1000 + " s run)");
      launch = SharedClasses.prepare(work.resolveSibling("cds"), stableRoot, System.getProperty("java.class.path"));
    }
    line(text, String.format(Locale.ROOT, "job        SpotifyEtlJob on local[*], fresh JVM, %s -Xmx%s, --formats %s, %s",
        String.join(" ", jobJvm), heap, formats, cds ? "class-data archive of the " + launch.stableJars().size()
            + " library jars (AppCDS, as the local runner)" : "no class-data archive"));
    line(text, String.format(Locale.ROOT, "duckdb     DuckDbYardstick (%s), fresh JVM, threads %d, memory_limit %s, writes %s",
        DuckDbYardstick.SQL_RESOURCE, threads, heap.toUpperCase(Locale.ROOT) + "B", duckDbFormats()));
    for (String format : formats.split(",")) {
      if (format.equals(OutputFormat.ICEBERG.argumentName())) {
        line(text, "NOTE       the job's Iceberg tables are Parquet files plus metadata and a commit per table in a fresh "
            + "local metastore; DuckDB writes the Parquet files only");
      } else if (!format.equals("csv") && !format.equals("parquet")) {
        line(text, "NOTE       the job also writes " + format + ", which DuckDB does not here: the ratio is not equal work");
      }
    }
    line(text, String.format(Locale.ROOT, "%-7s %3s %11s %9s %8s %9s %11s  %s", "engine", "run", "load b/a",
        "wall s", "cpu s", "peak MB", "entries/s", "phases ms (job: from JVM start; duckdb: steps)"));

    List<Run> jobRuns = new ArrayList<>();
    List<Run> duckRuns = new ArrayList<>();
    for (int i = 1; i <= runs; i++) {
      Run job = runJob(i, jfr.equals("timed") ? recording(i) : List.of());
      jobRuns.add(job);
      line(text, format(job));
      Run duck = runDuckDb(i);
      duckRuns.add(duck);
      line(text, format(duck));
      if (i == 1 && verify) {
        line(text, "verify     " + compareOutputs(job.output(), duck.output()));
      }
    }

    line(text, "");
    line(text, String.format(Locale.ROOT, "%-7s %24s %24s %24s %24s", "median", "wall s (min-max)",
        "cpu s (min-max)", "peak MB (min-max)", "entries/s (min-max)"));
    for (List<Run> engine : List.of(jobRuns, duckRuns)) {
      line(text, String.format(Locale.ROOT, "%-7s %24s %24s %24s %24s", engine.get(0).engine(),
          spread(engine, r -> r.wallMillis() / 1000.0, "%.1f"), spread(engine, r -> r.cpuMillis() / 1000.0, "%.1f"),
          spread(engine, r -> r.peakKb() / 1024.0, "%,.0f"), spread(engine, Run::entriesPerSecond, "%,.0f")));
    }
    List<Double> wallRatios = new ArrayList<>();
    List<Double> cpuRatios = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      wallRatios.add((double) jobRuns.get(i).wallMillis() / duckRuns.get(i).wallMillis());
      cpuRatios.add((double) jobRuns.get(i).cpuMillis() / duckRuns.get(i).cpuMillis());
    }
    line(text, String.format(Locale.ROOT, "ratio job/duckdb, median of %d pairs: wall %.2fx (%.2f-%.2f), cpu %.2fx "
            + "(%.2f-%.2f); peak memory %.2fx", runs, median(wallRatios), min(wallRatios), max(wallRatios),
        median(cpuRatios), min(cpuRatios), max(cpuRatios),
        median(jobRuns, r -> (double) r.peakKb()) / median(duckRuns, r -> (double) r.peakKb())));
    line(text, "entries    job " + jobRuns.get(0).entries() + ", duckdb " + duckRuns.get(0).entries()
        + " (entries in the pages, skipped ones included); rows job " + jobRuns.get(0).rows() + ", duckdb "
        + duckRuns.get(0).rows());
    line(text, "duckdb     " + duckRuns.get(0).version());
    line(text, "load average at end " + loadAverages());
    if (warm > 0) {
      line(text, "");
      line(text, warmRuns(median(duckRuns, r -> r.wallMillis() / 1000.0)));
    }

    if (jfr.equals("true")) {
      line(text, "");
      Run profiled = runJob(0, recording(0));
      line(text, format(profiled) + "   (profiled run, not counted)");
      line(text, JfrHotMethods.summarize(recordingFile(0), phaseWindows(profiled), 12));
    } else if (jfr.equals("timed")) {
      line(text, "");
      line(text, "(the timed job runs above were recorded with JFR, settings=profile)");
      line(text, JfrHotMethods.summarize(recordingFile(1), phaseWindows(jobRuns.get(0)), 12));
    }
    Files.writeString(report, text.toString(), StandardCharsets.UTF_8);
    out.println("(report written to " + report + ")");
  }

  /**
   * The job {@link #warm} times in one JVM set up as the timed job runs are (flags, heap, archive): each run's
   * milliseconds of {@code EtlJob.run}, the first one cold, against DuckDB's median whole process.
   */
  private String warmRuns(double duckDbSeconds) throws Exception {
    List<String> command = jobJvmCommand(List.of(), launch);
    command.addAll(List.of(WarmRuns.class.getName(), "--data", data.toString(), "--work", work.toString(),
        "--runs", Integer.toString(warm), "--formats", formats, "--run-date", runDate));
    Child child = Child.run(command, work.resolve("logs/warm"), timeoutSeconds);
    Map<String, String> runs = child.lines(WarmRuns.PREFIX);
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
        "warm       the job %d times in one JVM and session (EtlJob.run, s; the first cold):", warm));
    for (int i = 1; i <= warm; i++) {
      double seconds = Long.parseLong(runs.get("run_" + i + "_ms")) / 1000.0;
      line.append(String.format(Locale.ROOT, " %.1f (%.2fx DuckDB)", seconds, seconds / duckDbSeconds));
    }
    line.append(String.format(Locale.ROOT, "; DuckDB's median whole process %.1f s; phases of the last: %s",
        duckDbSeconds, runs.get("run_" + warm + "_phases")));
    return line.toString();
  }

  /** JVM options recording job run {@code index} with JFR's profiling settings. */
  private List<String> recording(int index) throws IOException {
    Files.deleteIfExists(recordingFile(index));
    return List.of("-XX:StartFlightRecording=filename=" + recordingFile(index) + ",settings=profile",
        "-XX:FlightRecorderOptions=stackdepth=256");
  }

  private Path recordingFile(int index) {
    return work.resolve("job-" + index + ".jfr");
  }

  /** What DuckDB writes for the job's formats: CSV, and Parquet for Parquet or Iceberg (whose data files it is). */
  private String duckDbFormats() {
    return Arrays.stream(formats.split(","))
        .map(f -> f.equals(OutputFormat.ICEBERG.argumentName()) ? "parquet" : f)
        .filter(f -> f.equals("csv") || f.equals("parquet"))
        .distinct()
        .collect(Collectors.joining(","));
  }

  /** Whether the job writes Iceberg tables (each run then gets a catalog on a new metastore). */
  private boolean writesIceberg() {
    return Arrays.asList(formats.split(",")).contains(OutputFormat.ICEBERG.argumentName());
  }

  /**
   * The start of a job JVM's command line, up to {@link MeasuredChild}: the job's flags and heap, {@code extraJvm},
   * the Iceberg catalog when the job writes Iceberg, and the archive's options and class path of {@code jvmLaunch}.
   */
  private List<String> jobJvmCommand(List<String> extraJvm, SharedClasses.Launch jvmLaunch) throws IOException {
    List<String> command = new ArrayList<>(javaCommand());
    command.addAll(jobJvm);
    command.add("-Xmx" + heap);
    command.addAll(extraJvm);
    if (writesIceberg()) {
      EtlBenchmark.icebergCatalog(work.resolve("metastore")).forEach((key, value) -> command.add("-D" + key + "=" + value));
    }
    command.addAll(jvmLaunch.jvmOptions());
    command.addAll(List.of("-cp", jvmLaunch.classPath(), MeasuredChild.class.getName()));
    return command;
  }

  private Run runJob(int index, List<String> extraJvm) throws Exception {
    Path lake = work.resolve("lake");
    EtlBenchmark.prepare(data, lake);
    // JDK 17.0.15 crashes (SIGSEGV in KlassFactory::check_shared_class_file_load_hook) when a flight recording's
    // class-file hook meets the archive's classes: a recorded run has no archive
    SharedClasses.Launch thisLaunch = extraJvm.stream().anyMatch(o -> o.startsWith("-XX:StartFlightRecording"))
        ? SharedClasses.disabled(System.getProperty("java.class.path")) : launch;
    List<String> command = jobJvmCommand(extraJvm, thisLaunch);
    command.addAll(List.of(SpotifyEtlJob.class.getName(), "--lake-root", lake.toString(), "--formats", formats,
        "--run-date", runDate));
    Child child = Child.run(command, work.resolve("logs/job-" + index), timeoutSeconds);
    JsonNode summary = JSON.readTree(child.json());
    Map<String, Long> phases = new LinkedHashMap<>();
    long entered = child.measured("main_entered_epoch_ms");
    long started = Instant.parse(summary.get("started_at").asText()).toEpochMilli();
    long finished = Instant.parse(summary.get("finished_at").asText()).toEpochMilli();
    phases.put("jvm", child.measured("jvm_to_main_ms"));
    phases.put("spark_start", started - entered);
    summary.get("phases_ms").fields().forEachRemaining(e -> phases.put(e.getKey(), e.getValue().asLong()));
    // the transform phase (song versions) runs inside the first write phase: not added twice
    long inPhases = phases.values().stream().mapToLong(Long::longValue).sum() - phases.get("jvm") - phases.get("spark_start")
        - phases.getOrDefault(JobSummary.PHASE_TRANSFORM, 0L);
    // setting the session up before listing, and the summary after the moves
    phases.put("job_other", finished - started - inPhases);
    phases.put("stop_exit", child.wallMillis() - phases.get("jvm") - (finished - entered));
    // kept for the profile's phase windows, not printed
    phases.put("main_entered_epoch_ms", entered);
    phases.put("started_epoch_ms", started);
    phaseEnds(child.stderr(), Instant.ofEpochMilli(started)).forEach((phase, end) -> phases.put(phase + "_end_epoch_ms", end));
    Map<String, Long> rows = new LinkedHashMap<>();
    summary.get("rows").fields().forEachRemaining(e -> rows.put(e.getKey(), e.getValue().asLong()));
    return new Run(JOB, index, child.loadBefore(), child.loadAfter(), child.wallMillis(), child.cpuMillis(),
        child.peakKb(), summary.get("entries_read").asLong(), phases, rows, "", lake);
  }

  private Run runDuckDb(int index) throws Exception {
    Path output = work.resolve("duckdb-out");
    deleteRecursively(output);
    deleteRecursively(work.resolve("duckdb-tmp"));
    List<String> command = new ArrayList<>(javaCommand());
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        MeasuredChild.class.getName(), DuckDbYardstick.class.getName(),
        "--raw", data.resolve(RawLayout.TO_PROCESS).toString(), "--out", output.toString(),
        "--threads", Integer.toString(threads), "--memory-limit", heap.toUpperCase(Locale.ROOT) + "B",
        "--formats", duckDbFormats(), "--temp-dir", work.resolve("duckdb-tmp").toString()));
    Child child = Child.run(command, work.resolve("logs/duckdb-" + index), timeoutSeconds);
    Map<String, Long> phases = new LinkedHashMap<>();
    phases.put("jvm", child.measured("jvm_to_main_ms"));
    Map<String, Long> rows = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : child.lines(DuckDbYardstick.PREFIX).entrySet()) {
      if (e.getKey().startsWith("step.")) {
        phases.put(e.getKey().substring("step.".length()), Long.parseLong(e.getValue()));
      } else if (e.getKey().startsWith("rows.")) {
        rows.put(e.getKey().substring("rows.".length()), Long.parseLong(e.getValue()));
      }
    }
    Map<String, String> figures = child.lines(DuckDbYardstick.PREFIX);
    return new Run(DUCKDB, index, child.loadBefore(), child.loadAfter(), child.wallMillis(), child.cpuMillis(),
        child.peakKb(), Long.parseLong(figures.get("entries_seen")), phases, rows,
        "DuckDB " + figures.get("version") + " (org.duckdb:duckdb_jdbc)", output);
  }

  /**
   * The job's phases as wall-clock windows, for the profile: each ends at the job's own log line for it and
   * lasts what the summary says (the time before the first phase, setting the session up, is not in any).
   */
  private static Map<String, long[]> phaseWindows(Run job) {
    Map<String, long[]> windows = new LinkedHashMap<>();
    windows.put("spark start", new long[] {job.phases().get("main_entered_epoch_ms"), job.phases().get("started_epoch_ms")});
    for (Map.Entry<String, Long> phase : job.phases().entrySet()) {
      Long end = job.phases().get(phase.getKey() + "_end_epoch_ms");
      if (end != null) {
        windows.put(phase.getKey().replace('_', ' '), new long[] {end - phase.getValue(), end});
      }
    }
    return windows;
  }

  /** The job logs the end of each phase (EtlJob, INFO): when, as epoch milliseconds, by phase name. */
  static Map<String, Long> phaseEnds(List<String> log, Instant started) {
    Map<String, Long> ends = new LinkedHashMap<>();
    LocalDate day = started.atZone(ZoneId.systemDefault()).toLocalDate();
    for (String line : log) {
      Matcher m = PHASE_END.matcher(line);
      if (m.find()) {
        String phase = m.group(2).startsWith("Listed") ? "list" : m.group(2).startsWith("Parsed") ? "parse"
            : m.group(2).startsWith("Kept") ? "transform" : m.group(2).startsWith("Moved") ? "move"
            : "write_" + m.group(3);
        long at = LocalTime.parse(m.group(1)).atDate(day).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
        // a log line of the day after (a run over midnight) is earlier on the clock
        ends.put(phase, at < started.toEpochMilli() - 60_000 ? at + 86_400_000 : at);
      }
    }
    return ends;
  }

  /**
   * Compares each table's CSV per date between the job's lake and DuckDB's output: byte for byte, and failing
   * that as sorted lines (DuckDB sorts as asked but its partitioned writer may interleave threads' output).
   */
  static String compareOutputs(Path jobLake, Path duckOut) throws IOException {
    List<String> identical = new ArrayList<>();
    List<String> reordered = new ArrayList<>();
    List<String> different = new ArrayList<>();
    for (LakeTable table : DuckDbYardstick.TABLES) {
      Path a = jobLake.resolve(table.csvPrefix());
      Path b = duckOut.resolve(table.csvPrefix());
      if (digest(a, false).equals(digest(b, false))) {
        identical.add(table.tableName());
      } else if (digest(a, true).equals(digest(b, true))) {
        reordered.add(table.tableName());
      } else {
        different.add(table.tableName());
      }
    }
    return String.format(Locale.ROOT, "CSV per table and date: byte-identical %s; same header and rows in another "
        + "order or split in files %s; different %s", identical, reordered, different);
  }

  /**
   * SHA-256 of a table's CSV files (folder names included), as they are, or per partition folder as one header and
   * the data lines of all its files sorted (the job splits a large date of {@code playlist_track} into several files).
   */
  private static String digest(Path tableRoot, boolean sortLines) throws IOException {
    if (!Files.isDirectory(tableRoot)) {
      return "missing";
    }
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Map<Path, List<Path>> folders;
    try (Stream<Path> walk = Files.walk(tableRoot)) {
      folders = walk.filter(p -> p.toString().endsWith(".csv")).sorted()
          .collect(Collectors.groupingBy(Path::getParent, TreeMap::new, Collectors.toList()));
    }
    for (Map.Entry<Path, List<Path>> folder : folders.entrySet()) {
      sha.update(tableRoot.relativize(folder.getKey()).toString().getBytes(StandardCharsets.UTF_8));
      if (sortLines) {
        Set<String> headers = new TreeSet<>();
        List<String> rows = new ArrayList<>();
        for (Path file : folder.getValue()) {
          List<String> lines = Files.readAllLines(file);
          if (!lines.isEmpty()) {
            headers.add(lines.get(0));
            rows.addAll(lines.subList(1, lines.size()));
          }
        }
        rows.sort(Comparator.naturalOrder());
        headers.forEach(line -> sha.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
        rows.forEach(line -> sha.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
      } else {
        for (Path file : folder.getValue()) {
          sha.update(Files.readAllBytes(file));
        }
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private String format(Run run) {
    String phases = run.phases().entrySet().stream()
        .filter(e -> !e.getKey().endsWith("_epoch_ms"))
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
    return String.format(Locale.ROOT, "%-7s %3d %5.2f/%5.2f %9.1f %8.1f %9.0f %11.0f  %s", run.engine(), run.index(),
        run.loadBefore(), run.loadAfter(), run.wallMillis() / 1000.0, run.cpuMillis() / 1000.0, run.peakKb() / 1024.0,
        run.entriesPerSecond(), phases);
  }

  private void line(StringBuilder text, String line) {
    out.println(line);
    out.flush();
    text.append(line).append('\n');
  }

  private static List<String> javaCommand() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Spark's module opens on Java 17 and the benchmark's log configuration, as this JVM got them
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.equals("-XX:+IgnoreUnrecognizedVMOptions")
          || arg.startsWith("-Djdk.reflect.useDirectMethodHandle") || arg.startsWith("-Dlog4j2.configurationFile")) {
        command.add(arg);
      }
    }
    return command;
  }

  private static String spread(List<Run> runs, java.util.function.ToDoubleFunction<Run> figure, String format) {
    List<Double> values = runs.stream().map(figure::applyAsDouble).collect(Collectors.toList());
    return String.format(Locale.ROOT, format + " (" + format + "-" + format + ")", median(values), min(values),
        max(values));
  }

  private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> figure) {
    return median(runs.stream().map(figure::applyAsDouble).collect(Collectors.toList()));
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Comparator.naturalOrder());
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static String loadAverages() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " / " + parts[1] + " / " + parts[2] + " (1/5/15 min)";
    } catch (IOException e) {
      return String.format(Locale.ROOT, "%.2f", loadAverage());
    }
  }

  private static String memTotal() {
    try {
      long kb = MeasuredChild.ProcStatus.kb(Files.readAllLines(Path.of("/proc/meminfo")), "MemTotal");
      return String.format(Locale.ROOT, "%.1f GB RAM", kb / 1024.0 / 1024.0);
    } catch (IOException e) {
      return "RAM unknown";
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }

  /** What the generated corpus holds. */
  record Corpus(long files, long pages, long bytes) {
    static Corpus of(Path data) throws IOException {
      long[] counts = new long[3];
      try (Stream<Path> walk = Files.walk(data.resolve(RawLayout.TO_PROCESS))) {
        walk.filter(Files::isRegularFile).forEach(p -> {
          counts[0]++;
          if (!p.getFileName().toString().equals(RawLayout.MANIFEST_FILE)) {
            counts[1]++;
            try {
              counts[2] += Files.size(p);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        });
      }
      return new Corpus(counts[0], counts[1], counts[2]);
    }
  }

  /**
   * A finished child JVM: its output (stdout and stderr kept in files), wall time from start to exit, and CPU
   * and peak memory as it reported them (or, if it died first, as sampled from {@code /proc/<pid>}).
   */
  record Child(List<String> stdout, List<String> stderr, long wallMillis, double loadBefore, double loadAfter, long sampledPeakKb,
               long sampledCpuMillis) {

    static Child run(List<String> command, Path logs, long timeoutSeconds) throws Exception {
      Files.createDirectories(logs.getParent());
      Path stdout = logs.resolveSibling(logs.getFileName() + ".out");
      Path stderr = logs.resolveSibling(logs.getFileName() + ".err");
      double loadBefore = loadAverage();
      long start = System.nanoTime();
      Process process = new ProcessBuilder(command)
          .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
      AtomicLong peakKb = new AtomicLong(-1);
      AtomicLong cpuMillis = new AtomicLong(-1);
      Thread sampler = new Thread(() -> sample(process.pid(), peakKb, cpuMillis), "sample-" + process.pid());
      sampler.setDaemon(true);
      sampler.start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("Child JVM still running after " + timeoutSeconds + " s, killed: " + command
            + " (logs " + stdout + ", " + stderr + ")");
      }
      long wall = (System.nanoTime() - start) / 1_000_000;
      sampler.interrupt();
      if (process.exitValue() != 0) {
        throw new IllegalStateException("Child JVM failed with exit code " + process.exitValue() + ": "
            + String.join(" ", command.subList(command.size() - 8, command.size())) + "\n" + tail(stderr));
      }
      return new Child(Files.readAllLines(stdout), Files.readAllLines(stderr), wall, loadBefore, loadAverage(), peakKb.get(), cpuMillis.get());
    }

    /** Polls /proc/PID/status and /proc/PID/stat until the process is gone. */
    private static void sample(long pid, AtomicLong peakKb, AtomicLong cpuMillis) {
      Path status = Path.of("/proc", Long.toString(pid), "status");
      Path stat = Path.of("/proc", Long.toString(pid), "stat");
      while (!Thread.currentThread().isInterrupted()) {
        try {
          long hwm = MeasuredChild.ProcStatus.kb(Files.readAllLines(status), "VmHWM");
          peakKb.accumulateAndGet(hwm, Math::max);
          String[] fields = Files.readString(stat).substring(Files.readString(stat).lastIndexOf(')') + 2).split(" ");
          // utime and stime (fields 14 and 15 of stat, 12 and 13 after the command name), in clock ticks (100/s)
          cpuMillis.set((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10);
          Thread.sleep(SAMPLE_MS);
        } catch (IOException | RuntimeException e) {
          return; // gone
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private static String tail(Path file) throws IOException {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    long measured(String key) {
      String value = lines(MeasuredChild.PREFIX).get(key);
      if (value == null) {
        throw new IllegalStateException("The child printed no " + MeasuredChild.PREFIX + key);
      }
      return Long.parseLong(value);
    }

    long cpuMillis() {
      String reported = lines(MeasuredChild.PREFIX).get("cpu_ms");
      return reported != null ? Long.parseLong(reported) : sampledCpuMillis;
    }

    long peakKb() {
      String reported = lines(MeasuredChild.PREFIX).get("vmhwm_kb");
      return Math.max(sampledPeakKb, reported != null ? Long.parseLong(reported) : -1);
    }

    Map<String, String> lines(String prefix) {
      Map<String, String> values = new LinkedHashMap<>();
      for (String line : stdout) {
        int eq = line.indexOf('=');
        if (line.startsWith(prefix) && eq > 0) {
          values.put(line.substring(prefix.length(), eq), line.substring(eq + 1));
        }
      }
      return values;
    }

    /** The job's summary: the pretty-printed JSON object it prints on stdout. */
    String json() {
      int start = stdout.indexOf("{");
      int end = stdout.lastIndexOf("}");
      if (start < 0 || end < start) {
        throw new IllegalStateException("The job printed no summary JSON");
      }
      return String.join("\n", stdout.subList(start, end + 1));
    }
  }
}
