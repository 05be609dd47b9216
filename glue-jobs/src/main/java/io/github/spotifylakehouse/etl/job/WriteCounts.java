package io.github.spotifylakehouse.etl.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.github.spotifylakehouse.etl.io.Parallel;
import io.github.spotifylakehouse.lake.LakeTable;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;

/**
 * What one write of a table held, counted by the write itself: its rows pass through Spark's
 * {@link Dataset#observe observation}, which adds up the rows and collects the dates as the write runs, so the
 * table is computed once, by its write, and never again to be counted.
 *
 * @param rows rows written
 * @param dates the snapshot dates that have rows
 */
record WriteCounts(long rows, Set<LocalDate> dates) {

  /** How long to wait for the counts once the write has returned: they arrive with the write's end. */
  private static final long WAIT_SECONDS = 60;
  private static final String ROWS = "rows";
  private static final String DATES = "dates";

  /**
   * {@code rows} with an observation named {@code name} attached; the write must be run on
   * {@link Observed#rows()}, then {@link Observed#counts()} says what it held.
   */
  static Observed observe(Dataset<Row> rows, String name) {
    Observation observation = new Observation(name);
    Dataset<Row> observed = rows.observe(observation, count(lit(1)).as(ROWS),
        collect_set(col(LakeTable.PARTITION_COLUMN)).as(DATES));
    return new Observed(observed, observation, name);
  }

  /** The rows to write, and the observation that counts them. */
  record Observed(Dataset<Row> rows, Observation observation, String name) {

    /** The counts of the write that ran on {@link #rows()}; call only after it returned. */
    WriteCounts counts() {
      Map<String, Object> metrics;
      // Spark's wait has no limit, and the metrics reach it through the listener bus just after the write
      // returns: a thread of its own waits, so that a write that reported none fails here after a bounded wait
      // instead of hanging the run (or holding a shared pool's thread from the other writes)
      FutureTask<Map<String, Object>> wait = Parallel.start("observation-" + name, observation::getAsJava);
      try {
        metrics = wait.get(WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the counts of the write " + name, e);
      } catch (ExecutionException | TimeoutException e) {
        wait.cancel(true);
        throw new IllegalStateException("The write " + name + " reported no counts within " + WAIT_SECONDS + " s",
            e);
      }
      Set<LocalDate> dates = new TreeSet<>();
      for (Object date : scala.collection.JavaConverters.seqAsJavaList((scala.collection.Seq<?>) metrics.get(DATES))) {
        dates.add(LocalDate.parse(date.toString()));
      }
      return new WriteCounts(((Number) metrics.get(ROWS)).longValue(), Collections.unmodifiableSet(dates));
    }
  }
}
