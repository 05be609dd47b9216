package io.github.spotifylakehouse.etl.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.spotifylakehouse.etl.RawLake;
import io.github.spotifylakehouse.etl.TestSpark;
import io.github.spotifylakehouse.etl.job.BuildStage.Built;
import io.github.spotifylakehouse.etl.job.ParseStage.Parsed;
import io.github.spotifylakehouse.lake.LakeTable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the built tables are laid out for writing: which need a shuffle, and how many tasks write each date. */
class BuildStageTest {

  private static final LocalDate DAY = LocalDate.of(2026, 11, 21);
  private static final LocalDate DAY_2 = LocalDate.of(2026, 11, 22);
  /** A line of a physical plan for a shuffle: {@code +- Exchange hashpartitioning(...)}. */
  private static final Pattern SHUFFLE = Pattern.compile("(?m)^[\\s:+|-]*Exchange ");

  @TempDir
  Path dir;

  private final SparkSession spark = TestSpark.session();
  private Parsed parsed;
  private Set<LocalDate> dates;
  private final List<Built> built = new ArrayList<>();
  private PlanExecution execution;

  @BeforeEach
  void parseTwoDaysOfFourPlaylists() {
    // as the job runs: adaptive execution off, plans compiled
    execution = PlanExecution.forRun(spark, Long.MAX_VALUE);
    RawLake lake = new RawLake(dir.resolve("lake"), 11);
    List<String> ids = lake.catalog().playlistIds(4);
    lake.syntheticRun(DAY, ids.get(0), "20261121T060000Z-0000000a", 130, true);
    lake.syntheticRun(DAY, ids.get(1), "20261121T070000Z-0000000b", 70, true);
    lake.syntheticRun(DAY, ids.get(2), "20261121T080000Z-0000000c", 40, true);
    lake.syntheticRun(DAY_2, ids.get(3), "20261122T060000Z-0000000d", 60, true);
    ParseStageTest.PlannedAndParsed run = ParseStageTest.planAndParse(spark, lake, DAY_2);
    parsed = run.parsed();
    dates = new TreeSet<>(run.planned().inventory().dates());
    assertThat(dates).containsExactly(DAY, DAY_2);
  }

  @AfterEach
  void release() {
    built.forEach(Built::release);
    EtlJob.release(parsed.parsed());
    execution.close();
  }

  private Built build(Map<LocalDate, Long> entriesByDate) {
    Built tables = BuildStage.run(spark, parsed.entries(), parsed.files(), dates, entriesByDate);
    built.add(tables);
    return tables;
  }

  /**
   * Whether the physical plan of {@code table} has a shuffle exchange, read off its text: under adaptive execution
   * the plan is one node whose text holds the plan it adapts.
   */
  private static boolean shuffles(Dataset<Row> table) {
    return SHUFFLE.matcher(table.queryExecution().executedPlan().toString()).find();
  }

  /** Per task, the (date, playlist) pairs of its playlist_track rows, in row order. */
  private static List<List<String>> playlistsPerTask(Dataset<Row> tracks) {
    List<List<String>> tasks = new ArrayList<>();
    for (List<Row> rows : tracks.javaRDD().glom().collect()) {
      List<String> keys = new ArrayList<>();
      for (Row row : rows) {
        keys.add(row.getAs(LakeTable.PARTITION_COLUMN) + "/" + row.getAs("playlist_id") + "/"
            + String.format("%05d", (Integer) row.getAs("position")));
      }
      tasks.add(keys);
    }
    return tasks;
  }

  @Test
  void theTablesMadeFromTheSongVersionsAreWrittenWithoutAShuffle() {
    Built tables = build(parsed.tally().entriesByDate());
    for (LakeTable table : List.of(LakeTable.SONG, LakeTable.SONG_ARTIST, LakeTable.ALBUM, LakeTable.ARTIST)) {
      Dataset<Row> laidOut = tables.tables().get(table).get();
      assertThat(shuffles(laidOut)).as(table.tableName()).isFalse();
      // still one task per date: every date's rows in one partition
      List<Set<Object>> datesPerTask = new ArrayList<>();
      for (List<Row> rows : laidOut.javaRDD().glom().collect()) {
        Set<Object> taskDates = new TreeSet<>();
        rows.forEach(r -> taskDates.add(r.getAs(LakeTable.PARTITION_COLUMN)));
        datesPerTask.add(taskDates);
      }
      Map<Object, Integer> tasksPerDate = new HashMap<>();
      datesPerTask.forEach(ds -> ds.forEach(d -> tasksPerDate.merge(d, 1, Integer::sum)));
      assertThat(tasksPerDate).as(table.tableName()).hasSize(2).allSatisfy((d, n) -> assertThat(n).isEqualTo(1));
    }
    // the others are laid out from rows in no useful partitioning
    assertThat(shuffles(tables.tables().get(LakeTable.PLAYLIST_TRACK).get())).isTrue();
  }

  @Test
  void playlistTrackHasOneTaskPerDateUnlessADateHoldsMoreThanAFileOfEntries() {
    Map<LocalDate, Long> small = parsed.tally().entriesByDate();
    assertThat(small).containsEntry(DAY, 240L).containsEntry(DAY_2, 60L);
    List<List<String>> oneFilePerDate = playlistsPerTask(build(small).tables().get(LakeTable.PLAYLIST_TRACK).get());
    for (LocalDate date : dates) {
      assertThat(oneFilePerDate.stream().filter(t -> t.stream().anyMatch(k -> k.startsWith(date + "/"))))
          .as("tasks holding %s", date).hasSize(1);
    }

    // as if the first date held 250,000 entries: three tasks, each playlist whole in one of them
    Map<LocalDate, Long> large = Map.of(DAY, 250_000L, DAY_2, 60L);
    assertThat(BuildStage.playlistTrackFiles(dates, large)).isEqualTo(3);
    List<List<String>> split = playlistsPerTask(build(large).tables().get(LakeTable.PLAYLIST_TRACK).get());
    assertThat(split).hasSize(3);
    assertThat(split.stream().filter(t -> t.stream().anyMatch(k -> k.startsWith(DAY + "/"))).count())
        .as("tasks writing a file of %s", DAY).isGreaterThan(1);
    Map<String, Integer> tasksPerPlaylist = new HashMap<>();
    for (List<String> task : split) {
      assertThat(task).as("rows sorted by date, playlist and position").isSorted();
      task.stream().map(k -> k.substring(0, k.lastIndexOf('/'))).distinct()
          .forEach(p -> tasksPerPlaylist.merge(p, 1, Integer::sum));
    }
    assertThat(tasksPerPlaylist).hasSize(4).allSatisfy((p, n) -> assertThat(n).as(p).isEqualTo(1));
    // the same rows as one task per date, and the same layout when built again
    assertThat(split.stream().flatMap(List::stream).sorted().toList())
        .isEqualTo(oneFilePerDate.stream().flatMap(List::stream).sorted().toList());
    assertThat(playlistsPerTask(build(large).tables().get(LakeTable.PLAYLIST_TRACK).get())).isEqualTo(split);
  }

  @Test
  void filesOfPlaylistTrackFollowTheLargestDate() {
    Set<LocalDate> both = Set.of(DAY, DAY_2);
    assertThat(BuildStage.playlistTrackFiles(both, Map.of())).isEqualTo(1);
    assertThat(BuildStage.playlistTrackFiles(both, Map.of(DAY, 100_000L, DAY_2, 5L))).isEqualTo(1);
    assertThat(BuildStage.playlistTrackFiles(both, Map.of(DAY, 100_001L, DAY_2, 5L))).isEqualTo(2);
    assertThat(BuildStage.playlistTrackFiles(both, Map.of(DAY, 5L, DAY_2, 1_000_000L))).isEqualTo(10);
    // a date the run does not rewrite does not count
    assertThat(BuildStage.playlistTrackFiles(Set.of(DAY), Map.of(DAY, 5L, DAY_2, 1_000_000L))).isEqualTo(1);
    assertThat(BuildStage.playlistTrackFiles(both, Map.of(DAY, 1_000_000_000L))).isEqualTo(BuildStage.MAX_TRACK_FILES);
  }
}
