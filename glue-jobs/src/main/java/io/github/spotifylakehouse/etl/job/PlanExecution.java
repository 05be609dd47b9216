package io.github.spotifylakehouse.etl.job;

import java.util.Map;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a run's Spark plans execute: compiled to Java (whole-stage code generation, Spark's default) or
 * interpreted. Compiling is a cost per run, whatever its size: a local run of 5 MB compiled 183 generated
 * classes for its six tables and two formats, 5.9 s of compile time on two cores. It pays for itself only with
 * rows enough to run through the compiled code: on 825 MB of raw JSON, interpreted plans took 2.3 times as long.
 * So a run that reads less than {@link #INTERPRET_BELOW_BYTES} (the daily run of a person's playlists is a few
 * megabytes) interprets its plans, and a larger one compiles them. A session that sets
 * {@code spark.sql.codegen.wholeStage} itself is left as it is; the run's choice is undone when it ends, so a
 * long-lived session (the local runner's) keeps its own settings. The local runner's query step makes the same
 * choice for the analytics queries, by the size of the lake's tables.
 */
public final class PlanExecution implements AutoCloseable {

  /** Bytes to read (the job: raw JSON) below which plans are interpreted. */
  public static final long INTERPRET_BELOW_BYTES = 64L << 20;
  /** Spark's switch for whole-stage code generation. */
  static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
  /** Spark's choice between generated and interpreted projections, predicates and orderings. */
  static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";

  private static final Logger LOG = LoggerFactory.getLogger(PlanExecution.class);
  private static final Map<String, String> INTERPRETED = Map.of(WHOLE_STAGE, "false", FACTORY_MODE, "NO_CODEGEN");

  private final RuntimeConfig conf;
  private final boolean interpreted;

  private PlanExecution(RuntimeConfig conf, boolean interpreted) {
    this.conf = conf;
    this.interpreted = interpreted;
  }

  /** Whether a run reading {@code bytesToRead} interprets its plans, when its session leaves that to the run. */
  public static boolean interprets(long bytesToRead) {
    return bytesToRead < INTERPRET_BELOW_BYTES;
  }

  /** Sets {@code spark} up for a run reading {@code bytesToRead}; {@link #close()} undoes it. */
  public static PlanExecution choose(SparkSession spark, long bytesToRead) {
    RuntimeConfig conf = spark.conf();
    if (conf.contains(WHOLE_STAGE) || conf.contains(FACTORY_MODE)) {
      LOG.info("Plans run as the session sets them ({}={})", WHOLE_STAGE, conf.get(WHOLE_STAGE, "true"));
      return new PlanExecution(conf, false);
    }
    if (!interprets(bytesToRead)) {
      return new PlanExecution(conf, false);
    }
    LOG.info("{} bytes to read, under {}: plans are interpreted, not compiled", bytesToRead, INTERPRET_BELOW_BYTES);
    INTERPRETED.forEach(conf::set);
    return new PlanExecution(conf, true);
  }

  /** Whether this run's plans are interpreted. */
  public boolean interpreted() {
    return interpreted;
  }

  /** Gives the session back as it was before {@link #choose}. */
  @Override
  public void close() {
    if (interpreted) {
      INTERPRETED.keySet().forEach(conf::unset);
    }
  }
}
