package io.github.spotifylakehouse.etl.job;

import io.github.spotifylakehouse.etl.io.LakeFileSystem;
import io.github.spotifylakehouse.etl.io.RawInventory;
import io.github.spotifylakehouse.lake.RawLayout;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stage 1: list the raw prefixes once and decide which dates to compute and which files to read and consume. */
final class PlanStage {

  private static final Logger LOG = LoggerFactory.getLogger(PlanStage.class);

  private PlanStage() {
  }

  /**
   * What the listing found and what the run will do with it.
   *
   * @param inventory the dates, files to read and consume, incomplete runs and unrecognized files
   * @param millis how long the listing took
   */
  record Planned(RawInventory inventory, long millis) {
  }

  static Planned run(LakeFileSystem lake, LocalDate runDate) {
    long start = System.nanoTime();
    RawInventory inventory = RawInventory.scan(lake, runDate);
    long millis = EtlJob.millisSince(start);
    LOG.info("Listed raw files in {} ms: {} to read ({} bytes) for dates {}, {} to consume, {} incomplete runs left "
            + "alone, {} unrecognized files", millis, inventory.toRead().size(), inventory.bytesToRead(),
        inventory.dates(), inventory.toConsume().size() + inventory.manifestsToConsume().size(),
        inventory.incompleteRuns().size(), inventory.unrecognized().size());
    for (String run : inventory.incompleteRuns()) {
      LOG.warn("Incomplete run left alone (no {}): {}", RawLayout.MANIFEST_FILE, run);
    }
    for (String file : inventory.unrecognized()) {
      LOG.warn("Unrecognized raw file left alone: {}", file);
    }
    return new Planned(inventory, millis);
  }
}
