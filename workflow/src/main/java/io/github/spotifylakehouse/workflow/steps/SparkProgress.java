package io.github.spotifylakehouse.workflow.steps;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Progress of a long Spark step: every few seconds, one line with the elapsed time and the Spark jobs and
 * tasks done so far, so a quiet console never looks stuck.
 */
final class SparkProgress implements AutoCloseable {

  static final Duration INTERVAL = Duration.ofSeconds(5);

  private final SparkSession spark;
  private final Listener listener = new Listener();
  private final ScheduledExecutorService timer;
  private final long start = System.nanoTime();

  private SparkProgress(SparkSession spark, Console console, String label) {
    this.spark = spark;
    spark.sparkContext().addSparkListener(listener);
    this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "progress-" + label);
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleAtFixedRate(() -> console.detail("... %s: %s, %s", label,
        Console.duration(Duration.ofNanos(System.nanoTime() - start)), listener.describe()),
        INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts reporting until closed. */
  static SparkProgress start(SparkSession spark, Console console, String label) {
    return new SparkProgress(spark, console, label);
  }

  /** Spark jobs and tasks finished so far. */
  String describe() {
    return listener.describe();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    spark.sparkContext().removeSparkListener(listener);
  }

  private static final class Listener extends SparkListener {
    private final AtomicInteger jobsStarted = new AtomicInteger();
    private final AtomicInteger jobsDone = new AtomicInteger();
    private final AtomicInteger tasksDone = new AtomicInteger();

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
      jobsStarted.incrementAndGet();
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd jobEnd) {
      jobsDone.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      tasksDone.incrementAndGet();
    }

    String describe() {
      int done = jobsDone.get();
      int running = Math.max(0, jobsStarted.get() - done);
      return done + " Spark jobs done" + (running > 0 ? ", " + running + " running" : "") + ", "
          + tasksDone.get() + " tasks";
    }
  }
}
