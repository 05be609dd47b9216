package io.github.spotifylakehouse.workflow.report;

import io.github.spotifylakehouse.workflow.query.QueryRunner.QueryResult;
import io.github.spotifylakehouse.workflow.query.SqlFile;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query results as the query step returns them (Spark's Java types: Long counts, BigDecimal rounds, Instant
 * timestamps, dates as text), for a lake of two snapshots, with awkward names: long, non-Latin, repeated,
 * and ones that look like markup.
 */
final class DashboardSamples {

  static final String DAY1 = "2026-11-21";
  static final String DAY2 = "2026-11-22";
  static final String LONG_NAME = "An extremely long playlist name that goes on and on, well past any axis label"
      + " width, to see it truncated and not overflowing";
  static final String MARKUP = "</script><script>window.injected=1</script><img src=x onerror=\"window.injected=2\">";
  static final Instant GENERATED = Instant.parse("2026-11-22T06:30:00Z");

  private DashboardSamples() {
  }

  /** Every query of sql/queries, as a lake with two snapshots answers it. */
  static List<QueryResult> twoSnapshots() {
    Map<String, QueryResult> results = new LinkedHashMap<>();
    results.put(Panels.PLAYLIST_SUMMARY, result(Panels.PLAYLIST_SUMMARY,
        List.of("playlist_id", "entries", "songs", "artists", "hours", "last_added"),
        row("Whk2Tf6WI09ymlQAk5hZLK", 399L, 377L, 337L, dec("27.6"), Instant.parse("2025-05-28T04:41:22Z")),
        row("SFsJsxIa18O7UaEgcLVIYe", 245L, 231L, 217L, dec("16.9"), Instant.parse("2025-05-30T08:20:48Z")),
        row("EjboajirIQQZ6rc23jQ3RT", 156L, 145L, 135L, dec("10.9"), null)));
    results.put(Panels.TOP_ARTISTS, result(Panels.TOP_ARTISTS,
        List.of("artist_name", "songs", "playlists", "playlist_entries"),
        row("The Neon Crystal", 8L, 3L, 63L),
        row("Кино", 6L, 3L, 8L),
        row("坂本龍一", 6L, 2L, 9L),
        row("The Stars Midnight", 5L, 3L, 7L),
        row("The Stars Midnight", 4L, 2L, 6L),
        row(MARKUP, 3L, 1L, 3L),
        row(LONG_NAME, 3L, 2L, 4L),
        row("Tyler, the \"Signal\" & Co", 2L, 1L, 2L)));
    results.put(Panels.MOST_POPULAR, result(Panels.MOST_POPULAR,
        List.of("song_name", "artist_name", "album_name", "popularity"),
        row("Björk", "The Heart Crystal", "Sugar Silver", 100),
        row("Winter Garden", "Кино", "Группа крови", 97),
        row("Merry Christmas Mr. Lawrence", "坂本龍一", "戦場のメリークリスマス", 91),
        row(MARKUP, MARKUP, MARKUP, 12)));
    results.put(Panels.POPULARITY_MOVES, result(Panels.POPULARITY_MOVES,
        List.of("song_name", "artist_name", "snapshots", "previous_snapshot", "previous_popularity",
            "snapshot_date", "popularity", "popularity_change"),
        row("Björk", "The Heart Crystal", 2L, DAY1, 80, DAY2, 100, 20),
        row("Winter Garden", "Кино", 2L, DAY1, 90, DAY2, 75, -15),
        row("Ghost & Garden", "The Ghost Crystal", 2L, DAY1, 60, DAY2, 60, 0),
        row(LONG_NAME, MARKUP, 2L, DAY1, 40, DAY2, 44, 4),
        row("New Song", "Newcomer", 1L, null, null, DAY2, 50, null)));
    List<List<Object>> years = new ArrayList<>();
    for (int year = 1968; year <= 1983; year++) {
      if (year != 1975) { // a year without releases: a gap
        years.add(row((long) (year - year % 10), (long) year, (long) (year % 7 + 1), 0L));
      }
    }
    results.put(Panels.RELEASES, new QueryResult(query(Panels.RELEASES),
        List.of("decade", "release_year", "albums", "albums_in_decade"), years, Duration.ofMillis(1200)));
    results.put(Panels.OVERLAP, result(Panels.OVERLAP,
        List.of("playlist_a", "playlist_b", "shared_songs", "songs_a", "songs_b", "overlap_pct"),
        row("SFsJsxIa18O7UaEgcLVIYe", "Whk2Tf6WI09ymlQAk5hZLK", 19L, 231L, 377L, dec("8.2")),
        row("EjboajirIQQZ6rc23jQ3RT", "SFsJsxIa18O7UaEgcLVIYe", 10L, 145L, 231L, dec("6.9")),
        row("EjboajirIQQZ6rc23jQ3RT", "Whk2Tf6WI09ymlQAk5hZLK", 6L, 145L, 377L, dec("4.1"))));
    results.put(Panels.EXPLICIT, result(Panels.EXPLICIT,
        List.of("album_type", "songs", "explicit_songs", "explicit_pct", "avg_duration_s"),
        row("album", 582L, 88L, dec("15.1"), 251.2),
        row("single", 200L, 32L, dec("16.0"), 252.4),
        row("compilation", 106L, 22L, dec("20.8"), 243.7)));
    List<QueryResult> all = new ArrayList<>();
    for (SqlFile query : SqlFile.queries()) {
      QueryResult result = results.get(query.name());
      if (result == null) {
        throw new IllegalStateException("No sample for query " + query.name() + ": add one to DashboardSamples");
      }
      all.add(result);
    }
    return all;
  }

  /** The same lake before its second snapshot: no popularity has a previous value. */
  static List<QueryResult> oneSnapshot() {
    return replace(twoSnapshots(), result(Panels.POPULARITY_MOVES,
        List.of("song_name", "artist_name", "snapshots", "previous_snapshot", "previous_popularity",
            "snapshot_date", "popularity", "popularity_change"),
        row("Björk", "The Heart Crystal", 1L, null, null, DAY2, 100, null),
        row("Winter Garden", "Кино", 1L, null, null, DAY2, 97, null)));
  }

  /** {@code results} with one query's result swapped for {@code replacement}. */
  static List<QueryResult> replace(List<QueryResult> results, QueryResult replacement) {
    List<QueryResult> out = new ArrayList<>();
    for (QueryResult result : results) {
      out.add(result.query().name().equals(replacement.query().name()) ? replacement : result);
    }
    return out;
  }

  /** A query's result with no rows, its columns as they are. */
  static QueryResult empty(List<QueryResult> results, String name) {
    QueryResult result = results.stream().filter(r -> r.query().name().equals(name)).findFirst().orElseThrow();
    return new QueryResult(result.query(), result.columns(), List.of(), result.duration());
  }

  static Dashboard.Input input(List<QueryResult> results, String... snapshots) {
    return new Dashboard.Input(results, GENERATED, "/data/lakehouse-data",
        Arrays.stream(snapshots).map(LocalDate::parse).toList());
  }

  static QueryResult result(String name, List<String> columns, List<?>... rows) {
    List<List<Object>> values = new ArrayList<>();
    for (List<?> row : rows) {
      values.add(new ArrayList<>(row));
    }
    return new QueryResult(query(name), columns, values, Duration.ofMillis(840));
  }

  static SqlFile query(String name) {
    return SqlFile.queries().stream().filter(q -> q.name().equals(name)).findFirst()
        .orElseGet(() -> new SqlFile(name, "sql/queries/" + name + ".sql", "-- A query the dashboard does not know\nSELECT 1"));
  }

  static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
