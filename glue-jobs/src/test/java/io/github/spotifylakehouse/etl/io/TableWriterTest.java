package io.github.spotifylakehouse.etl.io;

import io.github.spotifylakehouse.lake.CsvDialect;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.spotifylakehouse.etl.TestSpark;
import io.github.spotifylakehouse.etl.schema.EntrySchema;
import io.github.spotifylakehouse.lake.LakeTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableWriterTest {

  private static final List<String> AWKWARD_NAMES = List.of(
      "Hey, Soul Sister",
      "Symphony No. 9 \"Choral\"",
      "\"Quoted\" at both ends \"",
      "Line one\nline two",
      "Windows\r\nline break",
      "夜に駆ける",
      "Кино, \"Группа крови\"",
      "أغنية الليل",
      "🔥 Fire 🔥",
      "trailing space ",
      "back\\slash",
      "'single' quotes");

  private final SparkSession spark = TestSpark.session();

  @TempDir
  Path lakeDir;

  private LakeFileSystem lake() {
    return LakeFileSystem.resolve(lakeDir.toString(), spark.sparkContext().hadoopConfiguration());
  }

  private static StructType songSchema() {
    StructType schema = new StructType();
    for (io.github.spotifylakehouse.lake.Column column : LakeTable.SONG.columns()) {
      schema = schema.add(column.name(), EntrySchema.sparkType(column), true);
    }
    return schema.add(LakeTable.PARTITION_COLUMN, DataTypes.StringType, false);
  }

  private Dataset<Row> songs(String date, List<String> names) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      rows.add(RowFactory.create("id" + i, names.get(i), 1000 + i, i % 2 == 0, i == 0 ? null : i, 1, 1, "ISRC",
          "album", "artist", "https://open.spotify.com/track/id" + i,
          Timestamp.from(Instant.parse("2026-03-03T04:05:06Z")), date));
    }
    return spark.createDataFrame(rows, songSchema()).repartition(1);
  }

  private Dataset<Row> readCsv(LakeTable table) {
    return spark.read().options(CsvDialect.OPTIONS).option("multiLine", "true").schema(songSchema())
        .csv(TableWriter.location(table, lake()).toString());
  }

  @Test
  void awkwardNamesReadBackUnchangedFromCsv() throws IOException {
    TableWriter.write(songs("2026-03-03", AWKWARD_NAMES), LakeTable.SONG, lake(), true);

    List<Row> back = readCsv(LakeTable.SONG).orderBy("song_id").collectAsList();
    List<String> expectedIds = new ArrayList<>();
    for (int i = 0; i < AWKWARD_NAMES.size(); i++) {
      expectedIds.add("id" + i);
    }
    expectedIds.sort(null);
    assertThat(back).extracting(r -> (String) r.getAs("song_id")).containsExactlyElementsOf(expectedIds);
    for (Row row : back) {
      int i = Integer.parseInt(row.<String>getAs("song_id").substring(2));
      // line breaks become spaces in the CSV only (Athena would split the row there); the rest is exact
      assertThat(row.<String>getAs("song_name")).isEqualTo(AWKWARD_NAMES.get(i).replaceAll("[\\r\\n]", " "));
      assertThat(row.<Integer>getAs("popularity")).isEqualTo(i == 0 ? null : i);
      assertThat(row.<Timestamp>getAs("song_added").toInstant()).isEqualTo(Instant.parse("2026-03-03T04:05:06Z"));
    }

    String csv = csvText(LakeTable.SONG, "2026-03-03");
    assertThat(csv).startsWith(String.join(",", LakeTable.SONG.columnNames()) + "\n");
    assertThat(csv.split("\n", -1)).as("one line per row, the header, and the final newline")
        .hasSize(AWKWARD_NAMES.size() + 2);
    assertThat(csv).doesNotContain("\r").contains(",Windows  line break,", ",Line one line two,");
    assertThat(csv).contains("\"Symphony No. 9 \"\"Choral\"\"\"");
    assertThat(csv).contains("\"Hey, Soul Sister\"");
    assertThat(csv).contains(",2026-03-03 04:05:06\n");
    assertThat(csv).contains("id0,Hey, Soul Sister".replace("Hey, Soul Sister", "\"Hey, Soul Sister\"") + ",1000,true,,");
  }

  @Test
  void aWriteReplacesOnlyTheDatesItHolds() throws IOException {
    TableWriter.write(songs("2026-03-01", List.of("a", "b")), LakeTable.SONG, lake(), true);
    TableWriter.write(songs("2026-03-02", List.of("c")), LakeTable.SONG, lake(), true);
    TableWriter.write(songs("2026-03-01", List.of("d")), LakeTable.SONG, lake(), true);

    assertThat(readCsv(LakeTable.SONG).orderBy("snapshot_date").collectAsList())
        .extracting(r -> r.getAs("snapshot_date").toString(), r -> r.getAs("song_name"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-03-01", "d"),
            org.assertj.core.groups.Tuple.tuple("2026-03-02", "c"));
    try (Stream<Path> files = Files.walk(lakeDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.equals("_SUCCESS"));
    }

    TableWriter.deletePartitions(LakeTable.SONG, lake(), List.of(LocalDate.of(2026, 3, 2)));
    assertThat(readCsv(LakeTable.SONG).collectAsList()).extracting(r -> r.getAs("song_name")).containsExactly("d");
  }

  private String csvText(LakeTable table, String date) throws IOException {
    Path partition = lakeDir.resolve(table.csvPrefix()).resolve(LakeTable.PARTITION_COLUMN + "=" + date);
    try (Stream<Path> files = Files.list(partition)) {
      List<Path> csv = files.filter(p -> p.getFileName().toString().endsWith(".csv")).collect(Collectors.toList());
      assertThat(csv).hasSize(1);
      return Files.readString(csv.get(0), StandardCharsets.UTF_8);
    }
  }
}
