package io.github.spotifylakehouse.workflow.cli;

import io.github.spotifylakehouse.workflow.PipelineStep;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code spotify-lakehouse}: the local twin of the AWS pipeline. {@code run} runs every step on a data
 * directory; {@code extract}, {@code transform}, {@code catalog} and {@code query} run one step each. The
 * subcommands are derived from {@link PipelineStep}, the order the Glue Workflow runs them in. {@code report}
 * draws the dashboard again from the catalog, without running the pipeline.
 *
 * <p>Exit codes: 0 success, 1 a step failed (the message names it), 2 bad usage.
 */
@Command(name = "spotify-lakehouse", mixinStandardHelpOptions = true,
    version = "spotify-lakehouse local runner",
    description = "Runs the spotify-lakehouse pipeline on this machine: Spotify (or a local emulator) ->"
        + " S3 (S3Proxy) -> Spark job -> local metastore -> analytics SQL.")
public final class SpotifyLakehouseCli implements Runnable {

  /** Name of the subcommand that runs every step. */
  public static final String RUN = "run";
  /** Name of the subcommand that draws the dashboard from the catalog. */
  public static final String REPORT = "report";

  @Spec
  CommandSpec spec;

  private SpotifyLakehouseCli() {
  }

  public static void main(String[] args) {
    System.exit(execute(args, System.getenv(), System.out, System.err));
  }

  /**
   * Runs the command line with the given environment and output streams (tests pass their own).
   *
   * @return the exit code
   */
  public static int execute(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
    return commandLine(environment, out, err).execute(args);
  }

  static CommandLine commandLine(Map<String, String> environment, PrintStream out, PrintStream err) {
    CommandLine root = new CommandLine(new SpotifyLakehouseCli());
    String all = Arrays.stream(PipelineStep.values()).map(PipelineStep::command)
        .collect(Collectors.joining(" -> "));
    root.addSubcommand(RUN, StepCommand.create(RUN, "Runs every step: " + all + ".",
        List.of(PipelineStep.values()), environment, out, err));
    for (PipelineStep step : PipelineStep.values()) {
      root.addSubcommand(step.command(), StepCommand.create(step.command(),
          "Runs the " + step.command() + " step alone: " + step.description() + ".", List.of(step),
          environment, out, err));
    }
    root.addSubcommand(REPORT, StepCommand.report(REPORT, "Draws the dashboard (<data-dir>/report/index.html)"
        + " again from the catalog that runs left, without running the pipeline: the analytics queries run once"
        + " more.", environment, out, err));
    root.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    root.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    return root;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: "
        + "run, or one step of " + Arrays.stream(PipelineStep.values()).map(PipelineStep::command)
        .collect(Collectors.joining(", ")) + ", or " + REPORT);
  }
}
