package io.github.spotifylakehouse.lake;

import java.util.Locale;

/**
 * How an ETL run ended. The job writes its summary under the outcome's prefix, so that the outcome is
 * visible from the object key alone: on AWS an EventBridge rule on "Object Created" events under
 * {@link #SUCCEEDED_WITH_REJECTED_FILES}'s prefix alerts a person, with no SDK call from the job.
 *
 * <pre>
 * transformed_data/_job_runs/succeeded/20261121T060012Z-1a2b3c4d.json
 * transformed_data/_job_runs/succeeded_with_rejected_files/...json
 * transformed_data/_job_runs/failed/...json
 * </pre>
 */
public enum JobOutcome {

  /** Every file read was used (or there was nothing new). Exit status 0. */
  SUCCEEDED(0),
  /** Tables written, but some raw files were quarantined in {@code rejected/}. Exit status 0, alerted. */
  SUCCEEDED_WITH_REJECTED_FILES(0),
  /** Nothing written and nothing moved: the run's new files were all unusable, or a processed file broke. */
  FAILED(1);

  /** Parent of every outcome's summaries ({@link LakeTable#SUMMARY_PREFIX}). */
  public static final String SUMMARY_ROOT = LakeTable.SUMMARY_PREFIX;

  private final int exitStatus;

  JobOutcome(int exitStatus) {
    this.exitStatus = exitStatus;
  }

  /** The process exit status of a job that ended so. */
  public int exitStatus() {
    return exitStatus;
  }

  /** Lower-case name as it appears in keys, summaries and logs, e.g. {@code succeeded_with_rejected_files}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Key prefix of this outcome's summaries, relative to the lake root. */
  public String summaryPrefix() {
    return SUMMARY_ROOT + label() + "/";
  }
}
