package io.github.spotifylakehouse.etl.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
 *
 * <p>The job's own runs ({@link #forRun}) also execute without adaptive query execution unless the session sets
 * it: every join of the job is an explicit broadcast and every shuffle is sized by the job, so there is nothing to
 * adapt, and adaptive execution re-plans at every stage and hides from a checkpoint how its rows are partitioned
 * (which {@link BuildStage.SongVersions} relies on to write four tables without a shuffle). The analytics queries
 * keep it: their joins are planned from the tables' real sizes only by adaptive execution.
 */
public final class PlanExecution implements AutoCloseable {

  /** Bytes to read (the job: raw JSON) below which plans are interpreted. */
  public static final long INTERPRET_BELOW_BYTES = 64L << 20;
  /** Spark's switch for whole-stage code generation. */
  static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
  /** Spark's choice between generated and interpreted projections, predicates and orderings. */
  static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";
  /** Spark's switch for adaptive query execution. */
  static final String ADAPTIVE = "spark.sql.adaptive.enabled";

  private static final Logger LOG = LoggerFactory.getLogger(PlanExecution.class);
  private static final Map<String, String> INTERPRETED = Map.of(WHOLE_STAGE, "false", FACTORY_MODE, "NO_CODEGEN");

  private final RuntimeConfig conf;
  private final Set<String> set;
  private final boolean interpreted;

  private PlanExecution(RuntimeConfig conf, Map<String, String> settings, boolean interpreted) {
    this.conf = conf;
    this.set = Set.copyOf(settings.keySet());
    this.interpreted = interpreted;
    settings.forEach(conf::set);
  }

  /** Whether a run reading {@code bytesToRead} interprets its plans, when its session leaves that to the run. */
  public static boolean interprets(long bytesToRead) {
    return bytesToRead < INTERPRET_BELOW_BYTES;
  }

  /** Sets {@code spark} up for queries reading {@code bytesToRead}; {@link #close()} undoes it. */
  public static PlanExecution choose(SparkSession spark, long bytesToRead) {
    return choose(spark, bytesToRead, new LinkedHashMap<>());
  }

  /**
   * {@link #choose} for a run of the job: adaptive query execution off as well, unless the session sets it.
   */
  static PlanExecution forRun(SparkSession spark, long bytesToRead) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (!spark.conf().contains(ADAPTIVE)) {
      LOG.info("{} unset: off for the run", ADAPTIVE);
      settings.put(ADAPTIVE, "false");
    }
    return choose(spark, bytesToRead, settings);
  }

  private static PlanExecution choose(SparkSession spark, long bytesToRead, Map<String, String> settings) {
    RuntimeConfig conf = spark.conf();
    if (conf.contains(WHOLE_STAGE) || conf.contains(FACTORY_MODE)) {
      LOG.info("Plans run as the session sets them ({}={})", WHOLE_STAGE, conf.get(WHOLE_STAGE, "true"));
      return new PlanExecution(conf, settings, false);
    }
    if (!interprets(bytesToRead)) {
      return new PlanExecution(conf, settings, false);
    }
    LOG.info("{} bytes to read, under {}: plans are interpreted, not compiled", bytesToRead, INTERPRET_BELOW_BYTES);
    settings.putAll(INTERPRETED);
    return new PlanExecution(conf, settings, true);
  }

  /** Whether this run's plans are interpreted. */
  public boolean interpreted() {
    return interpreted;
  }

  /** Gives the session back as it was before {@link #choose} or {@link #forRun}: unsets what they set. */
  @Override
  public void close() {
    set.forEach(conf::unset);
  }
}
