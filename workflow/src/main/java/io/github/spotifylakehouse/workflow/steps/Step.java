package io.github.spotifylakehouse.workflow.steps;

import io.github.spotifylakehouse.workflow.PipelineStep;

/** One step of the pipeline, run by {@link PipelineRunner} in {@link PipelineStep} order. */
interface Step {

  PipelineStep id();

  /** Runs the step; any exception fails it (and the run) with the exception's message as the reason. */
  void run(StepContext context) throws Exception;
}
