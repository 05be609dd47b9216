package io.github.spotifylakehouse.workflow.cli;

import io.github.spotifylakehouse.workflow.PipelineStep;
import io.github.spotifylakehouse.workflow.steps.Console;
import io.github.spotifylakehouse.workflow.steps.PipelineRunner;
import io.github.spotifylakehouse.workflow.steps.RunnerConfig;
import io.github.spotifylakehouse.workflow.steps.StepFailedException;
import java.io.PrintStream;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A subcommand that runs some pipeline steps: {@code run} (all of them) or one step by its
 * {@link PipelineStep#command()} name; or {@code report}, which draws the dashboard from the catalog without
 * running a step. Takes the options of the steps it runs.
 */
@Command(mixinStandardHelpOptions = true, sortOptions = false)
final class StepCommand implements Callable<Integer> {

  /** Exit code of a failed step. */
  static final int STEP_FAILED = 1;
  /** Exit code of bad usage, as picocli's own. */
  static final int USAGE = 2;

  @Mixin
  CommonOptions common = new CommonOptions();

  private final List<PipelineStep> steps;
  private final boolean report;
  private final Map<String, String> environment;
  private final PrintStream out;
  private final PrintStream err;
  private final ExtractOptions extract;
  private final SnapshotOptions snapshot;
  private final TransformOptions transform;
  private final QueryOptions query;

  private StepCommand(List<PipelineStep> steps, boolean report, Map<String, String> environment, PrintStream out,
                      PrintStream err) {
    this.steps = List.copyOf(steps);
    this.report = report;
    this.environment = environment;
    this.out = out;
    this.err = err;
    this.extract = steps.contains(PipelineStep.EXTRACT) ? new ExtractOptions() : null;
    this.snapshot = steps.contains(PipelineStep.EXTRACT) || steps.contains(PipelineStep.TRANSFORM)
        ? new SnapshotOptions() : null;
    this.transform = steps.contains(PipelineStep.TRANSFORM) ? new TransformOptions() : null;
    this.query = steps.contains(PipelineStep.QUERY) ? new QueryOptions() : null;
  }

  /** The subcommand {@code name} running {@code steps}, with the options those steps take. */
  static CommandLine create(String name, String description, List<PipelineStep> steps,
                            Map<String, String> environment, PrintStream out, PrintStream err) {
    return create(new StepCommand(steps, false, environment, out, err), name, description);
  }

  /** The subcommand {@code name} that draws the dashboard from the catalog (common options only). */
  static CommandLine report(String name, String description, Map<String, String> environment, PrintStream out,
                            PrintStream err) {
    return create(new StepCommand(List.of(), true, environment, out, err), name, description);
  }

  private static CommandLine create(StepCommand command, String name, String description) {
    CommandLine line = new CommandLine(command);
    line.getCommandSpec().name(name);
    line.getCommandSpec().usageMessage().description(description);
    if (command.extract != null) {
      line.addMixin("extract", command.extract);
    }
    if (command.snapshot != null) {
      line.addMixin("snapshot", command.snapshot);
    }
    if (command.transform != null) {
      line.addMixin("transform", command.transform);
    }
    if (command.query != null) {
      line.addMixin("query", command.query);
    }
    return line;
  }

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    RunnerConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      // a combination of options that cannot work: a usage error, before anything starts
      err.println("spotify-lakehouse: " + e.getMessage() + " (see " + spec.qualifiedName() + " --help)");
      err.flush();
      return USAGE;
    }
    Console console = new Console(out);
    try {
      PipelineRunner runner = new PipelineRunner(config, console);
      if (report) {
        runner.report();
      } else {
        runner.run(steps);
      }
      return 0;
    } catch (StepFailedException e) {
      // on stdout, in order with the run's narrative; stderr keeps only the stack trace
      console.line("spotify-lakehouse: FAILED: %s", e.getMessage());
      if (common.verbose) {
        e.printStackTrace(err);
        err.flush();
      } else {
        console.line("(--verbose prints the stack trace)");
      }
      return STEP_FAILED;
    }
  }

  /** The runner's configuration: options first, then environment variables, then defaults. */
  RunnerConfig config() {
    RunnerConfig.Builder builder = RunnerConfig.builder(common.dataDir)
        .bucket(common.bucket)
        .s3Region(Optional.ofNullable(common.s3Region)
            .or(() -> Optional.ofNullable(environment.get("AWS_REGION")))
            .orElse(RunnerConfig.DEFAULT_REGION))
        .sparkMaster(common.sparkMaster)
        .verbose(common.verbose)
        .environment(environment);
    if (common.s3Endpoint != null) {
      URI endpoint = common.s3Endpoint;
      builder.s3Endpoint(endpoint,
          Optional.ofNullable(common.s3AccessKey).orElse(environment.get("AWS_ACCESS_KEY_ID")),
          Optional.ofNullable(common.s3SecretKey).orElse(environment.get("AWS_SECRET_ACCESS_KEY")));
    }
    if (extract != null) {
      builder.source(extract.source).seed(extract.seed).extractorTimeout(extract.extractorTimeout);
      if (extract.playlistSizes != null) {
        builder.playlistSizes(extract.playlistSizes);
      }
      if (extract.extractorJar != null) {
        builder.extractorJar(extract.extractorJar);
      }
    }
    if (snapshot != null && snapshot.snapshotDate != null) {
      builder.snapshotDate(snapshot.snapshotDate);
    }
    if (transform != null) {
      builder.formats(transform.formats);
    }
    if (query != null) {
      builder.queries(new LinkedHashSet<>(query.queries));
    }
    return builder.build();
  }
}
