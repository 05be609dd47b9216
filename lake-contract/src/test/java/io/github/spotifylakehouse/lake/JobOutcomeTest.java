package io.github.spotifylakehouse.lake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobOutcomeTest {

  @Test
  void summaryKeysSayTheOutcome() {
    // the stack alerts on objects created under this prefix: the key layout is the signal
    assertThat(JobOutcome.SUCCEEDED_WITH_REJECTED_FILES.summaryPrefix())
        .isEqualTo("transformed_data/_job_runs/succeeded_with_rejected_files/");
    assertThat(JobOutcome.SUCCEEDED.summaryPrefix()).isEqualTo("transformed_data/_job_runs/succeeded/");
    assertThat(JobOutcome.FAILED.summaryPrefix()).isEqualTo("transformed_data/_job_runs/failed/");
    assertThat(JobOutcome.SUMMARY_ROOT).isEqualTo(LakeTable.SUMMARY_PREFIX);
  }

  @Test
  void onlyFailedExitsNonZero() {
    assertThat(JobOutcome.SUCCEEDED.exitStatus()).isZero();
    assertThat(JobOutcome.SUCCEEDED_WITH_REJECTED_FILES.exitStatus()).isZero();
    assertThat(JobOutcome.FAILED.exitStatus()).isEqualTo(1);
  }
}
