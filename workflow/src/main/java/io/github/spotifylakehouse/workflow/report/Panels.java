package io.github.spotifylakehouse.workflow.report;

import io.github.spotifylakehouse.workflow.query.QueryRunner.QueryResult;
import io.github.spotifylakehouse.workflow.report.Panel.Kind;
import io.github.spotifylakehouse.workflow.steps.Console;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dashboard's cards, one per analytics query: query result in, {@link Panel} out (an ECharts option with
 * the data in it, a table, or a message when there is nothing to draw). Columns are found by name
 * ({@link Columns}), a playlist's name before its id, so the cards follow the SQL as it changes. Pure.
 */
final class Panels {

  static final String PLAYLIST_SUMMARY = "playlist_summary";
  static final String TOP_ARTISTS = "top_artists_by_songs";
  static final String POPULARITY_MOVES = "song_popularity_across_snapshots";
  static final String MOST_POPULAR = "most_popular_songs_latest";
  static final String RELEASES = "releases_by_year_and_decade";
  static final String OVERLAP = "playlist_overlap";
  static final String EXPLICIT = "explicit_share_by_album_type";

  /** Rows of a query without a chart of its own, shown as a table. */
  static final int GENERIC_TABLE_ROWS = 50;

  private static final String FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif";
  private static final List<String> PALETTE = List.of("#1db954", "#3b6fb6", "#e5793b", "#8e5ab5", "#d6455d",
      "#2a9d8f", "#b58b00", "#6c757d", "#17becf", "#9c6644");
  private static final String UP = "#1a9850";
  private static final String DOWN = "#d73027";
  private static final String FLAT = "#8a8a8a";

  /** A card's title and how it is drawn. */
  private record Card(String title, boolean wide, Builder build) {
  }

  /** Draws a card from a query's result; {@code snapshots} is how many the lake holds (0 when unknown). */
  @FunctionalInterface
  private interface Builder {
    Panel build(QueryResult result, Card card, int snapshots);
  }

  /** The cards with a chart of their own, in page order. */
  private static final Map<String, Card> CARDS = cards();

  private Panels() {
  }

  private static Map<String, Card> cards() {
    Map<String, Card> cards = new LinkedHashMap<>();
    cards.put(PLAYLIST_SUMMARY, new Card("Playlists", true, (r, c, s) -> playlistSummary(r, c)));
    cards.put(TOP_ARTISTS, new Card("Top artists", false, (r, c, s) -> topArtists(r, c)));
    cards.put(MOST_POPULAR, new Card("Most popular songs", false, (r, c, s) -> mostPopular(r, c)));
    cards.put(POPULARITY_MOVES, new Card("Popularity moves across snapshots", true, Panels::popularityMoves));
    cards.put(RELEASES, new Card("Album releases by year and decade", true, (r, c, s) -> releases(r, c)));
    cards.put(OVERLAP, new Card("Playlist overlap", false, (r, c, s) -> overlap(r, c)));
    cards.put(EXPLICIT, new Card("Explicit share by album type", false, (r, c, s) -> explicitShare(r, c)));
    return cards;
  }

  /**
   * The cards for {@code results}: the known queries in page order (a card that says so when one did not
   * run), then any other query as a table.
   */
  static List<Panel> build(List<QueryResult> results, int snapshots) {
    Map<String, QueryResult> byName = new LinkedHashMap<>();
    for (QueryResult result : results) {
      byName.put(result.query().name(), result);
    }
    List<Panel> panels = new ArrayList<>();
    for (Map.Entry<String, Card> entry : CARDS.entrySet()) {
      QueryResult result = byName.remove(entry.getKey());
      Card card = entry.getValue();
      if (result == null) {
        panels.add(Panel.message(id(entry.getKey()), entry.getKey(), card.title(), null, Kind.ERROR, card.wide(),
            "The query " + entry.getKey() + " did not run: there is no " + entry.getKey() + ".sql any more,"
                + " or the run was limited to other queries.", entry.getKey() + ".sql"));
        continue;
      }
      panels.add(safely(result, card, snapshots));
    }
    for (QueryResult other : byName.values()) {
      panels.add(safely(other, new Card(title(other.query().name()), true, (r, c, s) -> genericTable(r, c)),
          snapshots));
    }
    return panels;
  }

  private static Panel safely(QueryResult result, Card card, int snapshots) {
    try {
      return card.build().build(result, card, snapshots);
    } catch (Columns.MissingColumnException e) {
      return Panel.message(id(result.query().name()), result.query().name(), card.title(),
          result.query().description(), Kind.ERROR, card.wide(), "Cannot draw this card: " + e.getMessage() + ".",
          footnote(result));
    }
  }

  // ---- the cards

  static Panel playlistSummary(QueryResult result, Card card) {
    Columns columns = new Columns(result);
    int playlist = columns.require("playlist_name", "playlist_id");
    OptionalInt id = columns.find("playlist_id");
    List<Integer> order = new ArrayList<>();
    order.add(playlist);
    for (int i = 0; i < result.columns().size(); i++) {
      if (i != playlist && (id.isEmpty() || i != id.getAsInt())) {
        order.add(i);
      }
    }
    if (id.isPresent() && id.getAsInt() != playlist) {
      order.add(id.getAsInt()); // the id stays, last, when the name leads
    }
    List<String> headings = new ArrayList<>();
    for (int index : order) {
      headings.add(index == playlist ? "playlist" : heading(result.columns().get(index)));
    }
    Panel.Table table = table(result, order, headings, Integer.MAX_VALUE);
    if (table.rows().isEmpty()) {
      return empty(result, card, "No playlist in the latest snapshot: the lake holds no playlist entries yet.");
    }
    return Panel.table(id(result), result.query().name(), card.title(), result.query().description(), table,
        footnote(result));
  }

  static Panel genericTable(QueryResult result, Card card) {
    List<Integer> order = new ArrayList<>();
    List<String> headings = new ArrayList<>();
    for (int i = 0; i < result.columns().size(); i++) {
      order.add(i);
      headings.add(heading(result.columns().get(i)));
    }
    Panel.Table table = table(result, order, headings, GENERIC_TABLE_ROWS);
    if (table.rows().isEmpty()) {
      return empty(result, card, "The query answered no rows.");
    }
    return Panel.table(id(result), result.query().name(), card.title(), result.query().description(), table,
        footnote(result));
  }

  static Panel topArtists(QueryResult result, Card card) {
    Columns columns = new Columns(result);
    int name = columns.require("artist_name");
    int songs = columns.require("songs");
    OptionalInt playlists = columns.find("playlists");
    OptionalInt entries = columns.find("playlist_entries");
    List<List<Object>> rows = withNumber(columns.rows(), songs);
    if (rows.isEmpty()) {
      return empty(result, card, "No artist in the latest snapshot: the lake holds no playlist entries yet.");
    }
    List<String> labels = Columns.unique(rows.stream().map(row -> Columns.text(row.get(name))).toList());
    List<Object> source = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      List<Object> row = rows.get(i);
      source.add(Arrays.asList(labels.get(i), Columns.number(row.get(songs)), value(row, playlists),
          value(row, entries)));
    }
    Map<String, Object> option = horizontalBars(source,
        List.of(dim("artist", "artist"), dim("songs", "songs"), dim("playlists", "playlists"),
            dim("entries", "playlist entries")),
        "songs", "artist", "songs (distinct, across playlists)", null, tooltipDims(List.of("songs"),
            playlists.isPresent() ? "playlists" : null, entries.isPresent() ? "entries" : null));
    return Panel.chart(id(result), result.query().name(), card.title(), result.query().description(), card.wide(),
        option, barsHeight(rows.size()), rows.size(), footnote(result));
  }

  static Panel mostPopular(QueryResult result, Card card) {
    Columns columns = new Columns(result);
    int song = columns.require("song_name");
    int popularity = columns.require("popularity");
    OptionalInt artist = columns.find("artist_name");
    OptionalInt album = columns.find("album_name");
    List<List<Object>> rows = withNumber(columns.rows(), popularity);
    if (rows.isEmpty()) {
      return empty(result, card, "No song of the latest snapshot has a popularity value (Spotify no longer sends"
          + " it for some apps).");
    }
    List<String> labels = Columns.unique(rows.stream().map(row -> songLabel(row, song, artist)).toList());
    List<Object> source = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      List<Object> row = rows.get(i);
      source.add(Arrays.asList(labels.get(i), Columns.number(row.get(popularity)), text(row, artist),
          text(row, album)));
    }
    Map<String, Object> option = horizontalBars(source,
        List.of(dim("song", "song"), dim("popularity", "popularity"), dim("artist", "artist"),
            dim("album", "album")),
        "popularity", "song", "Spotify popularity (0-100)", 100, tooltipDims(List.of("popularity"),
            artist.isPresent() ? "artist" : null, album.isPresent() ? "album" : null));
    return Panel.chart(id(result), result.query().name(), card.title(), result.query().description(), card.wide(),
        option, barsHeight(rows.size()), rows.size(), footnote(result));
  }

  /**
   * A slope chart, one line per song from its previous snapshot's popularity to the latest; before a second
   * snapshot exists, a notice saying so.
   */
  static Panel popularityMoves(QueryResult result, Card card, int snapshots) {
    Columns columns = new Columns(result);
    int song = columns.require("song_name");
    OptionalInt artist = columns.find("artist_name");
    int date = columns.require("snapshot_date");
    int popularity = columns.require("popularity");
    int previousDate = columns.require("previous_snapshot");
    int previous = columns.require("previous_popularity");
    List<List<Object>> rows = withNumber(columns.rows(), popularity);
    if (rows.isEmpty()) {
      return empty(result, card, "No song of the latest snapshot has a popularity value.");
    }
    List<List<Object>> moves = rows.stream()
        .filter(row -> Columns.number(row.get(previous)) != null && row.get(previousDate) != null)
        .toList();
    String latest = Columns.text(rows.get(0).get(date));
    if (moves.isEmpty()) {
      String message = snapshots >= 2
          ? "No song has a popularity value in both of the latest two snapshots, so there is no move to show."
          : "One snapshot so far (" + latest + "): popularity moves show from the second snapshot on. Run the"
              + " pipeline again (the next run adds the next day's snapshot).";
      return Panel.message(id(result), result.query().name(), card.title(), result.query().description(),
          snapshots >= 2 ? Kind.EMPTY : Kind.NOTICE, card.wide(), message, footnote(result));
    }
    TreeSet<String> dates = new TreeSet<>();
    for (List<Object> row : moves) {
      dates.add(Columns.text(row.get(previousDate)));
      dates.add(Columns.text(row.get(date)));
    }
    List<String> labels = Columns.unique(moves.stream().map(row -> songLabel(row, song, artist)).toList());
    List<Object> series = new ArrayList<>();
    int points = 0;
    for (int i = 0; i < moves.size(); i++) {
      List<Object> row = moves.get(i);
      double from = Columns.number(row.get(previous));
      double to = Columns.number(row.get(popularity));
      String color = to > from ? UP : to < from ? DOWN : FLAT;
      // the song's name labels its latest point; labels that would overlap hide until hovered
      List<Object> data = List.of(List.of(Columns.text(row.get(previousDate)), from),
          object("value", List.of(Columns.text(row.get(date)), to), "label", object("show", true,
              "position", "right", "formatter", "{a}", "width", 220, "overflow", "truncate", "color", "#333")));
      points += data.size();
      series.add(object("type", "line", "name", labels.get(i), "data", data,
          "symbol", "circle", "symbolSize", 7, "color", color,
          "lineStyle", object("width", 2, "color", color),
          "labelLayout", object("hideOverlap", true),
          "emphasis", object("focus", "series"),
          "tooltip", object("formatter", "{a}\n{b}: popularity {c}")));
    }
    Map<String, Object> option = base();
    option.put("grid", object("left", 16, "right", 240, "top", 30, "bottom", 40, "containLabel", true));
    option.put("xAxis", object("type", "category", "data", List.copyOf(dates), "boundaryGap", false,
        "name", "snapshot date", "nameLocation", "middle", "nameGap", 28));
    option.put("yAxis", object("type", "value", "scale", true, "name", "popularity (0-100)",
        "nameTextStyle", object("align", "left")));
    option.put("series", series);
    String subtitle = result.query().description();
    int newSongs = rows.size() - moves.size();
    if (newSongs > 0) {
      subtitle += " (" + newSongs + " of the top " + rows.size() + " had no popularity in the previous snapshot)";
    }
    return Panel.chart(id(result), result.query().name(), card.title(), subtitle, card.wide(), option,
        Math.max(360, 24 * moves.size() + 80), points, footnote(result));
  }

  static Panel releases(QueryResult result, Card card) {
    Columns columns = new Columns(result);
    int year = columns.require("release_year");
    int albums = columns.require("albums");
    OptionalInt decadeColumn = columns.find("decade");
    Map<Integer, Double> byYear = new TreeMap<>();
    Map<Integer, Integer> decadeOf = new TreeMap<>();
    for (List<Object> row : columns.rows()) {
      Double y = Columns.number(row.get(year));
      Double count = Columns.number(row.get(albums));
      if (y == null || count == null) {
        continue;
      }
      int releaseYear = (int) Math.round(y);
      Double decade = decadeColumn.isPresent() ? Columns.number(row.get(decadeColumn.getAsInt())) : null;
      byYear.merge(releaseYear, count, Double::sum);
      decadeOf.put(releaseYear, decade != null ? (int) Math.round(decade) : releaseYear - Math.floorMod(releaseYear, 10));
    }
    if (byYear.isEmpty()) {
      return empty(result, card, "No album of the latest snapshot has a release date.");
    }
    int first = byYear.keySet().iterator().next();
    int last = ((TreeMap<Integer, Double>) byYear).lastKey();
    // every year between the first and the last, so gaps show; unless the dates are implausibly spread
    List<Integer> years = new ArrayList<>();
    if (last - first <= 200) {
      for (int y = first; y <= last; y++) {
        years.add(y);
      }
    } else {
      years.addAll(byYear.keySet());
    }
    Map<Integer, Double> decadeTotals = new TreeMap<>();
    byYear.forEach((y, count) -> decadeTotals.merge(decadeOf.get(y), count, Double::sum));
    List<Object> series = new ArrayList<>();
    for (Map.Entry<Integer, Double> decade : decadeTotals.entrySet()) {
      List<Object> data = new ArrayList<>();
      for (int y : years) {
        data.add(byYear.containsKey(y) && decadeOf.get(y).equals(decade.getKey()) ? byYear.get(y) : null);
      }
      series.add(object("type", "bar", "name", decade.getKey() + "s: " + count(decade.getValue()) + " albums",
          "stack", "years", "data", data, "barCategoryGap", "15%",
          "tooltip", object("formatter", "{b}: {c} albums\n{a}")));
    }
    Map<String, Object> option = base();
    option.put("legend", object("type", "scroll", "top", 0));
    option.put("grid", object("left", 16, "right", 24, "top", 48, "bottom", 40, "containLabel", true));
    option.put("xAxis", object("type", "category", "data", years.stream().map(String::valueOf).toList(),
        "name", "release year", "nameLocation", "middle", "nameGap", 28,
        "axisTick", object("alignWithLabel", true)));
    option.put("yAxis", object("type", "value", "name", "albums", "minInterval", 1));
    option.put("series", series);
    return Panel.chart(id(result), result.query().name(), card.title(), result.query().description(), card.wide(),
        option, 340, byYear.size(), footnote(result));
  }

  /** A heat map of the shared songs of each pair of playlists, by name (the id when there is no name). */
  static Panel overlap(QueryResult result, Card card) {
    Columns columns = new Columns(result);
    int a = columns.require("playlist_a_name", "playlist_name_a", "playlist_a", "playlist_id_a", "playlist_a_id");
    int b = columns.require("playlist_b_name", "playlist_name_b", "playlist_b", "playlist_id_b", "playlist_b_id");
    OptionalInt aId = columns.find("playlist_a", "playlist_id_a", "playlist_a_id");
    OptionalInt bId = columns.find("playlist_b", "playlist_id_b", "playlist_b_id");
    int pct = columns.require("overlap_pct");
    OptionalInt shared = columns.find("shared_songs");
    OptionalInt sizeA = columns.find("songs_a");
    OptionalInt sizeB = columns.find("songs_b");
    List<List<Object>> rows = withNumber(columns.rows(), pct);
    if (rows.isEmpty()) {
      return empty(result, card, "No two playlists share a song in the latest snapshot.");
    }
    // playlists keyed by id when the result has ids, labelled by name; biggest first when sizes are known
    Map<String, String> labelOf = new LinkedHashMap<>();
    Map<String, Double> sizeOf = new LinkedHashMap<>();
    for (List<Object> row : rows) {
      labelOf.putIfAbsent(key(row, aId, a), Columns.text(row.get(a)));
      labelOf.putIfAbsent(key(row, bId, b), Columns.text(row.get(b)));
      sizeA.ifPresent(i -> sizeOf.putIfAbsent(key(row, aId, a), Columns.number(row.get(i))));
      sizeB.ifPresent(i -> sizeOf.putIfAbsent(key(row, bId, b), Columns.number(row.get(i))));
    }
    List<String> keys = new ArrayList<>(labelOf.keySet());
    keys.sort(Comparator.comparing((String k) -> -(sizeOf.get(k) == null ? 0 : sizeOf.get(k)))
        .thenComparing(labelOf::get, Comparator.nullsLast(Comparator.naturalOrder())));
    List<String> labels = Columns.unique(keys.stream().map(labelOf::get).toList());
    double max = 0;
    List<Object> data = new ArrayList<>();
    for (List<Object> row : rows) {
      int x = keys.indexOf(key(row, aId, a));
      int y = keys.indexOf(key(row, bId, b));
      double value = Columns.number(row.get(pct));
      Object count = value(row, shared);
      max = Math.max(max, value);
      data.add(object("name", labels.get(x) + " × " + labels.get(y), "value", Arrays.asList(x, y, value, count)));
      data.add(object("name", labels.get(y) + " × " + labels.get(x), "value", Arrays.asList(y, x, value, count)));
    }
    Map<String, Object> axisLabel = object("interval", 0, "width", 150, "overflow", "truncate");
    Map<String, Object> option = base();
    option.put("grid", object("left", 16, "right", 90, "top", 16, "bottom", 16, "containLabel", true));
    Map<String, Object> xLabel = new LinkedHashMap<>(axisLabel);
    xLabel.put("rotate", 35);
    xLabel.put("width", 120);
    option.put("xAxis", object("type", "category", "data", labels, "axisLabel", xLabel,
        "splitArea", object("show", true), "axisTick", object("show", false)));
    option.put("yAxis", object("type", "category", "data", labels, "inverse", true, "axisLabel", axisLabel,
        "splitArea", object("show", true), "axisTick", object("show", false)));
    option.put("visualMap", object("min", 0, "max", Math.max(1, Math.ceil(max)), "dimension", 2,
        "orient", "vertical", "right", 0, "top", "middle", "itemHeight", 120, "text", List.of("% shared", "0"),
        "inRange", object("color", List.of("#e3f2e8", "#1db954", "#0b5e2a"))));
    String tooltip = shared.isPresent()
        ? "{b}\n{@shared} shared songs: {@overlap} % of the smaller playlist"
        : "{b}\n{@overlap} % of the smaller playlist";
    option.put("series", List.of(object("type", "heatmap", "data", data,
        "dimensions", List.of("x", "y", "overlap", "shared"),
        "label", object("show", true, "formatter", "{@overlap}%", "fontSize", 11),
        "itemStyle", object("borderColor", "#fff", "borderWidth", 1),
        "emphasis", object("itemStyle", object("borderColor", "#333", "borderWidth", 1)),
        "tooltip", object("formatter", tooltip))));
    String subtitle = result.query().description();
    if (columns.find("playlist_a_name", "playlist_name_a").isEmpty()) {
      subtitle += ". Playlists by id until the lake has their names";
    }
    return Panel.chart(id(result), result.query().name(), card.title(), subtitle, card.wide(), option,
        Math.max(300, 110 + 40 * labels.size()), data.size(), footnote(result));
  }

  static Panel explicitShare(QueryResult result, Card card) {
    Columns columns = new Columns(result);
    int type = columns.require("album_type");
    int pct = columns.require("explicit_pct");
    OptionalInt explicit = columns.find("explicit_songs");
    OptionalInt songs = columns.find("songs");
    OptionalInt duration = columns.find("avg_duration_s");
    List<List<Object>> rows = withNumber(columns.rows(), pct);
    if (rows.isEmpty()) {
      return empty(result, card, "No song in the latest snapshot.");
    }
    List<String> labels = Columns.unique(rows.stream().map(row -> Columns.text(row.get(type))).toList());
    List<Object> source = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      List<Object> row = rows.get(i);
      source.add(Arrays.asList(labels.get(i), Columns.number(row.get(pct)), value(row, explicit), value(row, songs),
          value(row, duration)));
    }
    Map<String, Object> option = base();
    option.put("dataset", object("dimensions", List.of(dim("type", "album type"), dim("pct", "explicit (%)"),
        dim("explicit", "explicit songs"), dim("songs", "songs"), dim("duration", "average duration (s)")),
        "source", source));
    option.put("grid", object("left", 16, "right", 24, "top", 40, "bottom", 40, "containLabel", true));
    option.put("xAxis", object("type", "category", "name", "album type", "nameLocation", "middle", "nameGap", 28,
        "axisTick", object("show", false), "axisLabel", object("width", 120, "overflow", "truncate")));
    option.put("yAxis", object("type", "value", "name", "explicit songs (%)",
        "nameTextStyle", object("align", "left"), "axisLabel", object("formatter", "{value} %")));
    option.put("series", List.of(object("type", "bar", "name", "explicit share",
        "encode", object("x", "type", "y", "pct",
            "tooltip", tooltipDims(List.of("pct"), explicit.isPresent() ? "explicit" : null,
                songs.isPresent() ? "songs" : null, duration.isPresent() ? "duration" : null)),
        "label", object("show", true, "position", "top", "formatter", "{@pct} %"),
        "barMaxWidth", 64)));
    return Panel.chart(id(result), result.query().name(), card.title(), result.query().description(), card.wide(),
        option, 300, rows.size(), footnote(result));
  }

  // ---- helpers

  /** The option every chart starts from: no animation (drawn at once, for a screenshot too), SVG-friendly. */
  private static Map<String, Object> base() {
    Map<String, Object> option = object("animation", false,
        "color", PALETTE,
        "textStyle", object("fontFamily", FONT),
        // tooltips drawn as chart text, not HTML: no name can become markup
        "tooltip", object("trigger", "item", "renderMode", "richText", "confine", true),
        "aria", object("enabled", true));
    return option;
  }

  private static Map<String, Object> horizontalBars(List<Object> source, List<Map<String, Object>> dimensions,
                                                   String value, String category, String axisName, Integer max,
                                                   List<String> tooltip) {
    Map<String, Object> option = base();
    option.put("dataset", object("dimensions", dimensions, "source", source));
    option.put("grid", object("left", 16, "right", 48, "top", 16, "bottom", 40, "containLabel", true));
    Map<String, Object> xAxis = object("type", "value", "name", axisName, "nameLocation", "middle", "nameGap", 28,
        "minInterval", 1);
    if (max != null) {
      xAxis.put("max", max);
    }
    option.put("xAxis", xAxis);
    option.put("yAxis", object("type", "category", "inverse", true, "axisTick", object("show", false),
        "axisLabel", object("width", 220, "overflow", "truncate")));
    option.put("series", List.of(object("type", "bar", "name", value,
        "encode", object("x", value, "y", category, "tooltip", tooltip),
        "label", object("show", true, "position", "right"),
        "barMaxWidth", 22)));
    return option;
  }

  private static int barsHeight(int bars) {
    return Math.max(220, 70 + 26 * bars);
  }

  private static Panel empty(QueryResult result, Card card, String message) {
    return Panel.message(id(result), result.query().name(), card.title(), result.query().description(), Kind.EMPTY,
        card.wide(), message, footnote(result));
  }

  private static Panel.Table table(QueryResult result, List<Integer> order, List<String> headings, int maxRows) {
    List<Boolean> numeric = new ArrayList<>();
    for (int index : order) {
      boolean number = !result.rows().isEmpty();
      for (List<Object> row : result.rows()) {
        Object value = row.get(index);
        if (value != null && !(value instanceof Number)) {
          number = false;
        }
      }
      numeric.add(number);
    }
    List<List<String>> rows = new ArrayList<>();
    for (List<Object> row : result.rows().subList(0, Math.min(maxRows, result.rows().size()))) {
      List<String> cells = new ArrayList<>();
      for (int index : order) {
        cells.add(Columns.text(row.get(index)));
      }
      rows.add(cells);
    }
    return new Panel.Table(headings, numeric, rows);
  }

  /** {@code last_added} to {@code last added}. */
  static String heading(String column) {
    return column.replace('_', ' ');
  }

  /** {@code playlist_overlap} to {@code Playlist overlap}. */
  static String title(String query) {
    String words = heading(query);
    return words.isEmpty() ? words : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
  }

  /** Element id of a query's card. */
  static String id(String query) {
    return "panel-" + query.replaceAll("[^A-Za-z0-9_-]", "-");
  }

  private static String id(QueryResult result) {
    return id(result.query().name());
  }

  static String footnote(QueryResult result) {
    int rows = result.rows().size();
    return result.query().name() + ".sql · " + rows + " row" + (rows == 1 ? "" : "s") + " · "
        + Console.duration(result.duration());
  }

  private static List<List<Object>> withNumber(List<List<Object>> rows, int column) {
    return rows.stream().filter(row -> Columns.number(row.get(column)) != null).toList();
  }

  private static String songLabel(List<Object> row, int song, OptionalInt artist) {
    String name = Columns.text(row.get(song));
    String by = artist.isPresent() ? Columns.text(row.get(artist.getAsInt())) : null;
    return by == null || by.isBlank() ? name : name + " — " + by;
  }

  private static String key(List<Object> row, OptionalInt id, int label) {
    return Columns.text(row.get(id.isPresent() ? id.getAsInt() : label));
  }

  private static Object value(List<Object> row, OptionalInt column) {
    return column.isPresent() ? Columns.json(row.get(column.getAsInt())) : null;
  }

  private static String text(List<Object> row, OptionalInt column) {
    return column.isPresent() ? Columns.text(row.get(column.getAsInt())) : null;
  }

  private static String count(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
  }

  private static Map<String, Object> dim(String name, String displayName) {
    return object("name", name, "displayName", displayName);
  }

  private static List<String> tooltipDims(List<String> first, String... more) {
    List<String> dims = new ArrayList<>(first);
    for (String dim : more) {
      if (dim != null) {
        dims.add(dim);
      }
    }
    return dims;
  }

  /** A JSON object from alternating keys and values, in order. */
  static Map<String, Object> object(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must alternate");
    }
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      object.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return object;
  }
}
