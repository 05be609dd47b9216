package io.github.spotifylakehouse.workflow.steps;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Which snapshot date an extraction lands under.
 * <ul>
 *   <li>A date given by the user wins.</li>
 *   <li>Real Spotify: today (UTC). A second run on the same day lands beside the first, and the job merges
 *       every run of a day into that day's snapshot.</li>
 *   <li>Emulator: today, or the day after the latest snapshot already in the lake when that is later, so
 *       repeated demo runs build a time series (the generated popularity drifts by day) instead of
 *       merging into one day.</li>
 * </ul>
 */
final class SnapshotRule {

  private SnapshotRule() {
  }

  static LocalDate choose(Optional<LocalDate> forced, boolean emulator, LocalDate today,
                          List<LocalDate> existing) {
    if (forced.isPresent()) {
      return forced.get();
    }
    if (!emulator || existing.isEmpty()) {
      return today;
    }
    LocalDate next = existing.stream().max(LocalDate::compareTo).orElseThrow().plusDays(1);
    return next.isAfter(today) ? next : today;
  }
}
