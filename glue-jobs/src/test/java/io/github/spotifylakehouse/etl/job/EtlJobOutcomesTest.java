package io.github.spotifylakehouse.etl.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.spotifylakehouse.etl.LakeTables;
import io.github.spotifylakehouse.etl.RawLake;
import io.github.spotifylakehouse.etl.TestSpark;
import io.github.spotifylakehouse.lake.JobOutcome;
import io.github.spotifylakehouse.lake.JobParameters;
import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.OutputFormat;
import io.github.spotifylakehouse.lake.RawLayout;
import io.github.spotifylakehouse.testkit.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a run ends, and that no raw file can wedge the lake: every file is isolated, every run ends in one of
 * three clear states, rejected files never empty a date, loose files are dated once.
 */
class EtlJobOutcomesTest {

  private static final LocalDate DAY = LocalDate.of(2026, 11, 21);
  private static final LocalDate NEXT_DAY = DAY.plusDays(1);
  private static final String RUN_1 = "20261121T060000Z-0000000a";
  private static final String RUN_2 = "20261121T120000Z-0000000b";
  private static final String FAR_FUTURE = "+300000-01-01T00:00:00Z";

  @TempDir
  Path dir;

  private RawLake lake;
  private String playlistA;
  private String playlistB;

  @BeforeEach
  void createLake() {
    lake = new RawLake(dir.resolve("lake"), 5);
    List<String> ids = lake.catalog().playlistIds(2);
    playlistA = ids.get(0);
    playlistB = ids.get(1);
  }

  private JobSummary run(LocalDate runDate, String... extra) {
    List<String> args = new ArrayList<>(List.of("--" + JobParameters.LAKE_ROOT, lake.root().toString(),
        "--" + JobParameters.RUN_DATE, runDate.toString(), "--" + JobParameters.FORMATS, "csv"));
    args.addAll(Arrays.asList(extra));
    return EtlJob.run(TestSpark.session(), JobArguments.parse(args.toArray(new String[0])));
  }

  private JobFailedException failedRun(LocalDate runDate) {
    try {
      run(runDate);
    } catch (JobFailedException e) {
      return e;
    }
    throw new AssertionError("the run did not fail");
  }

  private Dataset<Row> table(LakeTable table) {
    return LakeTables.read(lake.root().toUri().toString().replaceAll("/$", ""), table, OutputFormat.CSV);
  }

  private String summaryFile(JobOutcome outcome) throws IOException {
    List<String> files = lake.files(outcome.summaryPrefix());
    assertThat(files).as("summaries under " + outcome.summaryPrefix()).hasSize(1);
    return Files.readString(lake.root().resolve(outcome.summaryPrefix()).resolve(files.get(0)), StandardCharsets.UTF_8);
  }

  /** The items page at {@code offset} of {@code playlist} with its first entry's added_at replaced. */
  private String pageWithAddedAt(String playlist, int offset, String addedAt) {
    String page = lake.catalog().itemsPage(playlist, offset + 100, offset, 100, RawLake.API, DAY);
    return page.replaceFirst("\"added_at\" ?: ?\"[^\"]*\"", "\"added_at\": \"" + addedAt + "\"");
  }

  @Test
  void aFileThatOverflowsATimestampIsRejectedAndTheLakeKeepsMoving() throws IOException {
    List<Path> run = lake.syntheticRun(DAY, playlistA, RUN_1, 250, true);
    Files.writeString(run.get(2), pageWithAddedAt(playlistA, 200, FAR_FUTURE));

    JobSummary summary = run(DAY);

    String page2 = RawLayout.runFolder(DAY, playlistA, RUN_1) + RawLayout.pageFileName(2);
    assertThat(summary.outcome()).isEqualTo(JobOutcome.SUCCEEDED_WITH_REJECTED_FILES);
    assertThat(summary.rejectedFiles()).singleElement().satisfies(r -> {
      assertThat(r.file()).isEqualTo(RawLayout.TO_PROCESS + page2);
      assertThat(r.reason()).matches(
          "field 'items\\[\\d+]\\.added_at' is out of range \\(years 0001 to 9999\\): '\\+300000-01-01T00:00:00Z'");
    });
    assertThat(summary.datesWritten()).containsExactly(DAY);
    assertThat(lake.files(RawLayout.REJECTED)).containsExactly(page2, page2 + RawLayout.REJECTION_NOTE_SUFFIX);
    assertThat(summaryFile(JobOutcome.SUCCEEDED_WITH_REJECTED_FILES))
        .contains("\"outcome\" : \"succeeded_with_rejected_files\"", "\"files_rejected\" : 1", page2);
    assertThat(summary.summaryLocation()).contains(JobOutcome.SUCCEEDED_WITH_REJECTED_FILES.summaryPrefix());

    JobSummary next = run(DAY);
    assertThat(next.outcome()).isEqualTo(JobOutcome.SUCCEEDED);
    assertThat(next.datesWritten()).isEmpty();
    assertThat(lake.files(JobOutcome.SUCCEEDED.summaryPrefix())).hasSize(1);
  }

  @Test
  void aRunWhoseNewFilesAreAllRejectedFailsWritesNothingAndMovesNothing() throws IOException {
    lake.syntheticRun(DAY, playlistA, RUN_1, 150, true);
    JobSummary first = run(DAY);
    assertThat(first.outcome()).isEqualTo(JobOutcome.SUCCEEDED);
    Map<String, String> tables = lake.tableContents();
    List<String> processed = lake.files(RawLayout.PROCESSED);

    // a second extraction of the day that is all garbage, and a loose error body of the next day
    lake.run(DAY, playlistB, RUN_2, List.of("{\"items\": [tru", pageWithAddedAt(playlistB, 100, FAR_FUTURE)), true);
    lake.write(RawLayout.TO_PROCESS + "spotify_raw_20261122T101500.json", Fixtures.bytes(Fixtures.JOOSTLEK_NOT_FOUND));
    List<String> landed = lake.files(RawLayout.TO_PROCESS);

    JobFailedException failed = failedRun(NEXT_DAY);

    JobSummary summary = failed.summary();
    assertThat(summary.outcome()).isEqualTo(JobOutcome.FAILED);
    assertThat(summary.outcome().exitStatus()).isEqualTo(1);
    assertThat(summary.failure()).startsWith("none of the 3 new raw file(s) can be used: ")
        .contains("not valid JSON: Unrecognized token 'tru'", "out of range (years 0001 to 9999)",
            "a Spotify error response (status 404: Resource not found)");
    assertThat(failed).hasMessageStartingWith("Spotify ETL run failed: none of the 3 new raw file(s)");
    assertThat(summary.rejectedFiles()).hasSize(3);
    assertThat(summary.datesWritten()).isEmpty();
    assertThat(summary.filesMoved()).isZero();
    // nothing written, nothing moved, and the run says so where the stack looks
    assertThat(lake.tableContents()).isEqualTo(tables);
    assertThat(lake.files(RawLayout.TO_PROCESS)).isEqualTo(landed);
    assertThat(lake.files(RawLayout.PROCESSED)).isEqualTo(processed);
    assertThat(lake.files(RawLayout.REJECTED)).isEmpty();
    assertThat(summaryFile(JobOutcome.FAILED)).contains("\"outcome\" : \"failed\"", "\"failure\" : \"none of the 3");

    // the next good extraction unblocks it: the garbage is quarantined, the day keeps its rows
    lake.syntheticRun(NEXT_DAY, playlistA, "20261122T060000Z-0000000c", 120, true);
    JobSummary healed = run(NEXT_DAY);

    assertThat(healed.outcome()).isEqualTo(JobOutcome.SUCCEEDED_WITH_REJECTED_FILES);
    assertThat(healed.datesWritten()).containsExactly(NEXT_DAY);
    assertThat(healed.rejectedFiles()).hasSize(3);
    assertThat(lake.files(RawLayout.TO_PROCESS)).isEmpty();
    // the day whose new files were all rejected was not rewritten: it still holds only the first run
    assertThat(table(LakeTable.PLAYLIST_TRACK).where("snapshot_date = '" + DAY + "'").select("playlist_id")
        .distinct().as(Encoders.STRING()).collectAsList()).containsExactly(playlistA);
    assertThat(lake.tableContents()).containsAllEntriesOf(tables);
  }

  @Test
  void aProcessedFileThatNoLongerParsesFailsTheRunRatherThanEatHistory() throws IOException {
    lake.syntheticRun(DAY, playlistA, RUN_1, 150, true);
    run(DAY);
    Map<String, String> tables = lake.tableContents();
    // as if a parser change now refused a file consumed long ago
    String old = RawLayout.PROCESSED + RawLayout.runFolder(DAY, playlistA, RUN_1) + RawLayout.pageFileName(1);
    Files.writeString(lake.root().resolve(old), pageWithAddedAt(playlistA, 100, FAR_FUTURE));
    lake.syntheticRun(DAY, playlistB, RUN_2, 90, true);
    List<String> landed = lake.files(RawLayout.TO_PROCESS);

    JobFailedException failed = failedRun(DAY);

    assertThat(failed.summary().failure()).startsWith("1 raw file(s) in raw_data/processed/ no longer parse, so "
        + "their dates cannot be recomputed without losing them: " + old + ": field 'items[0].added_at' is out of "
        + "range");
    assertThat(lake.files(RawLayout.PROCESSED)).contains(old.substring(RawLayout.PROCESSED.length()));
    assertThat(lake.files(RawLayout.REJECTED)).isEmpty();
    assertThat(lake.files(RawLayout.TO_PROCESS)).isEqualTo(landed);
    assertThat(lake.tableContents()).isEqualTo(tables);
  }

  @Test
  void aFileOverTheSizeLimitIsRejectedUnread() {
    lake.syntheticRun(DAY, playlistA, RUN_1, 150, true);
    String small = RawLayout.runFolder(DAY, playlistB, RUN_2) + RawLayout.pageFileName(0);
    lake.run(DAY, playlistB, RUN_2, List.of(lake.catalog().itemsPage(playlistB, 5, 0, 5, RawLake.API, DAY)), true);
    long limit = lake.root().resolve(RawLayout.TO_PROCESS + small).toFile().length();

    JobSummary summary = run(DAY, "--" + JobParameters.MAX_RAW_FILE_BYTES, Long.toString(limit));

    assertThat(summary.outcome()).isEqualTo(JobOutcome.SUCCEEDED_WITH_REJECTED_FILES);
    assertThat(summary.rejectedFiles()).hasSize(2).allSatisfy(r -> assertThat(r.reason())
        .matches("file is \\d+ bytes, over the limit of " + limit + " bytes \\(--max-raw-file-bytes\\)"));
    assertThat(summary.filesRead()).isEqualTo(1);
    assertThat(lake.files(RawLayout.PROCESSED)).contains(small);
  }

  @Test
  void looseFilesAreDatedOnceAndNeverOutrankARunOfTheExtractor() {
    String loosePlaylist = "21THa8j9TaSGuXYNBU5tsC";
    lake.write(RawLayout.TO_PROCESS + "spotify_raw_latest.json", Fixtures.bytes(Fixtures.JAVA_ITEMS));
    JobSummary first = run(DAY);
    String kept = RawLayout.legacyKey(DAY, loosePlaylist, "spotify_raw_latest.json");
    assertThat(first.datesWritten()).containsExactly(DAY);
    assertThat(lake.files(RawLayout.PROCESSED)).containsExactly(kept);

    // days later the day is recomputed: the loose file is read under the date it was given, not the run date
    lake.run(DAY, loosePlaylist, RUN_2, List.of(Fixtures.text(Fixtures.RC3_PLAYLIST)), true);
    JobSummary later = run(DAY.plusDays(5));

    assertThat(later.datesWritten()).containsExactly(DAY);
    assertThat(later.filesRead()).isEqualTo(2);
    assertThat(table(LakeTable.SONG).select("snapshot_date").distinct().as(Encoders.STRING()).collectAsList())
        .containsExactly(DAY.toString());
    // the extractor's run of the same playlist and day wins over the loose file, whatever the file's stamp
    assertThat(table(LakeTable.PLAYLIST_TRACK).collectAsList())
        .extracting(r -> r.getAs("position"), r -> r.getAs("song_id"))
        .containsExactly(tuple(0, "4i9sYtSIlR80bxje5B3rUb"));
    assertThat(lake.files(RawLayout.PROCESSED)).contains(kept);
  }

  @Test
  void pagesOfOneExtractionLandedAsLooseFilesAreOneExtraction() {
    // three pages of one playlist, each landed as its own loose file, a second apart
    for (int page = 0; page < 3; page++) {
      lake.write(RawLayout.TO_PROCESS + "spotify_raw_20261121T10150" + page + ".json",
          lake.catalog().itemsPage(playlistA, 300, page * 100, 100, RawLake.API, DAY));
    }

    JobSummary summary = run(DAY);

    assertThat(summary.outcome()).isEqualTo(JobOutcome.SUCCEEDED);
    List<Integer> positions = table(LakeTable.PLAYLIST_TRACK).select("position").as(Encoders.INT()).collectAsList();
    assertThat(positions).hasSize((int) summary.rows(LakeTable.PLAYLIST_TRACK))
        .anyMatch(p -> p < 100).anyMatch(p -> p >= 100 && p < 200).anyMatch(p -> p >= 200);
    long skipped = summary.skippedEntries().values().stream().mapToLong(Long::longValue).sum();
    assertThat(summary.rows(LakeTable.PLAYLIST_TRACK)).isEqualTo(300 - skipped);
    assertThat(lake.files(RawLayout.PROCESSED)).containsExactly(
        RawLayout.legacyKey(DAY, playlistA, "spotify_raw_20261121T101500.json"),
        RawLayout.legacyKey(DAY, playlistA, "spotify_raw_20261121T101501.json"),
        RawLayout.legacyKey(DAY, playlistA, "spotify_raw_20261121T101502.json"));
  }

  @Test
  void incompleteRunsAreLeftAloneUntilTheyAreTooOldThenRejectedWhole() throws IOException {
    lake.syntheticRun(DAY, playlistA, RUN_1, 120, true);
    List<Path> stale = lake.syntheticRun(DAY, playlistB, RUN_2, 130, false);
    for (Path file : stale) {
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(30))));
    }
    String young = "20261121T230000Z-0000000d";
    lake.syntheticRun(DAY, playlistB, young, 50, false);

    JobSummary patient = run(DAY, "--" + JobParameters.INCOMPLETE_RUN_MAX_AGE_HOURS, "48");
    assertThat(patient.outcome()).isEqualTo(JobOutcome.SUCCEEDED);
    assertThat(patient.incompleteRuns()).hasSize(2);

    JobSummary summary = run(DAY);

    String staleFolder = RawLayout.runFolder(DAY, playlistB, RUN_2);
    assertThat(summary.outcome()).isEqualTo(JobOutcome.SUCCEEDED_WITH_REJECTED_FILES);
    assertThat(summary.rejectedRuns()).singleElement().satisfies(r -> {
      assertThat(r.run()).isEqualTo(RawLayout.TO_PROCESS + staleFolder);
      assertThat(r.reason()).matches("incomplete run: no _manifest\\.json, and its newest file is 30 h old "
          + "\\(limit 24 h, --incomplete-run-max-age-hours\\)");
      assertThat(r.files()).isEqualTo(2);
    });
    assertThat(summary.incompleteRuns()).containsExactly(RawLayout.TO_PROCESS + RawLayout.runFolder(DAY, playlistB,
        young));
    assertThat(summary.datesWritten()).isEmpty(); // nothing new could be used, and nothing new was expected
    assertThat(lake.files(RawLayout.REJECTED)).containsExactly(
        staleFolder + RawLayout.pageFileName(0), staleFolder + RawLayout.pageFileName(0) + RawLayout.REJECTION_NOTE_SUFFIX,
        staleFolder + RawLayout.pageFileName(1), staleFolder + RawLayout.pageFileName(1) + RawLayout.REJECTION_NOTE_SUFFIX);
    assertThat(lake.files(RawLayout.TO_PROCESS)).allMatch(f -> f.contains(young));
  }

  @Test
  void aRunWhoseManifestDoesNotMatchItsPagesIsRejectedWhole() {
    lake.syntheticRun(DAY, playlistA, RUN_1, 120, true);
    // the manifest lists three pages, two landed
    lake.syntheticRun(DAY, playlistB, RUN_2, 230, false).get(2).toFile().delete();
    lake.manifest(DAY, playlistB, RUN_2, 3);
    // a page the manifest does not list
    String extra = "20261121T130000Z-0000000e";
    lake.syntheticRun(DAY, playlistA, extra, 130, false);
    lake.manifest(DAY, playlistA, extra, 1);

    JobSummary summary = run(DAY);

    assertThat(summary.outcome()).isEqualTo(JobOutcome.SUCCEEDED_WITH_REJECTED_FILES);
    assertThat(summary.rejectedRuns()).extracting(JobSummary.RejectedRun::run, JobSummary.RejectedRun::reason,
        JobSummary.RejectedRun::files).containsExactlyInAnyOrder(
        tuple(RawLayout.TO_PROCESS + RawLayout.runFolder(DAY, playlistB, RUN_2),
            "run rejected whole: its _manifest.json lists page-00002.json, which is missing", 3),
        tuple(RawLayout.TO_PROCESS + RawLayout.runFolder(DAY, playlistA, extra),
            "run rejected whole: it holds page-00001.json, which its _manifest.json does not list (it lists 1 "
                + "pages)", 3));
    assertThat(summary.rejectedFiles()).hasSize(6);
    assertThat(table(LakeTable.PLAYLIST_TRACK).select("playlist_id").distinct().as(Encoders.STRING())
        .collectAsList()).containsExactly(playlistA);
    assertThat(lake.files(RawLayout.REJECTED).stream().filter(f -> !f.endsWith(RawLayout.REJECTION_NOTE_SUFFIX))
        .collect(Collectors.toList())).hasSize(6);
    assertThat(lake.files(RawLayout.TO_PROCESS)).isEmpty();
  }
}
