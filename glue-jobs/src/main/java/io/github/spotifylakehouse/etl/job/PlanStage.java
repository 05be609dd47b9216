package io.github.spotifylakehouse.etl.job;

import io.github.spotifylakehouse.etl.io.LakeFileSystem;
import io.github.spotifylakehouse.etl.io.RawInventory;
import io.github.spotifylakehouse.lake.RawLayout;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 1: list the raw prefixes once, check the new manifests, and decide which dates to compute, which
 * files to read and consume, and which runs to reject whole.
 */
final class PlanStage {

  private static final Logger LOG = LoggerFactory.getLogger(PlanStage.class);

  private PlanStage() {
  }

  /**
   * What the listing found and what the run will do with it.
   *
   * @param inventory the dates, files to read and consume, rejected and incomplete runs, unrecognized files
   * @param millis how long listing and checking took
   */
  record Planned(RawInventory inventory, long millis) {
  }

  static Planned run(LakeFileSystem lake, JobArguments args, Instant now) {
    long start = System.nanoTime();
    RawInventory inventory = RawInventory.scan(lake, args.runDate(), now, args.incompleteRunMaxAge(),
        args.maxRawFileBytes());
    long millis = EtlJob.millisSince(start);
    LOG.info("Listed raw files in {} ms: {} to read ({} bytes) for dates {}, {} new to consume, {} runs rejected "
            + "whole, {} incomplete runs left alone, {} unrecognized files", millis, inventory.toRead().size(),
        inventory.bytesToRead(), inventory.dates(), inventory.toConsume().size()
            + inventory.manifestsToConsume().size(), inventory.rejectedRuns().size(),
        inventory.incompleteRuns().size(), inventory.unrecognized().size());
    for (RawInventory.RejectedRun run : inventory.rejectedRuns()) {
      LOG.warn("Run rejected whole ({} files): {}: {}", run.files().size(), run.run(), run.reason());
    }
    for (String run : inventory.incompleteRuns()) {
      LOG.warn("Incomplete run left alone (no {} yet): {}", RawLayout.MANIFEST_FILE, run);
    }
    for (String file : inventory.unrecognized()) {
      LOG.warn("Unrecognized raw file left alone: {}", file);
    }
    return new Planned(inventory, millis);
  }
}
