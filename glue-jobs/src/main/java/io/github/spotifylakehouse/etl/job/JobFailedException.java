package io.github.spotifylakehouse.etl.job;

import io.github.spotifylakehouse.lake.JobOutcome;

/**
 * Thrown by {@link EtlJob#run} for a run that ended {@link JobOutcome#FAILED}, after its summary was written:
 * on Glue an exception out of {@code main} is what marks the run FAILED, and the local runner stops there too.
 */
public final class JobFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient JobSummary summary;

  JobFailedException(JobSummary summary) {
    super("Spotify ETL run failed: " + summary.failure() + " (summary " + summary.summaryLocation() + ")");
    this.summary = summary;
  }

  /** The failed run's summary, as written under {@link JobOutcome#FAILED}'s prefix. */
  public JobSummary summary() {
    return summary;
  }
}
