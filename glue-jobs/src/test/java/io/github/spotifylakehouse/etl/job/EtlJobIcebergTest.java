package io.github.spotifylakehouse.etl.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.spotifylakehouse.etl.IcebergMetadata;
import io.github.spotifylakehouse.etl.LakeTables;
import io.github.spotifylakehouse.etl.RawLake;
import io.github.spotifylakehouse.etl.TestSpark;
import io.github.spotifylakehouse.etl.schema.EntrySchema;
import io.github.spotifylakehouse.lake.Column;
import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.OutputFormat;
import io.github.spotifylakehouse.testkit.Fixtures;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole job writing the Iceberg tables through the local catalog (Hive metastore on Derby). */
class EtlJobIcebergTest {

  private static final LocalDate DAY_1 = LocalDate.of(2026, 11, 20);
  private static final LocalDate DAY_2 = LocalDate.of(2026, 11, 21);

  @TempDir
  Path dir;

  private RawLake lake;
  private final String database = LakeTables.newDatabase();
  private String playlistA;
  private String playlistB;

  @BeforeEach
  void createLake() {
    lake = new RawLake(dir.resolve("lake"), 13);
    List<String> ids = lake.catalog().playlistIds(2);
    playlistA = ids.get(0);
    playlistB = ids.get(1);
  }

  private JobSummary run(LocalDate runDate) {
    return EtlJob.run(TestSpark.session(), JobArguments.of(lake.root().toString(), runDate,
        EnumSet.of(OutputFormat.CSV, OutputFormat.ICEBERG)).withDatabase(database));
  }

  private Map<LakeTable, Integer> snapshotCounts() {
    Map<LakeTable, Integer> counts = new EnumMap<>(LakeTable.class);
    for (LakeTable table : LakeTable.values()) {
      counts.put(table, IcebergMetadata.snapshots(TestSpark.session(), database, table).size());
    }
    return counts;
  }

  private List<String> rowsOf(LakeTable table, LocalDate date) {
    return LakeTables.readIceberg(database, table).where("snapshot_date = DATE'" + date + "'")
        .collectAsList().stream().map(Row::toString).sorted().collect(Collectors.toList());
  }

  @Test
  void icebergTablesHaveTheContractsTypesExactlyAndTheSameRowsAsTheCsv() {
    lake.syntheticRun(DAY_2, playlistA, "20261121T060000Z-0000000a", 150, true);

    JobSummary summary = run(DAY_2);

    assertThat(summary.phaseMillis()).containsKey(JobSummary.PHASE_WRITE_ICEBERG);
    for (LakeTable table : LakeTable.values()) {
      List<StructField> fields = List.of(LakeTables.readIceberg(database, table).schema().fields());
      assertThat(fields).as(table.tableName()).hasSize(table.columns().size() + 1);
      for (int i = 0; i < table.columns().size(); i++) {
        Column column = table.columns().get(i);
        assertThat(fields.get(i).name()).isEqualTo(column.name());
        assertThat(fields.get(i).dataType()).as(table.tableName() + "." + column.name())
            .isEqualTo(EntrySchema.sparkType(column));
      }
      assertThat(fields.get(fields.size() - 1).name()).isEqualTo(LakeTable.PARTITION_COLUMN);
      assertThat(fields.get(fields.size() - 1).dataType()).isEqualTo(DataTypes.DateType);
      assertThat(LakeTables.readIceberg(database, table).count()).as(table.tableName())
          .isEqualTo(summary.rows(table)).isPositive();
      assertThat(IcebergMetadata.properties(TestSpark.session(), database, table)).containsEntry("format-version", "2");
    }
    assertThat(LakeTables.readIceberg(database, LakeTable.PLAYLIST).collectAsList())
        .extracting(r -> r.getAs("playlist_id"), r -> r.getAs("playlist_name"), r -> r.getAs("is_public"),
            r -> r.getAs("playlist_url"))
        .containsExactly(tuple(playlistA, lake.catalog().playlistName(playlistA), true,
            "https://open.spotify.com/playlist/" + playlistA));
  }

  @Test
  void oneSnapshotPerTablePerRunAndARerunOfADateReplacesExactlyThatDate() {
    lake.syntheticRun(DAY_1, playlistA, "20261120T060000Z-0000000a", 120, true);
    run(DAY_1);
    assertThat(snapshotCounts()).allSatisfy((table, count) -> assertThat(count).as(table.tableName()).isEqualTo(1));
    Map<LakeTable, List<String>> day1 = new EnumMap<>(LakeTable.class);
    for (LakeTable table : LakeTable.values()) {
      day1.put(table, rowsOf(table, DAY_1));
    }

    lake.syntheticRun(DAY_2, playlistA, "20261121T060000Z-0000000b", 100, true);
    lake.syntheticRun(DAY_2, playlistB, "20261121T060500Z-0000000c", 60, true);
    run(DAY_2);
    assertThat(snapshotCounts()).allSatisfy((table, count) -> assertThat(count).as(table.tableName()).isEqualTo(2));

    // a later extraction of DAY_2 (A shrank to 30 entries): only DAY_2 is recomputed, in one more commit each
    lake.syntheticRun(DAY_2, playlistA, "20261121T180000Z-0000000d", 30, true);
    JobSummary third = run(DAY_2);
    assertThat(third.datesWritten()).containsExactly(DAY_2);
    assertThat(snapshotCounts()).allSatisfy((table, count) -> assertThat(count).as(table.tableName()).isEqualTo(3));
    for (LakeTable table : LakeTable.values()) {
      assertThat(rowsOf(table, DAY_1)).as(table.tableName() + " of the other date").isEqualTo(day1.get(table));
    }
    assertThat(LakeTables.readIceberg(database, LakeTable.PLAYLIST_TRACK)
        .where("snapshot_date = DATE'" + DAY_2 + "' AND playlist_id = '" + playlistA + "'")
        .select("position").as(org.apache.spark.sql.Encoders.INT()).collectAsList())
        .isNotEmpty().allMatch(position -> position < 30);
    assertThat(LakeTables.readIceberg(database, LakeTable.PLAYLIST).where("snapshot_date = DATE'" + DAY_2 + "'")
        .count()).isEqualTo(2);
    // a run with nothing new commits nothing
    run(DAY_2);
    assertThat(snapshotCounts()).allSatisfy((table, count) -> assertThat(count).isEqualTo(3));
  }

  @Test
  void thePlaylistTableHoldsThePlaylistObjectsOwnFieldsOncePerDay() {
    // two recorded playlist objects of one playlist on one day: one row
    lake.run(DAY_1, "59ZbFPES4DQwEjBpWHzrtC", "20261120T060000Z-00000001",
        List.of(Fixtures.text(Fixtures.JAVA_PLAYLIST)), true);
    lake.run(DAY_1, "59ZbFPES4DQwEjBpWHzrtC", "20261120T070000Z-00000002",
        List.of(Fixtures.text(Fixtures.RC3_PLAYLIST)), true);

    run(DAY_1);

    Row playlist = LakeTables.readIceberg(database, LakeTable.PLAYLIST).first();
    assertThat(playlist.<String>getAs("playlist_id")).isEqualTo("59ZbFPES4DQwEjBpWHzrtC");
    assertThat(playlist.<String>getAs("playlist_name")).isEqualTo("Dinner with Friends");
    assertThat(playlist.<String>getAs("owner_id")).isEqualTo("spotify");
    assertThat(playlist.<Boolean>getAs("is_collaborative")).isFalse();
    assertThat(playlist.<Long>getAs("followers")).isEqualTo(143_350L);
    assertThat(LakeTables.readIceberg(database, LakeTable.PLAYLIST).count()).isEqualTo(1);
  }
}
