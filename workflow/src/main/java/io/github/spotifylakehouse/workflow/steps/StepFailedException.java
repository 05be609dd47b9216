package io.github.spotifylakehouse.workflow.steps;

import io.github.spotifylakehouse.workflow.PipelineStep;
import java.util.Objects;

/** A pipeline step failed; the message names the step and says why. */
public final class StepFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient PipelineStep step;

  StepFailedException(PipelineStep step, String reason, Throwable cause) {
    super("Step '" + step.command() + "' failed: " + reason, cause);
    this.step = Objects.requireNonNull(step, "step");
  }

  /** The step that failed. */
  public PipelineStep step() {
    return step;
  }
}
