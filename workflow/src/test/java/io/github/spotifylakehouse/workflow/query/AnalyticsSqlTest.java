package io.github.spotifylakehouse.workflow.query;

import static io.github.spotifylakehouse.workflow.testing.CsvLake.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.workflow.catalog.LocalCatalog;
import io.github.spotifylakehouse.workflow.steps.LocalSpark;
import io.github.spotifylakehouse.workflow.steps.RunnerConfig;
import io.github.spotifylakehouse.workflow.testing.CsvLake;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every analytics SQL file parses as Trino SQL (Athena engine v3) and runs on Spark SQL against the local
 * catalog's Iceberg tables, with exact answers on a small hand-made lake of two snapshots; the CSV copies are
 * registered beside them as the crawler registers them in AWS.
 */
class AnalyticsSqlTest {

  static final String OLD = "2026-11-20";
  static final String NEW = "2026-11-21";

  @TempDir
  static Path temp;
  private static SparkSession spark;
  private static String lakeRoot;
  private static QueryRunner runner;
  private static List<LocalCatalog.CatalogTable> tables;

  @BeforeAll
  static void createCatalog() {
    CsvLake lake = knownLake(new CsvLake(temp.resolve("lake")));
    lakeRoot = lake.write();
    RunnerConfig config = RunnerConfig.builder(temp.resolve("data")).sparkMaster("local[2]").build();
    spark = LocalSpark.start(config, Map.of());
    tables = new LocalCatalog(spark, LocalCatalog.DEFAULT_DATABASE).registerAll(lakeRoot);
    lake.writeIceberg(spark, LocalCatalog.DEFAULT_DATABASE);
    runner = new QueryRunner(spark, LocalCatalog.DEFAULT_DATABASE);
    SqlFile.views().forEach(runner::createView);
  }

  @AfterAll
  static void stop() throws Exception {
    if (spark != null) {
      LocalSpark.stop(spark, lakeRoot);
    }
  }

  /** Two snapshots; names with a comma, quotes, a line break and Greek letters; a song without popularity. */
  static CsvLake knownLake(CsvLake lake) {
    lake.add(LakeTable.PLAYLIST, NEW, playlist("playlistA", "Road Trip"), playlist("playlistB", "Late, \"Jazz\""),
        playlist("playlistC", "Δ mix"));
    lake.add(LakeTable.PLAYLIST, OLD, playlist("playlistA", "Road Trip (old name)"));
    lake.add(LakeTable.ARTIST, NEW,
        artist("ar1", "Alpha"), artist("ar2", "Beta, the Band"), artist("ar3", "Gamma \"G\""), artist("ar4", "Δέλτα"));
    lake.add(LakeTable.ARTIST, OLD, artist("ar1", "Alpha"), artist("ar2", "Beta, the Band"),
        artist("ar3", "Gamma \"G\""));
    lake.add(LakeTable.ALBUM, NEW,
        album("al1", "First", "album", "1987-06-01", "day"),
        album("al2", "Second", "single", "1999-01-01", "year"),
        album("al3", "Third", "compilation", "2003-05-01", "month"),
        album("al4", "Fourth", "album", "2021-03-04", "day"),
        album("al5", "Fifth", "album", "1985-01-01", "year"));
    lake.add(LakeTable.ALBUM, OLD,
        album("al1", "First", "album", "1987-06-01", "day"),
        album("al3", "Third", "compilation", "2003-05-01", "month"));
    lake.add(LakeTable.SONG, NEW,
        song("s1", "One", "al1", "ar1", false, 50, 200_000),
        song("s2", "Two", "al1", "ar1", true, 70, 180_000),
        song("s3", "Three\nlines", "al2", "ar2", false, null, 240_000),
        song("s4", "Four, with comma", "al3", "ar3", true, 90, 210_000),
        song("s5", "Five", "al4", "ar4", false, 10, 300_000));
    lake.add(LakeTable.SONG, OLD,
        song("s1", "One", "al1", "ar1", false, 40, 200_000),
        song("s2", "Two", "al1", "ar1", true, 75, 180_000),
        song("s4", "Four, with comma", "al3", "ar3", true, 90, 210_000));
    lake.add(LakeTable.SONG_ARTIST, NEW, credit("s1", "ar1", 0), credit("s2", "ar1", 0), credit("s2", "ar2", 1),
        credit("s3", "ar2", 0), credit("s4", "ar3", 0), credit("s4", "ar1", 1), credit("s5", "ar4", 0));
    lake.add(LakeTable.SONG_ARTIST, OLD, credit("s1", "ar1", 0), credit("s2", "ar1", 0), credit("s2", "ar2", 1),
        credit("s4", "ar3", 0), credit("s4", "ar1", 1));
    lake.add(LakeTable.PLAYLIST_TRACK, NEW,
        entry("playlistA", 0, "s1", "2026-10-01 10:00:00"), entry("playlistA", 1, "s2", "2026-10-02 10:00:00"),
        entry("playlistA", 2, "s3", "2026-11-19 08:30:00"), entry("playlistA", 3, "s4", "2026-10-03 10:00:00"),
        entry("playlistB", 0, "s2", "2026-09-01 00:00:00"), entry("playlistB", 1, "s4", "2026-09-02 00:00:00"),
        entry("playlistB", 2, "s5", "2026-11-20 23:59:59"),
        entry("playlistC", 0, "s1", null));
    lake.add(LakeTable.PLAYLIST_TRACK, OLD,
        entry("playlistA", 0, "s1", "2026-10-01 10:00:00"), entry("playlistA", 1, "s2", "2026-10-02 10:00:00"),
        entry("playlistA", 2, "s4", "2026-10-03 10:00:00"));
    return lake;
  }

  private static Map<String, Object> playlist(String id, String name) {
    return row("playlist_id", id, "playlist_name", name, "owner_id", "user1", "is_public", true,
        "is_collaborative", false, "snapshot_id", "snap-" + id, "followers", 3L,
        "playlist_url", "https://open.spotify.com/playlist/" + id);
  }

  private static Map<String, Object> artist(String id, String name) {
    return row("artist_id", id, "artist_name", name, "artist_url", "https://open.spotify.com/artist/" + id);
  }

  private static Map<String, Object> album(String id, String name, String type, String date, String precision) {
    return row("album_id", id, "album_name", name, "album_type", type, "release_date", date,
        "release_date_precision", precision, "total_tracks", 10, "album_url", "https://open.spotify.com/album/" + id);
  }

  private static Map<String, Object> song(String id, String name, String album, String artist, boolean explicit,
                                          Integer popularity, int durationMs) {
    return row("song_id", id, "song_name", name, "duration_ms", durationMs, "explicit", explicit,
        "popularity", popularity, "track_number", 1, "disc_number", 1, "isrc", "US" + id.toUpperCase(),
        "album_id", album, "artist_id", artist, "song_url", "https://open.spotify.com/track/" + id,
        "song_added", "2026-10-01 10:00:00");
  }

  private static Map<String, Object> credit(String song, String artist, int position) {
    return row("song_id", song, "artist_id", artist, "artist_position", position);
  }

  private static Map<String, Object> entry(String playlist, int position, String song, String addedAt) {
    return row("playlist_id", playlist, "position", position, "song_id", song, "added_at", addedAt,
        "added_by", "user1");
  }

  @Test
  void thereAreAtLeastSixQueriesAndTheQuickSightView() {
    assertThat(SqlFile.queries()).extracting(SqlFile::name).contains(
        "top_artists_by_songs", "most_popular_songs_latest", "releases_by_year_and_decade", "playlist_overlap",
        "song_popularity_across_snapshots", "explicit_share_by_album_type");
    assertThat(SqlFile.views()).extracting(SqlFile::name).containsExactly("song_enriched");
    assertThat(SqlFile.queries()).allSatisfy(query -> {
      assertThat(query.description()).as(query.resource()).isNotEqualTo(query.name());
      assertThat(query.text().strip()).as(query.resource()).doesNotEndWith(";").doesNotContain("`");
    });
  }

  @Test
  void queriesReadTypedTablesTheLatestSnapshotFromThePlaylistTableAndNamePlaylists() {
    List<SqlFile> all = new java.util.ArrayList<>(SqlFile.queries());
    all.addAll(SqlFile.views());
    for (SqlFile sql : all) {
      assertThat(sql.text()).as(sql.resource()).doesNotContainIgnoringCase("TRY_CAST")
          // the latest date comes from the small playlist table, never from a scan of a big table's history
          .doesNotContainPattern("(?i)MAX\\(snapshot_date\\)\\s+FROM\\s+(?!playlist\\))");
    }
    for (SqlFile query : SqlFile.queries()) {
      List<String> columns = runner.run(query).columns();
      if (columns.contains("playlist_id")) {
        assertThat(columns).as(query.name()).contains("playlist_name");
      }
      for (String pair : List.of("playlist_a", "playlist_b")) {
        if (columns.contains(pair)) {
          assertThat(columns).as(query.name()).contains(pair + "_name");
        }
      }
    }
  }

  @Test
  void everyQueryParsesAsTrinoSql() {
    for (SqlFile query : SqlFile.queries()) {
      Object statement = TrinoSqlParser.get().parse(query.text());
      assertThat(statement.getClass().getSimpleName()).as(query.resource()).isEqualTo("Query");
    }
  }

  @Test
  void theViewParsesAsATrinoCreateView() {
    for (SqlFile view : SqlFile.views()) {
      Object statement = TrinoSqlParser.get().parse(view.text());
      assertThat(statement.getClass().getSimpleName()).as(view.resource()).isEqualTo("CreateView");
      assertThat(statement.toString()).contains(view.name());
    }
  }

  @Test
  void theTrinoParserRefusesWhatAthenaWouldRefuse() {
    assertThatThrownBy(() -> TrinoSqlParser.get().parse("SELECT `song_name` FROM song"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backquoted identifiers are not supported");
    assertThatThrownBy(() -> TrinoSqlParser.get().parse("SELECT 1;"))
        .hasMessageContaining("Trino cannot parse");
  }

  @Test
  void catalogHoldsBothSnapshotsOfEveryTable() {
    assertThat(tables).extracting(t -> t.qualifiedName()).containsExactly("spotify_lakehouse.album_csv",
        "spotify_lakehouse.artist_csv", "spotify_lakehouse.song_csv", "spotify_lakehouse.song_artist_csv",
        "spotify_lakehouse.playlist_track_csv", "spotify_lakehouse.playlist_csv");
    assertThat(tables).allSatisfy(t -> assertThat(t.partitions()).containsExactly(OLD, NEW));
    LocalCatalog catalog = new LocalCatalog(spark, LocalCatalog.DEFAULT_DATABASE);
    for (LakeTable table : LakeTable.values()) {
      assertThat(catalog.icebergPartitions(table)).as(table.tableName()).containsExactly(OLD, NEW);
    }
    assertThat(catalog.missingTables()).isEmpty();
    // the Iceberg table keeps the exact text: quoted commas, doubled quotes, a line break, Greek letters
    List<String> names = spark.sql("SELECT song_name FROM spotify_lakehouse.song WHERE snapshot_date = DATE'" + NEW
        + "' ORDER BY song_id").collectAsList().stream().map(r -> r.getString(0)).collect(Collectors.toList());
    assertThat(names).containsExactly("One", "Two", "Three\nlines", "Four, with comma", "Five");
    // the CSV copy has the line break as a space: Athena's CSV reader would split the row there
    List<String> csvNames = spark.sql("SELECT song_name FROM spotify_lakehouse.song_csv WHERE snapshot_date = '"
        + NEW + "' ORDER BY song_id").collectAsList().stream().map(r -> r.getString(0)).collect(Collectors.toList());
    assertThat(csvNames).containsExactly("One", "Two", "Three lines", "Four, with comma", "Five");
    assertThat(spark.table("spotify_lakehouse.song").schema().apply("snapshot_date").dataType())
        .isEqualTo(org.apache.spark.sql.types.DataTypes.DateType);
    Row typed = spark.sql("SELECT popularity, explicit, duration_ms FROM spotify_lakehouse.song WHERE song_id = 's3'"
        + " AND snapshot_date = DATE'" + NEW + "'").first();
    assertThat(typed.isNullAt(0)).isTrue();
    assertThat(typed.getBoolean(1)).isFalse();
    assertThat(typed.getInt(2)).isEqualTo(240_000);
  }

  @Test
  void aCsvHeaderThatDriftsFromTheContractFailsLoudly() throws Exception {
    Path drifted = temp.resolve("drifted/" + LakeTable.ARTIST.csvPrefix() + "snapshot_date=" + NEW);
    java.nio.file.Files.createDirectories(drifted);
    java.nio.file.Files.writeString(drifted.resolve("part-00000.csv"),
        "artist_id,name,artist_url\nar1,Alpha,https://open.spotify.com/artist/ar1\n");
    String root = temp.resolve("drifted").toUri().toString();
    LocalCatalog other = new LocalCatalog(spark, "drift_check");
    other.createDatabase();
    assertThat(other.register(LakeTable.ARTIST, root).partitions()).containsExactly(NEW);
    assertThatThrownBy(() -> spark.sql("SELECT * FROM drift_check.artist_csv").collectAsList())
        .hasStackTraceContaining("CSV header does not conform to the schema")
        .hasStackTraceContaining("artist_name");
  }

  @Test
  void registeringAgainKeepsAnUnchangedTableAndSyncsItsPartitionsWithTheFolders() throws Exception {
    Path source = temp.resolve("lake/" + LakeTable.ARTIST.csvPrefix());
    Path copy = temp.resolve("resync/" + LakeTable.ARTIST.csvPrefix());
    for (String date : List.of(OLD, NEW)) {
      copyFolder(source.resolve("snapshot_date=" + date), copy.resolve("snapshot_date=" + date));
    }
    String root = temp.resolve("resync").toUri().toString();
    LocalCatalog catalog = new LocalCatalog(spark, "resync_check");
    catalog.createDatabase();
    assertThat(catalog.register(LakeTable.ARTIST, root).partitions()).containsExactly(OLD, NEW);
    spark.sql("ALTER TABLE resync_check.artist_csv SET TBLPROPERTIES ('marker' = 'kept')");

    // a new snapshot lands, an old one is deleted: the same table, its partitions those of the folders
    String next = "2026-11-22";
    copyFolder(source.resolve("snapshot_date=" + NEW), copy.resolve("snapshot_date=" + next));
    deleteFolder(copy.resolve("snapshot_date=" + OLD));
    assertThat(catalog.register(LakeTable.ARTIST, root).partitions()).containsExactly(NEW, next);
    assertThat(markerOf("resync_check.artist_csv")).isEqualTo("kept");
    assertThat(spark.sql("SHOW PARTITIONS resync_check.artist_csv").collectAsList()).extracting(r -> r.getString(0))
        .containsExactly("snapshot_date=" + NEW, "snapshot_date=" + next);
    assertThat(spark.sql("SELECT snapshot_date, count(*) FROM resync_check.artist_csv GROUP BY snapshot_date"
        + " ORDER BY snapshot_date").collectAsList()).extracting(r -> r.get(0).toString() + "=" + r.getLong(1))
        .containsExactly(NEW + "=4", next + "=4");

    // another location is another DDL: the table is created again
    copyFolder(copy, temp.resolve("moved/" + LakeTable.ARTIST.csvPrefix()));
    assertThat(catalog.register(LakeTable.ARTIST, temp.resolve("moved").toUri().toString()).partitions())
        .containsExactly(NEW, next);
    assertThat(markerOf("resync_check.artist_csv")).isNull();
  }

  private static String markerOf(String table) {
    return spark.sql("SHOW TBLPROPERTIES " + table).collectAsList().stream()
        .filter(row -> "marker".equals(row.getString(0))).map(row -> row.getString(1)).findFirst().orElse(null);
  }

  private static void copyFolder(Path from, Path to) throws java.io.IOException {
    java.nio.file.Files.createDirectories(to.getParent());
    try (var paths = java.nio.file.Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        java.nio.file.Files.copy(path, to.resolve(from.relativize(path).toString()),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static void deleteFolder(Path folder) throws java.io.IOException {
    try (var paths = java.nio.file.Files.walk(folder)) {
      for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        java.nio.file.Files.delete(path);
      }
    }
  }

  @Test
  void topArtistsBySongs() {
    assertThat(rows("top_artists_by_songs")).containsExactly(
        List.of("Alpha", "3", "3", "6"),
        List.of("Beta, the Band", "2", "2", "3"),
        List.of("Gamma \"G\"", "1", "2", "2"),
        List.of("Δέλτα", "1", "1", "1"));
  }

  @Test
  void mostPopularSongsLatest() {
    assertThat(rows("most_popular_songs_latest")).containsExactly(
        List.of("Four, with comma", "Gamma \"G\"", "Third", "90"),
        List.of("Two", "Alpha", "First", "70"),
        List.of("One", "Alpha", "First", "50"),
        List.of("Five", "Δέλτα", "Fourth", "10"));
  }

  @Test
  void releasesByYearAndDecade() {
    assertThat(rows("releases_by_year_and_decade")).containsExactly(
        List.of("1980", "1985", "1", "2"),
        List.of("1980", "1987", "1", "2"),
        List.of("1990", "1999", "1", "1"),
        List.of("2000", "2003", "1", "1"),
        List.of("2020", "2021", "1", "1"));
  }

  @Test
  void playlistOverlap() {
    assertThat(rows("playlist_overlap")).containsExactly(
        List.of("playlistA", "Road Trip", "playlistB", "Late, \"Jazz\"", "2", "4", "3", "66.7"),
        List.of("playlistA", "Road Trip", "playlistC", "Δ mix", "1", "4", "1", "100.0"));
  }

  @Test
  void songPopularityAcrossSnapshots() {
    assertThat(rows("song_popularity_across_snapshots")).containsExactly(
        List.of("One", "Alpha", "2", OLD, "40", NEW, "50", "10"),
        List.of("Two", "Alpha", "2", OLD, "75", NEW, "70", "-5"),
        List.of("Four, with comma", "Gamma \"G\"", "2", OLD, "90", NEW, "90", "0"),
        List.of("Five", "Δέλτα", "1", "NULL", "NULL", NEW, "10", "NULL"));
  }

  @Test
  void explicitShareByAlbumType() {
    assertThat(rows("explicit_share_by_album_type")).containsExactly(
        List.of("album", "3", "1", "33.3", "226.7"),
        List.of("compilation", "1", "1", "100.0", "210.0"),
        List.of("single", "1", "0", "0.0", "240.0"));
  }

  @Test
  void playlistSummary() {
    assertThat(rows("playlist_summary")).containsExactly(
        List.of("playlistA", "Road Trip", "4", "4", "3", "0.2", "2026-11-19 08:30:00"),
        List.of("playlistB", "Late, \"Jazz\"", "3", "3", "3", "0.2", "2026-11-20 23:59:59"),
        List.of("playlistC", "Δ mix", "1", "1", "1", "0.1", "NULL"));
  }

  @Test
  void songEnrichedViewJoinsAlbumAndPrimaryArtist() {
    assertThat(spark.sql("SELECT COUNT(*) FROM spotify_lakehouse.song_enriched").first().getLong(0)).isEqualTo(8);
    Row four = spark.sql("SELECT album_name, album_type, release_year, artist_name, explicit, popularity"
        + " FROM spotify_lakehouse.song_enriched WHERE song_id = 's4' AND snapshot_date = DATE'" + NEW + "'").first();
    assertThat(four.getString(0)).isEqualTo("Third");
    assertThat(four.getString(1)).isEqualTo("compilation");
    assertThat(four.getInt(2)).isEqualTo(2003);
    assertThat(four.getString(3)).isEqualTo("Gamma \"G\"");
    assertThat(four.getBoolean(4)).isTrue();
    assertThat(four.getInt(5)).isEqualTo(90);
  }

  @Test
  void resultsRenderAsAlignedTables() {
    QueryRunner.QueryResult result = runner.run(query("explicit_share_by_album_type"));
    assertThat(result.render()).isEqualTo(String.join("\n",
        " album_type  | songs | explicit_songs | explicit_pct | avg_duration_s",
        "-------------+-------+----------------+--------------+---------------",
        " album       |     3 |              1 |         33.3 |          226.7",
        " compilation |     1 |              1 |        100.0 |          210.0",
        " single      |     1 |              0 |          0.0 |          240.0"));
  }

  private static SqlFile query(String name) {
    return SqlFile.queries().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<List<String>> rows(String name) {
    QueryRunner.QueryResult result = runner.run(query(name));
    return result.rows().stream()
        .map(row -> row.stream().map(TextTable::cell).collect(Collectors.toList()))
        .collect(Collectors.toList());
  }
}
