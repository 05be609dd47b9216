package io.github.spotifylakehouse.workflow.steps;

import io.github.spotifylakehouse.workflow.PipelineStep;

/**
 * How one {@link PipelineStep} runs on a laptop (its AWS counterpart is in the step's description); run by
 * {@link PipelineRunner} in {@link PipelineStep} order.
 */
interface LocalStep {

  PipelineStep id();

  /** Runs the step; any exception fails it (and the run) with the exception's message as the reason. */
  void run(StepContext context) throws Exception;

  /** Whether the step uses the Spark session (a step before it may then start the session ahead). */
  default boolean usesSpark() {
    return true;
  }
}
