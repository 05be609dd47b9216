package io.github.spotifylakehouse.etl.job;

import io.github.spotifylakehouse.etl.io.LakeFileSystem;
import io.github.spotifylakehouse.etl.io.RawFileMover;
import io.github.spotifylakehouse.etl.io.RawInventory;
import io.github.spotifylakehouse.etl.io.RawInventory.RawObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 5, only once every table is written: unreadable files go to {@code rejected/} beside a note, consumed
 * files to {@code processed/}, manifests last (until they move, their runs still count as complete and new).
 */
final class MoveStage {

  private static final Logger LOG = LoggerFactory.getLogger(MoveStage.class);

  private MoveStage() {
  }

  /**
   * What moved.
   *
   * @param rejected the files moved to {@code rejected/} and why
   * @param filesMoved files moved to {@code processed/}
   * @param millis how long the moves took
   */
  record Moved(List<JobSummary.RejectedFile> rejected, int filesMoved, long millis) {
  }

  static Moved run(LakeFileSystem lake, RawInventory inventory, Map<String, String> rejections) {
    long start = System.nanoTime();
    RawFileMover mover = new RawFileMover(lake);
    List<JobSummary.RejectedFile> rejected = new ArrayList<>();
    for (RawObject file : inventory.toRead()) {
      String reason = rejections.get(file.lakePath());
      if (reason != null) {
        rejected.add(new JobSummary.RejectedFile(file.lakePath(), reason));
        String target = mover.reject(file, reason);
        LOG.warn("Rejected {} -> {}: {}", file.lakePath(), target, reason);
      }
    }
    List<RawObject> consumed = new ArrayList<>();
    for (RawObject file : inventory.toConsume()) {
      if (!rejections.containsKey(file.lakePath())) {
        consumed.add(file);
      }
    }
    int moved = mover.moveToProcessed(consumed);
    moved += mover.moveToProcessed(inventory.manifestsToConsume());
    long millis = EtlJob.millisSince(start);
    LOG.info("Moved {} raw files to processed, {} to rejected in {} ms", moved, rejected.size(), millis);
    return new Moved(List.copyOf(rejected), moved, millis);
  }
}
