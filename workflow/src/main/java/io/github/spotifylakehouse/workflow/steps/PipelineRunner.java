package io.github.spotifylakehouse.workflow.steps;

import io.github.spotifylakehouse.workflow.PipelineStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Runs pipeline steps on a data directory, in {@link PipelineStep} order (the order the Glue Workflow
 * chains them in AWS). Each step reports what it does; the first failure stops the run with a
 * {@link StepFailedException} naming the step. Servers, child processes and the Spark session are shut
 * down at the end whatever happened, and on Ctrl-C.
 */
public final class PipelineRunner {

  /** How to get a catalog: the README's main command, or this tool's run. */
  static final String RUN_FIRST = "run the pipeline first (mvn -B -ntp -q -Plocal-run -DskipTests verify, or the run"
      + " command)";

  private final RunnerConfig config;
  private final Console console;
  private final Map<PipelineStep, LocalStep> steps = new EnumMap<>(PipelineStep.class);

  public PipelineRunner(RunnerConfig config, Console console) {
    this.config = Objects.requireNonNull(config, "config");
    this.console = Objects.requireNonNull(console, "console");
    for (LocalStep step : List.of(new ExtractStep(), new TransformStep(), new CatalogStep(), new QueryStep())) {
      steps.put(step.id(), step);
    }
  }

  /** Runs every step. */
  public RunReport runAll() {
    return run(List.of(PipelineStep.values()));
  }

  /**
   * Runs the given steps in pipeline order.
   *
   * @throws StepFailedException when a step fails; the steps after it do not run
   */
  public RunReport run(List<PipelineStep> requested) {
    List<PipelineStep> ordered = new ArrayList<>(new TreeSet<>(requested));
    return execute(ordered.stream().map(PipelineStep::command).collect(Collectors.joining(" -> ")),
        ordered.stream().map(steps::get).toList());
  }

  /**
   * Draws the dashboard again from the catalog that runs left in the data directory, without running the
   * pipeline: the analytics queries run once more, one line each.
   *
   * @throws StepFailedException when there is no catalog yet, or a query fails
   */
  public RunReport report() {
    if (!Files.isDirectory(config.metastoreDir())) {
      throw new StepFailedException(PipelineStep.QUERY, "there is no catalog in " + config.dataDir()
          + " to draw the dashboard from: " + RUN_FIRST, null);
    }
    return execute("report (the dashboard, from the catalog)", List.of(new QueryStep(false)));
  }

  private RunReport execute(String what, List<LocalStep> toRun) {
    List<PipelineStep> ordered = toRun.stream().map(LocalStep::id).toList();
    long start = System.nanoTime();
    console.line("spotify-lakehouse: %s on %s", what, config.dataDir());
    List<RunReport.StepTime> times = new ArrayList<>();
    Path dashboard = null;
    try (DataDirLock lock = DataDirLock.acquire(config.dataDir());
         StepContext context = new StepContext(config, console)) {
      Thread hook = new Thread(context::close, "spotify-lakehouse-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        for (int i = 0; i < toRun.size(); i++) {
          context.sparkLater(toRun.subList(i + 1, toRun.size()).stream().anyMatch(LocalStep::usesSpark));
          times.add(runStep(context, toRun.get(i), i + 1, toRun.size()));
        }
        context.succeeded();
        dashboard = context.dashboard().orElse(null);
      } finally {
        removeHook(hook);
      }
    } catch (StepFailedException e) {
      throw e;
    } catch (Exception e) {
      // lock or shutdown trouble: blame the last step that ran, or the first one asked for
      PipelineStep blamed = times.isEmpty() ? ordered.get(0) : times.get(times.size() - 1).step();
      throw new StepFailedException(blamed, reason(e), e);
    }
    Duration total = Duration.ofNanos(System.nanoTime() - start);
    console.line("done in %s: %s", Console.duration(total), times.stream()
        .map(t -> t.step().command() + " " + Console.duration(t.duration()))
        .collect(Collectors.joining(", ")));
    if (dashboard != null) {
      console.line("dashboard: %s", dashboard);
    }
    return new RunReport(times, total);
  }

  private RunReport.StepTime runStep(StepContext context, LocalStep step, int number, int count) {
    PipelineStep id = step.id();
    console.line("[%d/%d] %s: %s", number, count, id.command(), id.description());
    long start = System.nanoTime();
    try {
      step.run(context);
    } catch (Exception | LinkageError e) {
      console.line("[%d/%d] %s FAILED after %s", number, count, id.command(),
          Console.duration(Duration.ofNanos(System.nanoTime() - start)));
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw e instanceof StepFailedException failed ? failed : new StepFailedException(id, reason(e), e);
    }
    Duration duration = Duration.ofNanos(System.nanoTime() - start);
    console.line("[%d/%d] %s done in %s", number, count, id.command(), Console.duration(duration));
    return new RunReport.StepTime(id, duration);
  }

  /** The first line of the message (Spark appends query plans), or the exception's type. */
  static String reason(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName() + (e.getCause() != null ? ": " + reason(e.getCause()) : "");
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already exiting: the hook runs and closes the context
    }
  }
}
