package io.github.spotifylakehouse.etl.job;

import io.github.spotifylakehouse.etl.io.LakeFileSystem;
import io.github.spotifylakehouse.etl.io.RawFileMover;
import io.github.spotifylakehouse.etl.io.RawInventory;
import io.github.spotifylakehouse.lake.RawLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 5, only once every table is written: rejected files to {@code rejected/} beside a note, then
 * consumed files to {@code processed/}, then the manifests of their runs (until a manifest moves, its run
 * still counts as complete and new, so an interrupted run is finished by the next). Rejections go first so
 * that whatever a crash leaves in {@code to_process} is usable: the next run never mistakes the leftovers of
 * an interrupted run for a new extraction that is all garbage.
 */
final class MoveStage {

  private static final Logger LOG = LoggerFactory.getLogger(MoveStage.class);

  private MoveStage() {
  }

  /**
   * What moved.
   *
   * @param filesMoved files moved to {@code processed/}
   * @param filesRejected files moved to {@code rejected/}
   * @param millis how long the moves took
   */
  record Moved(int filesMoved, int filesRejected, long millis) {
  }

  static Moved run(LakeFileSystem lake, RawInventory inventory, Verdict verdict, StageListener listener) {
    long start = System.nanoTime();
    RawFileMover mover = new RawFileMover(lake);
    int rejected = mover.reject(verdict.rejections(), listener::fileMoved);
    for (RawFileMover.Rejection rejection : verdict.rejections()) {
      LOG.warn("Rejected {} -> {}: {}", rejection.file().lakePath(),
          RawLayout.REJECTED + rejection.file().stagePath(), rejection.reason());
    }
    int moved = mover.move(verdict.consumed(), listener::fileMoved);
    moved += mover.move(inventory.manifestsToConsume().stream().map(RawFileMover::toProcessed).toList(),
        listener::fileMoved);
    long millis = EtlJob.millisSince(start);
    LOG.info("Moved {} raw files to processed, {} to rejected in {} ms", moved, rejected, millis);
    return new Moved(moved, rejected, millis);
  }
}
