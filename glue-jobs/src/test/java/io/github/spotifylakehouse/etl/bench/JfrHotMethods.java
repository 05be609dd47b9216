package io.github.spotifylakehouse.etl.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a flight recording's CPU samples fall: the hottest methods (top frame, "self") and the frames  activity
 * each sample was in (JSON parsing, sorting, CSV writing, class loading...: the innermost recognized frame), overall and per time window (the job's
 * phases), plus sampled threads, GC pauses and JIT compilation time. JDK 17's {@code jfr} tool has no
 * {@code view hot-methods} (that came with JDK 21); this is that view, per phase.
 *
 * <pre>
 * java ... JfrHotMethods FILE.jfr [top]
 * </pre>
 */
public final class JfrHotMethods {

  /**
   * What a sample was doing: the innermost frame (top of the stack first) that matches one of these decides.
   * Ordered so that, e.g., a String method under the CSV writer counts as CSV writing.
   */
  private static final List<Map.Entry<String, List<String>>> ACTIVITIES = List.of(
      Map.entry("class loading", List.of("java.util.zip.", "java.util.jar.", "jdk.internal.loader.",
          "java.lang.ClassLoader.", "java.net.URLClassLoader.")),
      Map.entry("codegen compile", List.of("org.codehaus.janino.", "org.codehaus.commons.",
          "org.apache.spark.sql.catalyst.expressions.codegen.CodeGenerator")),
      Map.entry("JSON parse", List.of("com.fasterxml.jackson.core.", "io.github.spotifylakehouse.etl.schema.")),
      Map.entry("raw file read", List.of("io.github.spotifylakehouse.etl.io.RawFileReader", "org.apache.hadoop.fs.")),
      Map.entry("rows in (encode)", List.of("org.apache.spark.sql.catalyst.CatalystTypeConverters",
          "org.apache.spark.sql.catalyst.encoders.", "io.github.spotifylakehouse.etl.transform.ParseRawFiles",
          "org.apache.spark.sql.catalyst.expressions.GenericRow")),
      Map.entry("CSV write", List.of("com.univocity.", "org.apache.spark.sql.catalyst.csv.",
          "org.apache.spark.sql.execution.datasources.csv.")),
      Map.entry("Parquet write", List.of("org.apache.parquet.", "org.apache.spark.sql.execution.datasources.parquet.")),
      Map.entry("sort", List.of("org.apache.spark.util.collection.unsafe.sort.",
          "org.apache.spark.sql.execution.UnsafeExternalRowSorter", "org.apache.spark.sql.execution.SortExec")),
      Map.entry("hash aggregate", List.of("org.apache.spark.sql.execution.UnsafeFixedWidthAggregationMap",
          "org.apache.spark.sql.execution.aggregate.", "org.apache.spark.unsafe.map.")),
      Map.entry("shuffle", List.of("org.apache.spark.shuffle.", "org.apache.spark.storage.DiskBlockObjectWriter",
          "org.apache.spark.storage.ShuffleBlockFetcherIterator")),
      Map.entry("block store, size estimation", List.of("org.apache.spark.util.SizeEstimator",
          "org.apache.spark.util.collection.SizeTracker", "org.apache.spark.storage.memory.",
          "org.apache.spark.storage.BlockManager")),
      Map.entry("serialization", List.of("org.apache.spark.serializer.", "com.esotericsoftware.")),
      Map.entry("generated code (joins, projections)", List.of(
          "org.apache.spark.sql.catalyst.expressions.GeneratedClass", "org.apache.spark.sql.execution.joins.",
          "org.apache.spark.sql.catalyst.expressions.Unsafe", "org.apache.spark.sql.catalyst.expressions.codegen.")),
      Map.entry("query planning", List.of("org.apache.spark.sql.catalyst.analysis.",
          "org.apache.spark.sql.catalyst.optimizer.", "org.apache.spark.sql.catalyst.rules.",
          "org.apache.spark.sql.catalyst.trees.", "org.apache.spark.sql.catalyst.plans.",
          "org.apache.spark.sql.execution.QueryExecution", "org.apache.spark.sql.execution.SparkStrategies",
          "org.apache.spark.sql.execution.adaptive.", "org.apache.spark.sql.execution.CacheManager")),
      Map.entry("Spark operators (other)", List.of("org.apache.spark.sql.catalyst.", "org.apache.spark.sql.execution.")),
      Map.entry("Spark scheduling, RPC", List.of("org.apache.spark.scheduler.", "org.apache.spark.rpc.",
          "org.apache.spark.SparkContext", "io.netty.")));

  private JfrHotMethods() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      throw new IllegalArgumentException("JfrHotMethods: give a .jfr file");
    }
    System.out.println(summarize(Path.of(args[0]), Map.of(), args.length > 1 ? Integer.parseInt(args[1]) : 15));
  }

  /**
   * The summary of {@code recording}.
   *
   * @param windows named wall-clock windows {start, end} in epoch milliseconds (e.g. the job's phases), in order
   */
  static String summarize(Path recording, Map<String, long[]> windows, int top) throws IOException {
    Tally all = new Tally();
    Map<String, Tally> byWindow = new LinkedHashMap<>();
    windows.keySet().forEach(name -> byWindow.put(name, new Tally()));
    Map<String, Integer> threads = new HashMap<>();
    Map<String, Integer> nativeTop = new HashMap<>();
    Duration gcPause = Duration.ZERO;
    int gcs = 0;
    Duration compile = Duration.ZERO;
    int compilations = 0;
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        RecordedEvent event = file.readEvent();
        switch (event.getEventType().getName()) {
          case "jdk.ExecutionSample" -> {
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
              continue;
            }
            all.add(stack);
            long at = event.getStartTime().toEpochMilli();
            for (Map.Entry<String, long[]> window : windows.entrySet()) {
              if (at >= window.getValue()[0] && at < window.getValue()[1]) {
                byWindow.get(window.getKey()).add(stack);
              }
            }
            threads.merge(threadGroup(event.getThread("sampledThread")), 1, Integer::sum);
          }
          case "jdk.NativeMethodSample" -> {
            RecordedStackTrace stack = event.getStackTrace();
            if (stack != null && !stack.getFrames().isEmpty()) {
              nativeTop.merge(name(stack.getFrames().get(0).getMethod()), 1, Integer::sum);
            }
          }
          case "jdk.GarbageCollection" -> {
            gcs++;
            gcPause = gcPause.plus(event.getDuration("sumOfPauses"));
          }
          case "jdk.Compilation" -> {
            compilations++;
            compile = compile.plus(event.getDuration());
          }
          default -> {
          }
        }
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "profile    %s: %,d CPU samples (Java code only, about one per 10-20 ms per "
        + "running thread); GC %d collections, %,d ms of pauses; JIT %,d compilations, %,d ms%n",
        recording.getFileName(), all.samples, gcs, gcPause.toMillis(), compilations, compile.toMillis()));
    out.append("threads    ").append(top(threads, 6, all.samples)).append('\n');
    out.append(all.render("overall", top));
    for (Map.Entry<String, Tally> window : byWindow.entrySet()) {
      long[] w = windows.get(window.getKey());
      out.append(window.getValue().render(window.getKey() + " (" + (w[1] - w[0]) + " ms)", Math.max(5, top / 2)));
    }
    if (!nativeTop.isEmpty()) {
      out.append("native     ").append(top(nativeTop, 6, nativeTop.values().stream().mapToInt(i -> i).sum()))
          .append('\n');
    }
    return out.toString();
  }

  /** Samples of one window: by top frame, and by every non-generic frame on the stack. */
  private static final class Tally {
    final Map<String, Integer> self = new HashMap<>();
    final Map<String, Integer> activity = new HashMap<>();
    int samples;

    void add(RecordedStackTrace stack) {
      samples++;
      List<RecordedFrame> frames = stack.getFrames();
      self.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
      activity.merge(activity(frames), 1, Integer::sum);
    }

    String render(String title, int top) {
      if (samples == 0) {
        return String.format(Locale.ROOT, "%-10s no samples%n", title);
      }
      return String.format(Locale.ROOT, "-- %s: %,d samples%n   doing: %s%n   self:  %s%n", title, samples,
          JfrHotMethods.top(activity, 8, samples),
          JfrHotMethods.top(self, top, samples).replace(", ", "\n          "));
    }
  }

  private static String activity(List<RecordedFrame> frames) {
    for (RecordedFrame frame : frames) {
      String method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
      for (Map.Entry<String, List<String>> activity : ACTIVITIES) {
        if (activity.getValue().stream().anyMatch(method::startsWith)) {
          return activity.getKey();
        }
      }
    }
    return "other (" + name(frames.get(0).getMethod()) + ")";
  }

  private static String top(Map<String, Integer> counts, int n, int of) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(n)
        .map(e -> String.format(Locale.ROOT, "%4.1f%% %s", 100.0 * e.getValue() / of, e.getKey()))
        .collect(Collectors.joining(", "));
  }

  private static String name(RecordedMethod method) {
    String type = method.getType().getName();
    return type.substring(type.lastIndexOf('.', type.lastIndexOf('.') - 1) + 1) + "." + method.getName();
  }

  /** Thread names without their numbers: "Executor task launch worker for task 3.0 in stage 7.0" -> one group. */
  private static String threadGroup(RecordedThread thread) {
    if (thread == null || thread.getJavaName() == null) {
      return "?";
    }
    String name = thread.getJavaName();
    if (name.startsWith("Executor task launch worker")) {
      return "executor tasks";
    }
    return name.replaceAll("[0-9]+", "N");
  }
}
