package io.github.spotifylakehouse.etl.job;

import io.github.spotifylakehouse.etl.io.RawFileMover;
import io.github.spotifylakehouse.etl.io.RawFileMover.Move;
import io.github.spotifylakehouse.etl.io.RawFileMover.Rejection;
import io.github.spotifylakehouse.etl.io.RawInventory;
import io.github.spotifylakehouse.etl.io.RawInventory.RawObject;
import io.github.spotifylakehouse.etl.job.ParseStage.FileTally;
import io.github.spotifylakehouse.lake.JobOutcome;
import io.github.spotifylakehouse.lake.RawLayout;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the parse means for the run, decided before anything is written: which files are consumed and where
 * they go, which are rejected and why, which dates are rewritten, or why the run fails.
 *
 * <ul>
 *   <li>The run fails when a file in {@code processed/} no longer parses (its date could only be rewritten
 *       without it: history would be lost), or when there were new extractions and not one of their files
 *       can be used. A failed run writes no partition and moves no file.</li>
 *   <li>Only dates with at least one usable new file are rewritten: a date is never replaced by empty tables
 *       because its new files were rejected.</li>
 * </ul>
 *
 * @param failure why the run fails, or null
 * @param writeDates the dates whose partitions are replaced, ascending
 * @param consumed usable new files and where they go in {@code processed/}
 * @param rejections every file quarantined in {@code rejected/} (whole runs included), and why
 */
record Verdict(String failure, SortedSet<LocalDate> writeDates, List<Move> consumed, List<Rejection> rejections) {

  /** How many files a failure message names before it only counts. */
  private static final int NAMED = 5;

  boolean failed() {
    return failure != null;
  }

  JobOutcome outcome() {
    if (failed()) {
      return JobOutcome.FAILED;
    }
    return rejections.isEmpty() ? JobOutcome.SUCCEEDED : JobOutcome.SUCCEEDED_WITH_REJECTED_FILES;
  }

  static Verdict decide(RawInventory inventory, FileTally tally) {
    Map<String, String> rejected = tally.rejections();
    List<String> broken = new ArrayList<>();
    for (RawObject file : inventory.toRead()) {
      String reason = rejected.get(file.lakePath());
      if (reason != null && file.stage().equals(RawLayout.PROCESSED)) {
        broken.add(file.lakePath() + ": " + reason);
      }
    }
    List<Rejection> rejections = new ArrayList<>();
    List<Move> consumed = new ArrayList<>();
    SortedSet<LocalDate> dates = new TreeSet<>();
    for (RawObject file : inventory.toConsume()) {
      String reason = rejected.get(file.lakePath());
      if (reason != null) {
        rejections.add(new Rejection(file, reason));
        continue;
      }
      dates.add(file.snapshotDate());
      consumed.add(file.loose()
          ? new Move(file, RawLayout.PROCESSED + RawLayout.legacyKey(file.snapshotDate(),
              tally.playlistIds().get(file.lakePath()), file.fileName()))
          : RawFileMover.toProcessed(file));
    }
    for (RawInventory.RejectedRun run : inventory.rejectedRuns()) {
      for (RawObject file : run.files()) {
        rejections.add(new Rejection(file, run.reason()));
      }
    }

    String failure = null;
    if (!broken.isEmpty()) {
      failure = broken.size() + " raw file(s) in " + RawLayout.PROCESSED + " no longer parse, so their dates "
          + "cannot be recomputed without losing them: " + named(broken);
    } else if (!inventory.newExtractions().isEmpty() && consumed.isEmpty()) {
      List<String> reasons = rejections.stream().map(r -> r.file().lakePath() + ": " + r.reason()).toList();
      failure = "none of the " + inventory.newExtractions().size() + " new raw file(s) can be used: "
          + named(reasons);
    }
    return new Verdict(failure, Collections.unmodifiableSortedSet(dates), List.copyOf(consumed),
        List.copyOf(rejections));
  }

  private static String named(List<String> items) {
    String shown = String.join("; ", items.subList(0, Math.min(NAMED, items.size())));
    return items.size() > NAMED ? shown + "; and " + (items.size() - NAMED) + " more" : shown;
  }
}
