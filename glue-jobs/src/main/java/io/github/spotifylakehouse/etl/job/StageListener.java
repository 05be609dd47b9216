package io.github.spotifylakehouse.etl.job;

import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.OutputFormat;

/**
 * Hears the stage boundaries of a run as they pass: each table written in each format, each raw file moved.
 * The seam through which tests stop a run at any boundary (by throwing) and check that the next run heals
 * the lake; the job itself passes {@link #NONE}.
 */
interface StageListener {

  /** Hears nothing. */
  StageListener NONE = new StageListener() {
  };

  /** {@code table} has been written in {@code format}: its partitions of the run's dates are replaced. */
  default void tableWritten(LakeTable table, OutputFormat format) {
  }

  /** The raw file at {@code lakePath} (where it was found) has been moved to processed/ or rejected/. */
  default void fileMoved(String lakePath) {
  }
}
