package io.github.spotifylakehouse.etl.transform;

import static io.github.spotifylakehouse.etl.transform.RawRows.entry;
import static io.github.spotifylakehouse.etl.transform.RawRows.file;
import static io.github.spotifylakehouse.etl.transform.RawRows.page;
import static io.github.spotifylakehouse.etl.transform.RawRows.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.spotifylakehouse.testkit.Fixtures;
import io.github.spotifylakehouse.etl.schema.EntrySchema;
import io.github.spotifylakehouse.lake.LakeTable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TablesTest {

  private static final String DAY = "2026-03-03";
  private static Map<LakeTable, List<Row>> fromFixtures;

  /** Every recorded playlist response, each as its own run (as loose files: no folder playlist id). */
  @BeforeAll
  static void buildTablesFromEveryRecordedResponse() {
    List<Row> files = new ArrayList<>();
    int run = 0;
    for (String fixture : Fixtures.PLAYLIST_SHAPES) {
      files.add(file("raw_data/to_process/" + fixture, DAY, null, "run-" + (run++), Fixtures.bytes(fixture)));
    }
    Row[] rows = files.toArray(new Row[0]);
    Dataset<Row> entries = RawRows.entries(rows).cache();
    Dataset<Row> filesRead = RawRows.filesRead(rows);
    Dataset<Row> versions = Tables.songVersions(entries).cache();
    fromFixtures = new java.util.EnumMap<>(LakeTable.class);
    for (LakeTable table : LakeTable.values()) {
      fromFixtures.put(table, Tables.build(table, entries, versions, filesRead).collectAsList());
    }
  }

  private static Row only(LakeTable table, String column, Object value) {
    List<Row> rows = fromFixtures.get(table).stream()
        .filter(r -> value.equals(r.getAs(column))).collect(Collectors.toList());
    assertThat(rows).as("%s rows with %s = %s", table, column, value).hasSize(1);
    return rows.get(0);
  }

  private static Timestamp at(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  @Test
  void songsFromEveryRecordedShape() {
    assertThat(fromFixtures.get(LakeTable.SONG)).extracting(r -> (String) r.getAs("song_id"))
        .containsExactlyInAnyOrder("4i9sYtSIlR80bxje5B3rUb", "7pk3EpFtmsOdj8iUhjmeCM", "3ZL9gPzeCnKG9l5SB1SlcZ",
            "4oeRfmp9XpKWym6YD1WvBP", "4bEdcyI0l4zX2Ut5m5Xrhw", "2kmZop34md5KWP4gn7Zuj8");

    Row song = only(LakeTable.SONG, "song_id", "3ZL9gPzeCnKG9l5SB1SlcZ");
    assertThat((String) song.getAs("song_name")).isEqualTo("All I Need");
    assertThat((Integer) song.getAs("duration_ms")).isEqualTo(227934);
    assertThat((Boolean) song.getAs("explicit")).isFalse();
    assertThat((Integer) song.getAs("popularity")).isEqualTo(46);
    assertThat((Integer) song.getAs("track_number")).isEqualTo(1);
    assertThat((Integer) song.getAs("disc_number")).isEqualTo(1);
    assertThat((String) song.getAs("isrc")).isEqualTo("GBCFB2300770");
    assertThat((String) song.getAs("album_id")).isEqualTo("7cynQpUNbqg7ZqYQu11Yng");
    assertThat((String) song.getAs("artist_id")).isEqualTo("7zrkALJ9ayRjzysp4QYoEg");
    assertThat((String) song.getAs("song_url")).isEqualTo("https://open.spotify.com/track/3ZL9gPzeCnKG9l5SB1SlcZ");
    assertThat((Timestamp) song.getAs("song_added")).isEqualTo(at("2025-07-29T21:11:55Z"));
    assertThat((String) song.getAs(LakeTable.PARTITION_COLUMN)).isEqualTo(DAY);

    Row old = only(LakeTable.SONG, "song_id", "4i9sYtSIlR80bxje5B3rUb");
    assertThat((String) old.getAs("song_name")).isEqualTo("I'm Not The Only One - Radio Edit");
    assertThat((Integer) old.getAs("popularity")).isEqualTo(45);
    assertThat((String) old.getAs("artist_id")).isEqualTo("2wY79sveU1sp5g7SokKOiI");
    assertThat((Timestamp) old.getAs("song_added")).isEqualTo(at("2014-09-01T04:21:28Z"));
  }

  @Test
  void albumsArtistsAndCreditsFromEveryRecordedShape() {
    Row album = only(LakeTable.ALBUM, "album_id", "7cynQpUNbqg7ZqYQu11Yng");
    assertThat((String) album.getAs("album_name")).isEqualTo("All I Need");
    assertThat((String) album.getAs("album_type")).isEqualTo("single");
    assertThat(((Date) album.getAs("release_date")).toLocalDate()).isEqualTo(LocalDate.of(2025, 1, 13));
    assertThat((String) album.getAs("release_date_precision")).isEqualTo("day");
    assertThat((Integer) album.getAs("total_tracks")).isEqualTo(5);
    assertThat((String) album.getAs("album_url")).isEqualTo("https://open.spotify.com/album/7cynQpUNbqg7ZqYQu11Yng");
    Row oldAlbum = only(LakeTable.ALBUM, "album_id", "5GWoXPsTQylMuaZ84PC563");
    assertThat(oldAlbum.<java.sql.Date>getAs("release_date")).isNull();
    assertThat((String) oldAlbum.getAs("album_type")).isEqualTo("single");

    assertThat((String) only(LakeTable.ARTIST, "artist_id", "21451j1KhjAiaYKflxBjr1").getAs("artist_name"))
        .isEqualTo("Zion & Lennox");
    assertThat((String) only(LakeTable.ARTIST, "artist_id", "6SKEuFZYhaTytrhtJjgnO2").getAs("artist_url"))
        .isEqualTo("https://open.spotify.com/artist/6SKEuFZYhaTytrhtJjgnO2");
    assertThat(fromFixtures.get(LakeTable.ARTIST)).extracting(r -> (String) r.getAs("artist_id"))
        .doesNotContainNull()
        .contains("2wY79sveU1sp5g7SokKOiI", "1vyhD5VmyZ7KMfW5gqLgo5", "2vm8GdHyrJh2O2MfbQFYG0", "6DDZJCwSnNF361mUwPEm4G");

    assertThat(fromFixtures.get(LakeTable.SONG_ARTIST).stream()
        .filter(r -> r.getAs("song_id").equals("7pk3EpFtmsOdj8iUhjmeCM")))
        .extracting(r -> r.getAs("artist_id"), r -> r.getAs("artist_position"))
        .containsExactlyInAnyOrder(tuple("21451j1KhjAiaYKflxBjr1", 0), tuple("1vyhD5VmyZ7KMfW5gqLgo5", 1));
  }

  @Test
  void playlistTracksFromTheLatestRunOfEachPlaylist() {
    List<Row> tracks = fromFixtures.get(LakeTable.PLAYLIST_TRACK);
    // playlist_1 (run-6) and playlist_items (run-9) are two runs of one playlist: the latter wins
    assertThat(tracks.stream().filter(r -> r.getAs("playlist_id").equals("1Cp6VQCKf2VL4sP09jN9oX")))
        .extracting(r -> r.getAs("position"), r -> r.getAs("song_id"), r -> r.getAs("added_by"))
        .containsExactly(tuple(0, "3ZL9gPzeCnKG9l5SB1SlcZ", "1112264649"));
    // the episode at position 2 is no row; the local file at position 0 of playlist_2 neither
    assertThat(tracks.stream().filter(r -> r.getAs("playlist_id").equals("0pM0KTMXM7K5qr3sL2DPw1")))
        .extracting(r -> r.getAs("position"), r -> r.getAs("song_id"))
        .containsExactlyInAnyOrder(tuple(0, "4bEdcyI0l4zX2Ut5m5Xrhw"), tuple(1, "2kmZop34md5KWP4gn7Zuj8"));
    assertThat(tracks.stream().filter(r -> r.getAs("playlist_id").equals("3toMXYM91T55pKzuysH5Ph")))
        .extracting(r -> r.getAs("position"), r -> r.getAs("added_at"))
        .containsExactly(tuple(1, at("2013-01-19T22:16:08Z")));
    // 21THa8j9TaSGuXYNBU5tsC's latest run (run-5, the RC3 episode page) holds only an episode: no rows
    assertThat(tracks).extracting(r -> (String) r.getAs("playlist_id")).containsOnly("59ZbFPES4DQwEjBpWHzrtC",
        "1Cp6VQCKf2VL4sP09jN9oX", "3toMXYM91T55pKzuysH5Ph", "0pM0KTMXM7K5qr3sL2DPw1");
  }

  @Test
  void everyTableHasTheContractsColumnsAndOneRowPerKey() {
    Dataset<Row> entries = RawRows.entries(
        file("a", DAY, "P", "r1", Fixtures.bytes(Fixtures.JOOSTLEK_PLAYLIST_1)),
        file("b", DAY, "P", "r1", Fixtures.bytes(Fixtures.JOOSTLEK_ITEMS)));
    for (LakeTable table : LakeTable.values()) {
      Dataset<Row> rows = Tables.build(table, entries, Tables.songVersions(entries), RawRows.filesRead(file("a", DAY, "P", "r1", "{\"items\": []}")));
      List<String> names = new ArrayList<>(table.columnNames());
      names.add(LakeTable.PARTITION_COLUMN);
      assertThat(rows.schema().fieldNames()).as(table.tableName()).containsExactlyElementsOf(names);
      for (io.github.spotifylakehouse.lake.Column column : table.columns()) {
        StructField field = rows.schema().apply(column.name());
        assertThat(field.dataType()).as(column.name()).isEqualTo(EntrySchema.sparkType(column));
      }
    }
    for (LakeTable table : LakeTable.values()) {
      List<Row> rows = fromFixtures.get(table);
      long keys = rows.stream().map(r -> table.keyColumns().stream().map(k -> String.valueOf(r.<Object>getAs(k)))
          .collect(Collectors.joining("|"))).distinct().count();
      assertThat(keys).as(table.tableName()).isEqualTo(rows.size()).isPositive();
    }
  }

  @Test
  void theLatestRunWinsAndSongAddedIsTheEarliestOfTheDay() {
    Row[] files = {
        file("q/r0", DAY, "Q", "20260303T050000Z-00000000", page("Q", 0,
            entry("2019-05-05T10:00:00Z", "alice", track("S1").name("Old name").popularity(5).artist("A1", "Ann").json()))),
        file("p/r1", DAY, "P", "20260303T060000Z-00000000", page("P", 0,
            entry("2020-01-01T00:00:00Z", "bob", track("S1").name("Old name").popularity(10).artist("A1", "Ann").json()),
            entry("2020-01-02T00:00:00Z", "bob", track("S2").popularity(1).artist("A2", "Bo").json()))),
        file("p/r2", DAY, "P", "20260303T070000Z-00000000", page("P", 0,
            entry("2021-01-01T00:00:00Z", "bob", track("S1").name("New name").popularity(20).artist("A1", "Ann B.").json()))),
    };
    Dataset<Row> entries = RawRows.entries(files);
    Dataset<Row> filesRead = RawRows.filesRead(files);

    List<Row> songs = Tables.songs(Tables.songVersions(entries)).orderBy("song_id").collectAsList();
    assertThat(songs).extracting(r -> r.getAs("song_id"), r -> r.getAs("song_name"), r -> r.getAs("popularity"),
            r -> r.getAs("song_added"))
        .containsExactly(tuple("S1", "New name", 20, at("2019-05-05T10:00:00Z")),
            tuple("S2", "Song", 1, at("2020-01-02T00:00:00Z")));
    assertThat(Tables.artists(Tables.songVersions(entries)).where("artist_id = 'A1'").first().<String>getAs("artist_name"))
        .isEqualTo("Ann B.");

    List<Row> tracks = Tables.playlistTracks(entries, filesRead).orderBy("playlist_id", "position").collectAsList();
    assertThat(tracks).extracting(r -> r.getAs("playlist_id"), r -> r.getAs("position"), r -> r.getAs("song_id"))
        .containsExactly(tuple("P", 0, "S1"), tuple("Q", 0, "S1"));
  }

  @Test
  void eachSnapshotDateStandsAlone() {
    Dataset<Row> entries = RawRows.entries(
        file("d1", "2026-03-01", "P", "r", page("P", 0, entry("2020-01-01T00:00:00Z", null, track("S").popularity(1).json()))),
        file("d2", "2026-03-02", "P", "r", page("P", 0, entry("2020-01-01T00:00:00Z", null, track("S").popularity(2).json()))));

    assertThat(Tables.songs(Tables.songVersions(entries)).orderBy(LakeTable.PARTITION_COLUMN).collectAsList())
        .extracting(r -> r.getAs(LakeTable.PARTITION_COLUMN), r -> r.getAs("popularity"))
        .containsExactly(tuple("2026-03-01", 1), tuple("2026-03-02", 2));
  }

  @Test
  void overlappingPagesOfOneRunGiveOneRowPerPosition() {
    String first = page("P", 0, entry(null, null, track("S0").json()), entry(null, null, track("S1").json()));
    Row[] files = {file("run/page-00000.json", DAY, "P", "r", first), file("run/page-00001.json", DAY, "P", "r", first)};

    assertThat(Tables.playlistTracks(RawRows.entries(files), RawRows.filesRead(files)).collectAsList())
        .extracting(r -> r.getAs("position"), r -> r.getAs("song_id"), r -> r.getAs("added_at"))
        .containsExactlyInAnyOrder(tuple(0, "S0", null), tuple(1, "S1", null));
  }

  @Test
  void aPlaylistEmptiedInItsLatestRunHasNoTracks() {
    Row[] files = {
        file("r1", DAY, "P", "r1", page("P", 0, entry(null, null, track("S0").json()))),
        file("r2", DAY, "P", "r2", page("P", 0, "{\"is_local\": true, \"item\": {\"id\": null, \"is_local\": true}}"))};

    assertThat(Tables.playlistTracks(RawRows.entries(files), RawRows.filesRead(files)).count()).isZero();
    assertThat(Tables.songs(Tables.songVersions(RawRows.entries(files))).count()).isEqualTo(1);
  }

  @Test
  void releaseDatesCreditsAndAlbumArtists() {
    Dataset<Row> entries = RawRows.entries(file("f", DAY, "P", "r", page("P", 0,
        entry(null, null, track("Y").album("AY", "Year album").released("1981", "year")
            .artist("A1", "One").artist("A2", "Two").artist("A1", "One").albumArtist("VA", "Various Artists").json()),
        entry(null, null, track("M").album("AM", "Month album").released("1981-12", "month").json()))));

    assertThat(Tables.albums(Tables.songVersions(entries)).orderBy("album_id").collectAsList())
        .extracting(r -> r.getAs("album_id"), r -> ((Date) r.getAs("release_date")).toLocalDate(),
            r -> r.getAs("release_date_precision"))
        .containsExactly(tuple("AM", LocalDate.of(1981, 12, 1), "month"), tuple("AY", LocalDate.of(1981, 1, 1), "year"));
    assertThat(Tables.songArtists(Tables.songVersions(entries)).orderBy("artist_position").collectAsList())
        .extracting(r -> r.getAs("song_id"), r -> r.getAs("artist_id"), r -> r.getAs("artist_position"))
        .containsExactly(tuple("Y", "A1", 0), tuple("Y", "A2", 1));
    assertThat(Tables.artists(Tables.songVersions(entries)).orderBy("artist_id").collectAsList())
        .extracting(r -> r.getAs("artist_id"), r -> r.getAs("artist_name"))
        .containsExactly(tuple("A1", "One"), tuple("A2", "Two"), tuple("VA", "Various Artists"));
    assertThat(Tables.songs(Tables.songVersions(entries)).where("song_id = 'M'").first().<String>getAs("artist_id")).isNull();
  }
}
