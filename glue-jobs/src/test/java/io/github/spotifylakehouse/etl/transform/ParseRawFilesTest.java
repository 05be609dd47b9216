package io.github.spotifylakehouse.etl.transform;

import static io.github.spotifylakehouse.etl.transform.RawRows.file;
import static io.github.spotifylakehouse.etl.transform.RawRows.rawFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.spotifylakehouse.testkit.Fixtures;
import io.github.spotifylakehouse.etl.schema.EntrySchema;
import io.github.spotifylakehouse.etl.schema.SkipKind;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class ParseRawFilesTest {

  @Test
  void everyFileGetsAResultRowAndGoodFilesTheirEntries() {
    Dataset<Row> parsed = ParseRawFiles.apply(rawFiles(
        file("raw/a.json", "2026-03-03", null, "r1", Fixtures.bytes(Fixtures.JOOSTLEK_PLAYLIST_3)),
        file("raw/b.json", "2026-03-03", "FolderId", "r2", Fixtures.bytes(Fixtures.JAVA_ITEMS)),
        file("raw/c.json", "2026-03-03", null, "r3", Fixtures.bytes(Fixtures.JOOSTLEK_NOT_FOUND))));

    Map<String, Row> files = ParseRawFiles.files(parsed).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs(EntrySchema.FILE_PATH), r -> r));
    assertThat(files).containsOnlyKeys("raw/a.json", "raw/b.json", "raw/c.json");
    Row a = files.get("raw/a.json");
    assertThat((String) a.getAs(EntrySchema.FILE_STATUS)).isEqualTo(EntrySchema.STATUS_READ);
    assertThat((String) a.getAs(EntrySchema.PLAYLIST_ID)).isEqualTo("0pM0KTMXM7K5qr3sL2DPw1");
    assertThat((String) a.getAs(EntrySchema.FILE_SHAPE)).isEqualTo("playlist");
    assertThat((String) a.getAs(EntrySchema.FILE_ENTRY_KEY)).isEqualTo("track");
    assertThat((Integer) a.getAs(EntrySchema.FILE_ENTRIES)).isEqualTo(3);
    assertThat((Integer) a.getAs(EntrySchema.skippedColumn(SkipKind.EPISODE))).isEqualTo(1);
    assertThat((Integer) a.getAs(EntrySchema.FILE_OFFSET)).isZero();
    assertThat((String) a.getAs(EntrySchema.RUN_KEY)).isEqualTo("r1");
    assertThat((Long) a.getAs(EntrySchema.FILE_BYTES)).isEqualTo(Fixtures.bytes(Fixtures.JOOSTLEK_PLAYLIST_3).length);
    Row b = files.get("raw/b.json");
    assertThat((String) b.getAs(EntrySchema.PLAYLIST_ID)).isEqualTo("FolderId");
    assertThat((Integer) b.getAs(EntrySchema.skippedColumn(SkipKind.NULL_ENTRY))).isEqualTo(1);
    Row c = files.get("raw/c.json");
    assertThat((String) c.getAs(EntrySchema.FILE_STATUS)).isEqualTo(EntrySchema.STATUS_REJECTED);
    assertThat((String) c.getAs(EntrySchema.FILE_REASON)).contains("status 404: Resource not found");

    List<Row> entries = ParseRawFiles.entries(parsed).orderBy(EntrySchema.FILE_ORDER, EntrySchema.POSITION)
        .collectAsList();
    assertThat(entries).extracting(r -> (String) r.getAs(EntrySchema.SONG_ID))
        .containsExactly("4bEdcyI0l4zX2Ut5m5Xrhw", "2kmZop34md5KWP4gn7Zuj8", "7pk3EpFtmsOdj8iUhjmeCM");
    Row first = entries.get(0);
    assertThat((String) first.getAs(EntrySchema.SNAPSHOT_DATE)).isEqualTo("2026-03-03");
    assertThat((Integer) first.getAs(EntrySchema.FILE_ORDER)).isZero(); // r1 < r2 < r3
    assertThat(((Timestamp) first.getAs(EntrySchema.ADDED_AT)).toInstant())
        .isEqualTo(Instant.parse("2024-05-16T20:46:24Z"));
    assertThat(((Date) first.getAs(EntrySchema.RELEASE_DATE)).toLocalDate()).isEqualTo(LocalDate.of(2020, 5, 1));
    assertThat((Integer) first.getAs(EntrySchema.POPULARITY)).isEqualTo(19);
    List<Row> artists = first.getList(first.fieldIndex(EntrySchema.ARTISTS));
    assertThat(artists).extracting(r -> (String) r.getAs(EntrySchema.ARTIST_NAME)).containsExactly("Saint Nomad");
    assertThat((String) entries.get(2).getAs(EntrySchema.PLAYLIST_ID)).isEqualTo("FolderId");
  }

  @Test
  void nothingInAFileFailsTheTaskEveryBadFileIsARejectedRow() {
    String farFuture = RawRows.page("P", 0, RawRows.entry("+300000-01-01T00:00:00Z", null, "{\"id\": \"a\"}"));
    Row unreadable = org.apache.spark.sql.RowFactory.create("raw/gone.json", "2026-03-03", null, "r4", -1, new byte[0],
        "cannot be read: java.io.FileNotFoundException: raw/gone.json");
    Dataset<Row> parsed = ParseRawFiles.apply(rawFiles(
        file("raw/good.json", "2026-03-03", null, "r1", Fixtures.bytes(Fixtures.JAVA_ITEMS)),
        file("raw/future.json", "2026-03-03", null, "r2", farFuture),
        file("raw/deep.json", "2026-03-03", null, "r3", "{\"x\": " + "[".repeat(100_000)),
        unreadable));

    Map<String, String> reasons = ParseRawFiles.files(parsed).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs(EntrySchema.FILE_PATH),
            r -> String.valueOf((Object) r.getAs(EntrySchema.FILE_REASON))));
    assertThat(reasons).containsEntry("raw/good.json", "null")
        .containsEntry("raw/future.json",
            "field 'items[0].added_at' is out of range (years 0001 to 9999): '+300000-01-01T00:00:00Z'")
        .containsEntry("raw/gone.json", "cannot be read: java.io.FileNotFoundException: raw/gone.json");
    assertThat(reasons.get("raw/deep.json")).startsWith("over a parser limit: Depth (101)");
    assertThat(ParseRawFiles.entries(parsed).count()).isEqualTo(1);
  }

  @Test
  void theEntrySchemaIsExplicitAndCarriesTheLakesTypes() {
    Dataset<Row> entries = ParseRawFiles.entries(ParseRawFiles.apply(rawFiles()));

    assertThat(entries.schema()).isEqualTo(EntrySchema.ENTRY);
    assertThat(entries.count()).isZero();
  }
}
