package io.github.spotifylakehouse.etl.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.spotifylakehouse.etl.RawLake;
import io.github.spotifylakehouse.etl.TestSpark;
import io.github.spotifylakehouse.etl.io.LakeFileSystem;
import io.github.spotifylakehouse.etl.job.ParseStage.Parsed;
import io.github.spotifylakehouse.etl.schema.EntrySchema;
import io.github.spotifylakehouse.etl.transform.ParseRawFiles;
import io.github.spotifylakehouse.lake.OutputFormat;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file rows the parse hands to the tally and to the tables. */
class ParseStageTest {

  private static final LocalDate DAY = LocalDate.of(2026, 11, 21);

  @TempDir
  Path dir;

  private final SparkSession spark = TestSpark.session();

  /** A run's plan and parse, as the job makes them. */
  record PlannedAndParsed(PlanStage.Planned planned, Parsed parsed) {
  }

  /** The first two stages of a CSV run of {@code runDate} over {@code lake}, as the job runs them. */
  static PlannedAndParsed planAndParse(SparkSession spark, RawLake lake, LocalDate runDate) {
    JobArguments args = JobArguments.of(lake.root().toString(), runDate, EnumSet.of(OutputFormat.CSV));
    PlanStage.Planned planned = PlanStage.run(LakeFileSystem.resolve(args.lakeRoot(),
        spark.sessionState().newHadoopConf()), args, Instant.now());
    Parsed parsed = ParseStage.run(spark, planned.inventory(), spark.sessionState().newHadoopConf(),
        args.maxRawFileBytes());
    return new PlannedAndParsed(planned, parsed);
  }

  @Test
  void fileRowsAreCollectedAsSparkWouldCollectThem() {
    RawLake lake = new RawLake(dir.resolve("lake"), 3);
    List<String> ids = lake.catalog().playlistIds(2);
    lake.syntheticRun(DAY, ids.get(0), "20261121T060000Z-0000000a", 150, true);
    // a run whose second page is cut short: a rejected file row, its reason set and its counts null
    lake.run(DAY, ids.get(1), "20261121T070000Z-0000000b",
        List.of(lake.catalog().playlistObject(ids.get(1), 130, RawLake.API, DAY), "{\"items\": [tru"), true);
    Parsed parsed = planAndParse(spark, lake, DAY).parsed();
    try {
      List<Row> expected = ParseRawFiles.files(parsed.parsed()).collectAsList();
      List<Row> collected = ParseStage.collect(ParseRawFiles.files(parsed.parsed()));

      assertThat(expected).hasSize(4);
      assertThat(collected).isEqualTo(expected);
      // read by name, as the tally reads them, nested playlist object included
      assertThat(collected).allSatisfy(r ->
          assertThat(r.schema().fieldNames()).containsExactly(EntrySchema.FILE.fieldNames()));
      assertThat(collected).filteredOn(r -> EntrySchema.STATUS_REJECTED.equals(r.getAs(EntrySchema.FILE_STATUS)))
          .singleElement().satisfies(r -> assertThat((String) r.getAs(EntrySchema.FILE_REASON)).contains("JSON"));
      assertThat(collected).filteredOn(r -> r.getAs(EntrySchema.FILE_PLAYLIST) != null)
          .extracting(r -> ((Row) r.getAs(EntrySchema.FILE_PLAYLIST)).getAs(EntrySchema.PLAYLIST_NAME))
          .hasSize(2).doesNotContainNull();
      assertThat(parsed.tally().rejections()).hasSize(1);
      assertThat(parsed.tally().filesRead()).isEqualTo(3);
      assertThat(parsed.files().collectAsList()).isEqualTo(expected);
    } finally {
      EtlJob.release(parsed.parsed());
    }
  }
}
