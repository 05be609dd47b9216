package io.github.spotifylakehouse.etl.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.spotifylakehouse.etl.TestSpark;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class PlanExecutionTest {

  private final SparkSession spark = TestSpark.session();
  private final RuntimeConfig conf = spark.conf();

  @Test
  void aSmallRunInterpretsItsPlansAndGivesTheSessionBackAsItWas() {
    assertThat(conf.contains(PlanExecution.WHOLE_STAGE)).isFalse();
    try (PlanExecution execution = PlanExecution.choose(spark, 5_000_000)) {
      assertThat(execution.interpreted()).isTrue();
      assertThat(conf.get(PlanExecution.WHOLE_STAGE)).isEqualTo("false");
      assertThat(conf.get(PlanExecution.FACTORY_MODE)).isEqualTo("NO_CODEGEN");
      // a plan with a sort, an aggregate and a join still runs, interpreted
      long pairs = spark.range(1000).selectExpr("id % 7 AS k", "id AS v").groupBy("k").count()
          .join(spark.range(7).withColumnRenamed("id", "k"), "k").orderBy("k").count();
      assertThat(pairs).isEqualTo(7);
    }
    assertThat(conf.contains(PlanExecution.WHOLE_STAGE)).isFalse();
    assertThat(conf.contains(PlanExecution.FACTORY_MODE)).isFalse();
  }

  @Test
  void aLargeRunCompilesItsPlans() {
    long large = PlanExecution.INTERPRET_BELOW_BYTES;
    assertThat(PlanExecution.interprets(large - 1)).isTrue();
    assertThat(PlanExecution.interprets(large)).isFalse();
    try (PlanExecution execution = PlanExecution.choose(spark, large)) {
      assertThat(execution.interpreted()).isFalse();
      assertThat(conf.contains(PlanExecution.WHOLE_STAGE)).isFalse();
      assertThat(conf.contains(PlanExecution.FACTORY_MODE)).isFalse();
    }
  }

  @Test
  void aSessionThatSetsCodeGenerationItselfKeepsItsSetting() {
    conf.set(PlanExecution.WHOLE_STAGE, "true");
    try {
      try (PlanExecution execution = PlanExecution.choose(spark, 1)) {
        assertThat(execution.interpreted()).isFalse();
        assertThat(conf.get(PlanExecution.WHOLE_STAGE)).isEqualTo("true");
        assertThat(conf.contains(PlanExecution.FACTORY_MODE)).isFalse();
      }
      assertThat(conf.get(PlanExecution.WHOLE_STAGE)).isEqualTo("true");
    } finally {
      conf.unset(PlanExecution.WHOLE_STAGE);
    }
  }

  @Test
  void theJobsRunsExecuteWithoutAdaptiveExecutionUnlessTheSessionSetsIt() {
    assertThat(conf.contains(PlanExecution.ADAPTIVE)).isFalse();
    try (PlanExecution queries = PlanExecution.choose(spark, PlanExecution.INTERPRET_BELOW_BYTES)) {
      assertThat(conf.contains(PlanExecution.ADAPTIVE)).as("the analytics queries keep it").isFalse();
    }
    try (PlanExecution run = PlanExecution.forRun(spark, 5_000_000)) {
      assertThat(run.interpreted()).isTrue();
      assertThat(conf.get(PlanExecution.ADAPTIVE)).isEqualTo("false");
    }
    assertThat(conf.contains(PlanExecution.ADAPTIVE)).isFalse();
    assertThat(conf.contains(PlanExecution.WHOLE_STAGE)).isFalse();

    conf.set(PlanExecution.ADAPTIVE, "true");
    try {
      try (PlanExecution run = PlanExecution.forRun(spark, PlanExecution.INTERPRET_BELOW_BYTES)) {
        assertThat(conf.get(PlanExecution.ADAPTIVE)).isEqualTo("true");
      }
      assertThat(conf.get(PlanExecution.ADAPTIVE)).isEqualTo("true");
    } finally {
      conf.unset(PlanExecution.ADAPTIVE);
    }
  }
}
