package io.github.spotifylakehouse.workflow.steps;

import io.github.spotifylakehouse.etl.job.EtlJob;
import io.github.spotifylakehouse.etl.job.JobArguments;
import io.github.spotifylakehouse.etl.job.JobSummary;
import io.github.spotifylakehouse.lake.JobParameters;
import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.RawLayout;
import io.github.spotifylakehouse.workflow.PipelineStep;
import io.github.spotifylakehouse.workflow.s3.S3Endpoint;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Transform: the Spark ETL job, in process on the local session, reading and writing the lake through
 * s3a, with the same arguments Glue passes it.
 */
final class TransformStep implements LocalStep {

  @Override
  public PipelineStep id() {
    return PipelineStep.TRANSFORM;
  }

  @Override
  public void run(StepContext context) {
    RunnerConfig config = context.config();
    S3Endpoint lake = context.lake();
    LocalDate runDate = context.extractedSnapshot()
        .or(config::snapshotDate)
        .orElseGet(() -> LocalDate.now(config.clock()));
    String[] args = {
        "--" + JobParameters.LAKE_ROOT, lake.lakeRoot(),
        "--" + JobParameters.RUN_DATE, runDate.toString(),
        "--" + JobParameters.FORMATS, String.join(",", config.formats())};
    JobArguments arguments = JobArguments.parse(args);
    context.console().detail("job arguments: %s", String.join(" ", args));
    var spark = context.spark();
    JobSummary summary;
    try (SparkProgress progress = SparkProgress.start(spark, context.console(), "transform")) {
      summary = EtlJob.run(spark, arguments);
      context.console().detail("%s", progress.describe());
    }
    Console console = context.console();
    console.detail("read %d raw files (%s, %d entries), rejected %d, skipped %d files%s",
        summary.filesRead(), Console.bytes(summary.bytesRead()), summary.entriesRead(), summary.filesRejected(),
        summary.filesSkipped(), summary.incompleteRuns().isEmpty() ? ""
            : " (" + summary.incompleteRuns().size() + " incomplete runs left for later)");
    if (!summary.skippedEntries().isEmpty()) {
      console.detail("entries that are not rows: %s", summary.skippedEntries().entrySet().stream()
          .map(e -> e.getValue() + " " + e.getKey().key()).collect(Collectors.joining(", ")));
    }
    console.detail("rows written: %s", Arrays.stream(LakeTable.values())
        .map(table -> table.tableName() + " " + summary.rows(table)).collect(Collectors.joining(", ")));
    console.detail("snapshot dates written: %s; %d raw files moved to %s", summary.datesWritten(),
        summary.filesMoved(), RawLayout.PROCESSED);
    console.detail("job phases: %s", summary.phaseMillis().entrySet().stream()
        .map(e -> e.getKey() + " " + Console.duration(Duration.ofMillis(e.getValue())))
        .collect(Collectors.joining(", ")));
    if (summary.summaryLocation() != null) {
      console.detail("job summary: %s", summary.summaryLocation());
    }
  }
}
