package io.github.spotifylakehouse.workflow.steps;

import io.github.spotifylakehouse.workflow.PipelineStep;
import java.time.Duration;
import java.util.List;

/**
 * What an invocation did: each step that completed with its wall time.
 *
 * @param steps completed steps, in order
 * @param total wall time of the whole invocation, start-up and shutdown included
 */
public record RunReport(List<StepTime> steps, Duration total) {

  public RunReport {
    steps = List.copyOf(steps);
  }

  /**
   * One step's wall time.
   *
   * @param step the step
   * @param duration its wall time, resources it started included
   */
  public record StepTime(PipelineStep step, Duration duration) {
  }
}
