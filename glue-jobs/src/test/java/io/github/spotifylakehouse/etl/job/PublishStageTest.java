package io.github.spotifylakehouse.etl.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.spotifylakehouse.etl.TestSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class PublishStageTest {

  private final SparkSession spark = TestSpark.session();

  @Test
  void aSmallRunWritesAllItsTablesAtOnce() {
    assertThat(PublishStage.concurrentWrites(spark, 6, true)).isEqualTo(6);
    assertThat(PublishStage.concurrentWrites(spark, 1, true)).isEqualTo(1);
  }

  @Test
  void aLargerRunWritesAsManyTablesAtOnceAsTheClusterRunsTasksAtLeastTwo() {
    int parallelism = spark.sparkContext().defaultParallelism();
    assertThat(PublishStage.concurrentWrites(spark, 6, false)).isEqualTo(Math.min(6, Math.max(2, parallelism)));
    assertThat(PublishStage.concurrentWrites(spark, 1, false)).isEqualTo(1);
  }
}
