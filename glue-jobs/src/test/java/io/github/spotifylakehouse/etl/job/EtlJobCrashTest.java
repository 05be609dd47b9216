package io.github.spotifylakehouse.etl.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.spotifylakehouse.etl.LakeTables;
import io.github.spotifylakehouse.etl.RawLake;
import io.github.spotifylakehouse.etl.TestSpark;
import io.github.spotifylakehouse.lake.JobOutcome;
import io.github.spotifylakehouse.lake.OutputFormat;
import io.github.spotifylakehouse.lake.RawLayout;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety, proven on a local folder: a run stopped at a stage boundary (after the first table, after
 * some of the tables, part-way through the moves) and then run again leaves the lake exactly as one
 * uninterrupted run does: the same tables row for row (and byte for byte), every raw file in the same place,
 * none lost or duplicated.
 */
class EtlJobCrashTest {

  @TempDir
  static Path dir;

  private static Map<String, List<String>> expectedTables;
  private static Map<String, String> expectedBytes;
  private static Map<String, List<String>> expectedRaw;

  @BeforeAll
  static void runUninterrupted() {
    RawLake lake = lake("uninterrupted");
    JobSummary summary = run(lake, StageListener.NONE);
    assertThat(summary.outcome()).isEqualTo(JobOutcome.SUCCEEDED_WITH_REJECTED_FILES);
    assertThat(summary.datesWritten()).containsExactly(FaultInjector.DAY, FaultInjector.NEXT_DAY);
    expectedTables = FaultInjector.tables(root(lake));
    expectedBytes = lake.tableContents();
    expectedRaw = raw(lake);
    // every landed file is in exactly one place: 10 consumed, 1 rejected, 2 waiting for their manifest
    assertThat(expectedRaw.get(RawLayout.PROCESSED)).hasSize(10);
    assertThat(expectedRaw.get(RawLayout.REJECTED)).hasSize(1);
    assertThat(expectedRaw.get(RawLayout.TO_PROCESS)).hasSize(2);
  }

  private static RawLake lake(String name) {
    RawLake lake = new RawLake(dir.resolve(name), 3);
    FaultInjector.land(lake);
    return lake;
  }

  private static String root(RawLake lake) {
    return lake.root().toUri().toString().replaceAll("/$", "");
  }

  private static JobSummary run(RawLake lake, StageListener listener) {
    return EtlJob.run(TestSpark.session(), JobArguments.of(lake.root().toString(), FaultInjector.DAY,
        EnumSet.of(OutputFormat.CSV, OutputFormat.ICEBERG)).withDatabase(LakeTables.databaseFor(root(lake))),
        listener);
  }

  /** Raw files per stage (rejection notes left out: they hold the time of rejection). */
  private static Map<String, List<String>> raw(RawLake lake) {
    return Map.of(
        RawLayout.TO_PROCESS, lake.files(RawLayout.TO_PROCESS),
        RawLayout.PROCESSED, lake.files(RawLayout.PROCESSED),
        RawLayout.REJECTED, lake.files(RawLayout.REJECTED).stream()
            .filter(f -> !f.endsWith(RawLayout.REJECTION_NOTE_SUFFIX)).collect(Collectors.toList()));
  }

  /** Crashes a run of a fresh lake with {@code fault}, runs it again, and holds the result to the uninterrupted run. */
  private static void crashThenRerun(String name, FaultInjector fault, String where) {
    RawLake lake = lake(name);

    assertThatThrownBy(() -> run(lake, fault)).isInstanceOf(FaultInjector.InjectedFault.class)
        .hasMessageStartingWith("injected fault " + where);
    // the stopped run still says how it ended
    assertThat(lake.files(JobOutcome.FAILED.summaryPrefix())).hasSize(1);

    JobSummary rerun = run(lake, StageListener.NONE);

    assertThat(rerun.outcome()).isNotEqualTo(JobOutcome.FAILED);
    assertThat(FaultInjector.tables(root(lake))).isEqualTo(expectedTables);
    assertThat(lake.tableContents()).isEqualTo(expectedBytes);
    assertThat(raw(lake)).isEqualTo(expectedRaw);
  }

  @Test
  void stoppedAfterTheFirstTable() {
    crashThenRerun("after-first-table", FaultInjector.afterTables(1), "after 1 table(s)");
  }

  @Test
  void stoppedAfterSomeOfTheTables() {
    // every CSV table and the first Iceberg one (committed; the others not)
    crashThenRerun("after-some-tables", FaultInjector.afterTables(7), "after 7 table(s)");
  }

  // the moves: the rejected page first, then 6 pages and the loose file, then the 3 manifests

  @Test
  void stoppedAfterTheRejectionBeforeTheConsumedFiles() {
    crashThenRerun("after-rejection", FaultInjector.afterMoves(1), "after 1 raw file move(s)");
  }

  @Test
  void stoppedPartWayThroughTheMovesOfConsumedFiles() {
    crashThenRerun("part-way-through-moves", FaultInjector.afterMoves(5), "after 5 raw file move(s)");
  }

  @Test
  void stoppedAmongTheManifests() {
    crashThenRerun("among-manifests", FaultInjector.afterMoves(9), "after 9 raw file move(s)");
  }

  @Test
  void stoppedTwiceInARow() {
    RawLake lake = lake("twice");
    assertThatThrownBy(() -> run(lake, FaultInjector.afterTables(3))).isInstanceOf(FaultInjector.InjectedFault.class);
    assertThatThrownBy(() -> run(lake, FaultInjector.afterMoves(2))).isInstanceOf(FaultInjector.InjectedFault.class);

    run(lake, StageListener.NONE);

    assertThat(FaultInjector.tables(root(lake))).isEqualTo(expectedTables);
    assertThat(raw(lake)).isEqualTo(expectedRaw);
  }
}
