package io.github.spotifylakehouse.etl.job;

import io.github.spotifylakehouse.lake.OutputFormat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.spotifylakehouse.testkit.Fixtures;
import io.github.spotifylakehouse.etl.LakeTables;
import io.github.spotifylakehouse.etl.RawLake;
import io.github.spotifylakehouse.etl.TestSpark;
import io.github.spotifylakehouse.etl.schema.SkipKind;
import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.RawLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole job on a local lake folder. */
class EtlJobLocalTest {

  private static final LocalDate DAY = LocalDate.of(2026, 11, 21);
  private static final String RUN_1 = "20261121T060000Z-0000000a";
  private static final String RUN_2 = "20261121T120000Z-0000000b";
  private static final String RUN_3 = "20261121T180000Z-0000000c";

  @TempDir
  Path dir;

  private RawLake lake;
  private final String database = LakeTables.newDatabase();
  private String playlistA;
  private String playlistB;

  @BeforeEach
  void createLake() {
    lake = new RawLake(dir.resolve("lake"), 7);
    List<String> ids = lake.catalog().playlistIds(2);
    playlistA = ids.get(0);
    playlistB = ids.get(1);
  }

  private JobSummary run(LocalDate runDate, OutputFormat... formats) {
    return EtlJob.run(TestSpark.session(),
        JobArguments.of(lake.root().toString(), runDate, EnumSet.of(formats[0], formats)).withDatabase(database));
  }

  private Dataset<Row> table(LakeTable table, OutputFormat format) {
    return format == OutputFormat.CSV
        ? LakeTables.readCsv(lake.root().toUri().toString().replaceAll("/$", ""), table)
        : LakeTables.readIceberg(database, table);
  }

  private Dataset<Row> table(LakeTable table) {
    return table(table, OutputFormat.CSV);
  }

  @Test
  void runsTheWholeJobOnALocalFolder() throws IOException {
    lake.syntheticRun(DAY, playlistA, RUN_1, 120, true);
    lake.syntheticRun(DAY, playlistB, RUN_2, 250, true);

    JobSummary summary = run(DAY, OutputFormat.CSV, OutputFormat.ICEBERG);

    assertThat(summary.filesRead()).isEqualTo(5);
    assertThat(summary.filesRejected()).isZero();
    assertThat(summary.filesSkipped()).isZero();
    assertThat(summary.entriesRead()).isEqualTo(370);
    long skipped = summary.skippedEntries().values().stream().mapToLong(Long::longValue).sum();
    assertThat(summary.datesWritten()).containsExactly(DAY);
    assertThat(summary.filesMoved()).isEqualTo(7);
    assertThat(summary.rows(LakeTable.PLAYLIST_TRACK)).isEqualTo(370 - skipped);
    assertThat(summary.phaseMillis()).containsKeys(JobSummary.PHASE_LIST, JobSummary.PHASE_PARSE,
        JobSummary.PHASE_TRANSFORM, JobSummary.PHASE_WRITE_CSV, JobSummary.PHASE_WRITE_ICEBERG, JobSummary.PHASE_MOVE);

    for (LakeTable table : LakeTable.values()) {
      assertThat(table(table).count()).as(table.tableName()).isEqualTo(summary.rows(table)).isPositive();
      assertThat(table(table, OutputFormat.ICEBERG).count()).as(table.tableName()).isEqualTo(summary.rows(table));
      assertThat(lake.files(table.csvPrefix())).as(table.tableName()).singleElement()
          .satisfies(f -> assertThat(f).startsWith(LakeTable.PARTITION_COLUMN + "=" + DAY + "/part-").endsWith(".csv"));
    }
    // every reference resolves within the day
    assertThat(table(LakeTable.PLAYLIST_TRACK).join(table(LakeTable.SONG), List.of("song_id", "snapshot_date").stream()
        .collect(Collectors.collectingAndThen(Collectors.toList(), RawLakeSeq::of)), "left_anti").count()).isZero();
    assertThat(table(LakeTable.SONG).join(table(LakeTable.ALBUM), RawLakeSeq.of(List.of("album_id", "snapshot_date")),
        "left_anti").count()).isZero();
    assertThat(table(LakeTable.SONG_ARTIST).join(table(LakeTable.ARTIST),
        RawLakeSeq.of(List.of("artist_id", "snapshot_date")), "left_anti").count()).isZero();
    // synthetic playlists share a catalogue: duplicates collapse to one song row per day
    assertThat(summary.rows(LakeTable.SONG)).isLessThan(summary.rows(LakeTable.PLAYLIST_TRACK));

    assertThat(lake.files(RawLayout.TO_PROCESS)).isEmpty();
    assertThat(lake.files(RawLayout.PROCESSED)).hasSize(7)
        .contains(RawLayout.runFolder(DAY, playlistA, RUN_1) + RawLayout.MANIFEST_FILE);
    assertThat(summary.summaryLocation()).contains(LakeTable.SUMMARY_PREFIX).endsWith(".json");
    List<String> summaries = lake.files(LakeTable.SUMMARY_PREFIX);
    assertThat(summaries).hasSize(1);
    String json = Files.readString(lake.root().resolve(LakeTable.SUMMARY_PREFIX).resolve(summaries.get(0)),
        StandardCharsets.UTF_8);
    assertThat(json).isEqualTo(summary.toJson()).contains("\"files_read\" : 5", "\"song_artist\" : ");
  }

  @Test
  void aRerunChangesNothingAndRecomputingADateWritesTheSameBytes() {
    lake.syntheticRun(DAY, playlistA, RUN_1, 150, true);
    lake.syntheticRun(DAY, playlistB, RUN_2, 90, true);
    JobSummary first = run(DAY, OutputFormat.CSV, OutputFormat.ICEBERG);
    Map<String, String> tables = lake.tableContents();
    assertThat(tables).hasSize(LakeTable.values().length);

    JobSummary idle = run(DAY, OutputFormat.CSV, OutputFormat.ICEBERG);
    assertThat(idle.datesWritten()).isEmpty();
    assertThat(idle.filesRead()).isZero();
    assertThat(lake.tableContents()).isEqualTo(tables);

    lake.reland();
    JobSummary again = run(DAY, OutputFormat.CSV, OutputFormat.ICEBERG);
    assertThat(again.datesWritten()).containsExactly(DAY);
    assertThat(again.rows()).isEqualTo(first.rows());
    assertThat(lake.tableContents()).isEqualTo(tables);
  }

  @Test
  void compiledPlansWriteTheSameBytesAsTheInterpretedPlansOfASmallRun() {
    lake.syntheticRun(DAY, playlistA, RUN_1, 150, true);
    lake.syntheticRun(DAY, playlistB, RUN_2, 90, true);
    JobSummary interpreted = run(DAY, OutputFormat.CSV, OutputFormat.ICEBERG);
    assertThat(PlanExecution.interprets(interpreted.bytesRead())).isTrue();
    Map<String, String> tables = lake.tableContents();
    List<Row> songs = table(LakeTable.SONG, OutputFormat.ICEBERG).orderBy("song_id").collectAsList();

    lake.reland();
    SparkSession spark = TestSpark.session();
    spark.conf().set(PlanExecution.WHOLE_STAGE, "true"); // the session decides: compiled, as a large run is
    JobSummary compiled;
    try {
      compiled = run(DAY, OutputFormat.CSV, OutputFormat.ICEBERG);
    } finally {
      spark.conf().unset(PlanExecution.WHOLE_STAGE);
    }

    assertThat(compiled.rows()).isEqualTo(interpreted.rows());
    assertThat(lake.tableContents()).isEqualTo(tables);
    assertThat(table(LakeTable.SONG, OutputFormat.ICEBERG).orderBy("song_id").collectAsList()).isEqualTo(songs);
  }

  @Test
  void aSecondExtractionOnTheSameDayAddsToTheFirst() {
    lake.syntheticRun(DAY, playlistA, RUN_1, 120, true);
    JobSummary first = run(DAY, OutputFormat.CSV);
    List<String> songsOfA = table(LakeTable.SONG).select("song_id").as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();

    lake.syntheticRun(DAY, playlistB, RUN_2, 60, true);
    lake.syntheticRun(DAY, playlistA, RUN_3, 80, true); // A shrank since the morning
    JobSummary second = run(DAY, OutputFormat.CSV);

    assertThat(second.filesRead()).isEqualTo(2 + 1 + 1); // A's morning run again (processed), B, A's evening run
    assertThat(table(LakeTable.SONG).select("song_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsAll(songsOfA);
    assertThat(second.rows(LakeTable.SONG)).isGreaterThan(first.rows(LakeTable.SONG));
    List<Row> tracksOfA = table(LakeTable.PLAYLIST_TRACK).where("playlist_id = '" + playlistA + "'").collectAsList();
    assertThat(tracksOfA).extracting(r -> r.<Integer>getAs("position")).allMatch(p -> p < 80);
    assertThat(table(LakeTable.PLAYLIST_TRACK).where("playlist_id = '" + playlistB + "'").count()).isPositive();
    assertThat(lake.files(LakeTable.SONG.csvPrefix())).hasSize(1);
  }

  @Test
  void controlCharactersInTheRawTextBecomeSpacesInTheCsvOnly() throws IOException {
    String track = "{\"id\": \"t1\", \"name\": \"Line one\\nline two\", \"type\": \"track\", "
        + "\"album\": {\"id\": \"al1\", \"name\": \"Album\u2028name\", \"artists\": []}, "
        + "\"artists\": [{\"id\": \"ar1\", \"name\": \"Artist\"}]}";
    lake.run(DAY, playlistA, RUN_1, List.of("{\"href\": \"https://api.spotify.com/v1/playlists/" + playlistA
        + "/items?offset=0&limit=100\", \"items\": [{\"added_at\": \"2026-11-20T10:00:00Z\", \"added_by\": null, "
        + "\"is_local\": false, \"item\": " + track + "}], \"limit\": 100, \"next\": null, \"offset\": 0, "
        + "\"total\": 1}"), true);
    lake.syntheticRun(DAY, playlistB, RUN_2, 30, true);

    JobSummary summary = run(DAY, OutputFormat.CSV, OutputFormat.ICEBERG);

    assertThat(summary.filesRejected()).isZero();
    String songCsv = Files.readString(lake.root().resolve(LakeTable.SONG.csvPrefix())
        .resolve(lake.files(LakeTable.SONG.csvPrefix()).get(0)), StandardCharsets.UTF_8);
    assertThat(songCsv).contains("t1,Line one line two,").doesNotContain("Line one\n");
    String albumCsv = Files.readString(lake.root().resolve(LakeTable.ALBUM.csvPrefix())
        .resolve(lake.files(LakeTable.ALBUM.csvPrefix()).get(0)), StandardCharsets.UTF_8);
    assertThat(albumCsv).contains("al1,Album name,").doesNotContain("\u2028");
    assertThat(table(LakeTable.SONG).where("song_id = 't1'").first().<String>getAs("song_name"))
        .isEqualTo("Line one line two");
    assertThat(table(LakeTable.SONG, OutputFormat.ICEBERG).where("song_id = 't1'").first().<String>getAs("song_name"))
        .isEqualTo("Line one\nline two");
  }

  @Test
  void aCorruptFileIsRejectedWithItsReasonAndTheOthersAreProcessed() throws IOException {
    List<Path> run = lake.syntheticRun(DAY, playlistA, RUN_1, 300, true);
    Files.writeString(run.get(1), "{\"href\": \"https://api.spotify.com/v1/playlists/x/items\", \"items\": [{\"added");
    lake.write(RawLayout.TO_PROCESS + "spotify_raw_20261121T101500.json", Fixtures.bytes(Fixtures.JOOSTLEK_NOT_FOUND));

    JobSummary summary = run(DAY, OutputFormat.CSV);

    String page1 = RawLayout.runFolder(DAY, playlistA, RUN_1) + RawLayout.pageFileName(1);
    assertThat(summary.rejectedFiles()).extracting(JobSummary.RejectedFile::file, JobSummary.RejectedFile::reason)
        .containsExactlyInAnyOrder(
            tuple(RawLayout.TO_PROCESS + page1, "not valid JSON: Unexpected end-of-input in field name (line 1, column 75)"),
            tuple(RawLayout.TO_PROCESS + "spotify_raw_20261121T101500.json",
                "a Spotify error response (status 404: Resource not found), not a paging or playlist object"));
    assertThat(summary.filesRead()).isEqualTo(2);
    assertThat(lake.files(RawLayout.REJECTED)).containsExactlyInAnyOrder(page1, page1 + ".reason.txt",
        "spotify_raw_20261121T101500.json", "spotify_raw_20261121T101500.json.reason.txt");
    String note = Files.readString(lake.root().resolve(RawLayout.REJECTED + page1 + RawLayout.REJECTION_NOTE_SUFFIX));
    assertThat(note).contains("file: " + RawLayout.TO_PROCESS + page1, "reason: not valid JSON");
    assertThat(lake.files(RawLayout.PROCESSED)).containsExactly(
        RawLayout.runFolder(DAY, playlistA, RUN_1) + RawLayout.MANIFEST_FILE,
        RawLayout.runFolder(DAY, playlistA, RUN_1) + RawLayout.pageFileName(0),
        RawLayout.runFolder(DAY, playlistA, RUN_1) + RawLayout.pageFileName(2));
    assertThat(lake.files(RawLayout.TO_PROCESS)).isEmpty();
    List<Integer> positions = table(LakeTable.PLAYLIST_TRACK).select("position").as(org.apache.spark.sql.Encoders.INT())
        .collectAsList();
    assertThat(positions).isNotEmpty().noneMatch(p -> p >= 100 && p < 200).anyMatch(p -> p >= 200);
  }

  @Test
  void anIncompleteRunIsLeftAloneUntilItsManifestLands() {
    lake.syntheticRun(DAY, playlistA, RUN_1, 120, true);
    lake.syntheticRun(DAY, playlistB, RUN_2, 130, false);
    lake.write(RawLayout.TO_PROCESS + "notes.txt", "not a raw file");

    JobSummary first = run(DAY, OutputFormat.CSV);

    String folderB = RawLayout.TO_PROCESS + RawLayout.runFolder(DAY, playlistB, RUN_2);
    assertThat(first.incompleteRuns()).containsExactly(folderB);
    assertThat(first.unrecognizedFiles()).containsExactly(RawLayout.TO_PROCESS + "notes.txt");
    assertThat(first.filesSkipped()).isEqualTo(3);
    assertThat(lake.files(RawLayout.TO_PROCESS)).containsExactlyInAnyOrder("notes.txt",
        RawLayout.runFolder(DAY, playlistB, RUN_2) + RawLayout.pageFileName(0),
        RawLayout.runFolder(DAY, playlistB, RUN_2) + RawLayout.pageFileName(1));
    assertThat(table(LakeTable.PLAYLIST_TRACK).where("playlist_id = '" + playlistB + "'").count()).isZero();

    lake.manifest(DAY, playlistB, RUN_2, 2);
    JobSummary second = run(DAY, OutputFormat.CSV);

    assertThat(second.incompleteRuns()).isEmpty();
    assertThat(second.filesRead()).isEqualTo(4);
    assertThat(table(LakeTable.PLAYLIST_TRACK).select("playlist_id").distinct().count()).isEqualTo(2);
    assertThat(lake.files(RawLayout.TO_PROCESS)).containsExactly("notes.txt");
  }

  @Test
  void readsOldNewAndMixedShapesAndLooseFiles() {
    LocalDate march3 = LocalDate.of(2026, 3, 3);
    LocalDate runDate = LocalDate.of(2026, 3, 4);
    lake.run(march3, "59ZbFPES4DQwEjBpWHzrtC", "20260303T060000Z-00000001",
        List.of(Fixtures.text(Fixtures.JAVA_PLAYLIST)), true);
    lake.run(march3, "59ZbFPES4DQwEjBpWHzrtC", "20260303T070000Z-00000002",
        List.of(Fixtures.text(Fixtures.RC3_PLAYLIST)), true);
    lake.run(march3, "1Cp6VQCKf2VL4sP09jN9oX", "20260303T080000Z-00000003",
        List.of(Fixtures.text(Fixtures.JOOSTLEK_PLAYLIST_1), Fixtures.text(Fixtures.JOOSTLEK_ITEMS)), true);
    lake.write(RawLayout.TO_PROCESS + "spotify_raw_20260303T101500.json", Fixtures.bytes(Fixtures.JAVA_ITEMS));
    lake.write(RawLayout.TO_PROCESS + "spotify_raw_latest.json", Fixtures.bytes(Fixtures.JOOSTLEK_PLAYLIST_3));

    JobSummary summary = run(runDate, OutputFormat.CSV, OutputFormat.ICEBERG);

    assertThat(summary.datesWritten()).containsExactly(march3, runDate);
    assertThat(summary.filesRead()).isEqualTo(6);
    assertThat(summary.skippedEntries(SkipKind.NULL_ENTRY)).isEqualTo(1);
    assertThat(summary.skippedEntries(SkipKind.EPISODE)).isEqualTo(1);
    assertThat(table(LakeTable.SONG).collectAsList())
        .extracting(r -> r.getAs("snapshot_date"), r -> r.getAs("song_id"))
        .containsExactlyInAnyOrder(
            tuple("2026-03-03", "4i9sYtSIlR80bxje5B3rUb"), tuple("2026-03-03", "3ZL9gPzeCnKG9l5SB1SlcZ"),
            tuple("2026-03-03", "7pk3EpFtmsOdj8iUhjmeCM"),
            tuple("2026-03-04", "4bEdcyI0l4zX2Ut5m5Xrhw"), tuple("2026-03-04", "2kmZop34md5KWP4gn7Zuj8"));
    // the transition recording (tracks + items, track + item) and its items page are one entry, once
    assertThat(table(LakeTable.PLAYLIST_TRACK).where("playlist_id = '1Cp6VQCKf2VL4sP09jN9oX'").collectAsList())
        .extracting(r -> r.getAs("position"), r -> r.getAs("song_id"))
        .containsExactly(tuple(0, "3ZL9gPzeCnKG9l5SB1SlcZ"));
    assertThat(table(LakeTable.PLAYLIST_TRACK, OutputFormat.ICEBERG).where("snapshot_date = '2026-03-03'")
        .select("playlist_id").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactlyInAnyOrder("59ZbFPES4DQwEjBpWHzrtC", "1Cp6VQCKf2VL4sP09jN9oX", "21THa8j9TaSGuXYNBU5tsC");
    Row song = table(LakeTable.SONG).where("song_id = '7pk3EpFtmsOdj8iUhjmeCM'").first();
    assertThat(song.<String>getAs("song_name")).isEqualTo("Otra Vez (feat. J Balvin)");
    assertThat(song.<String>getAs("artist_id")).isEqualTo("21451j1KhjAiaYKflxBjr1");
    // loose files are kept in processed/ under the date they were given and the playlist they hold (was: at the
    // root of processed/, where a later run re-dated the undated one)
    assertThat(lake.files(RawLayout.PROCESSED)).contains(
        RawLayout.legacyKey(runDate, "0pM0KTMXM7K5qr3sL2DPw1", "spotify_raw_latest.json"),
        RawLayout.legacyKey(march3, "21THa8j9TaSGuXYNBU5tsC", "spotify_raw_20260303T101500.json"));
  }
}
