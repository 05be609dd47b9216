package io.github.spotifylakehouse.etl.bench;

import io.github.spotifylakehouse.etl.job.EtlJob;
import io.github.spotifylakehouse.etl.job.JobArguments;
import io.github.spotifylakehouse.etl.job.JobSummary;
import io.github.spotifylakehouse.etl.job.SpotifyEtlJob;
import io.github.spotifylakehouse.testkit.CommandLine;
import java.nio.file.Path;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The job run several times in one JVM and one Spark session, each run on a fresh lake of the same raw files: the
 * first run pays for the cold JVM (class loading, interpreted and freshly compiled code, Spark's generated classes),
 * the later ones show what the same work costs once the JVM is warm. {@link EngineComparison} starts it with
 * {@code --warm N} in a JVM set up as its job runs are, and reports the runs beside DuckDB's.
 *
 * <pre>
 * java ... MeasuredChild ...WarmRuns --data DIR --work DIR --runs 3 --formats csv --run-date 2026-11-21
 * warm.run_1_ms=20507
 * warm.run_2_ms=11215
 * ...
 * </pre>
 */
public final class WarmRuns {

  static final String PREFIX = "warm.";

  private WarmRuns() {
  }

  public static void main(String[] args) throws Exception {
    CommandLine options = new CommandLine("warm-runs", Set.of("data", "work", "runs", "formats", "run-date"), args);
    String dataDir = options.text("data", null);
    String workDir = options.text("work", null);
    if (dataDir == null || workDir == null) {
      throw new IllegalArgumentException("warm-runs: --data and --work are required");
    }
    Path data = Path.of(dataDir);
    Path work = Path.of(workDir);
    int runs = (int) options.number("runs", 3);
    SparkSession spark = SpotifyEtlJob.createSession(new SparkConf());
    try {
      for (int i = 1; i <= runs; i++) {
        Path lake = work.resolve("warm-lake");
        EtlBenchmark.prepare(data, lake);
        long start = System.nanoTime();
        JobSummary summary = EtlJob.run(spark, JobArguments.parse("--lake-root", lake.toString(),
            "--formats", options.text("formats", "csv"), "--run-date", options.text("run-date", null)));
        System.out.println(PREFIX + "run_" + i + "_ms=" + (System.nanoTime() - start) / 1_000_000);
        System.out.println(PREFIX + "run_" + i + "_phases=" + summary.phaseMillis());
      }
    } finally {
      spark.stop();
    }
  }
}
