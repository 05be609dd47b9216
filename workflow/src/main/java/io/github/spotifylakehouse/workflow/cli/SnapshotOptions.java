package io.github.spotifylakehouse.workflow.cli;

import java.time.LocalDate;
import picocli.CommandLine.Option;

/** The snapshot date option of the extract and transform steps. */
final class SnapshotOptions {

  @Option(names = "--snapshot-date", paramLabel = "YYYY-MM-DD",
      description = "Snapshot date to extract into (and the job's run date). Default: today (UTC); with the"
          + " emulator, the day after the latest snapshot in the lake when that is later")
  LocalDate snapshotDate;
}
