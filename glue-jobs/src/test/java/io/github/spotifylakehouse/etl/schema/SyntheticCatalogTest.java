package io.github.spotifylakehouse.etl.schema;

import io.github.spotifylakehouse.lake.ApiShape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.spotifylakehouse.etl.schema.ParsedArtist;
import io.github.spotifylakehouse.etl.schema.ParsedEntry;
import io.github.spotifylakehouse.etl.schema.ParsedFile;
import io.github.spotifylakehouse.etl.schema.RawResponseParser;
import io.github.spotifylakehouse.etl.schema.SkipKind;
import io.github.spotifylakehouse.testkit.SyntheticCatalog;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticCatalogTest {

  private static final String API = "http://127.0.0.1:8089/v1";
  private static final LocalDate DAY = LocalDate.of(2026, 11, 21);
  private static final SyntheticCatalog CATALOG = new SyntheticCatalog(42);
  private static final List<ParsedFile> PAGES = new ArrayList<>();
  private static final List<String> BODIES = new ArrayList<>();

  /** 40 playlists of 500 entries = 20,000 entries, read back with the job's own parser. */
  @BeforeAll
  static void readFortyPlaylists() {
    for (String id : CATALOG.playlistIds(40)) {
      String first = CATALOG.playlistObject(id, 500, API, DAY);
      BODIES.add(first);
      PAGES.add(parse(first));
      for (int offset = 100; offset < 500; offset += 100) {
        String page = CATALOG.itemsPage(id, 500, offset, 100, API, DAY);
        BODIES.add(page);
        PAGES.add(parse(page));
      }
    }
  }

  private static ParsedFile parse(String body) {
    ParsedFile file = RawResponseParser.parse(body.getBytes(StandardCharsets.UTF_8), null);
    assertThat(file.rejection()).isNull();
    return file;
  }

  @Test
  void sameSeedAndArgumentsGiveTheSameBytes() {
    SyntheticCatalog again = new SyntheticCatalog(42);
    String id = CATALOG.playlistIds(3).get(2);

    assertThat(again.playlistIds(3)).isEqualTo(CATALOG.playlistIds(3));
    assertThat(again.playlistObject(id, 250, API, DAY)).isEqualTo(CATALOG.playlistObject(id, 250, API, DAY));
    assertThat(again.itemsPage(id, 250, 200, 50, API, DAY)).isEqualTo(CATALOG.itemsPage(id, 250, 200, 50, API, DAY));
    assertThat(new SyntheticCatalog(43).playlistIds(3)).doesNotContainAnyElementsOf(CATALOG.playlistIds(3));
  }

  @Test
  void playlistIdsAreDistinctBase62Ids() {
    List<String> ids = CATALOG.playlistIds(1000);

    assertThat(ids).hasSize(1000).doesNotHaveDuplicates().allMatch(id -> id.matches("[0-9A-Za-z]{22}"));
  }

  @Test
  void pagesLinkToEachOtherThroughTheGivenBaseUrl() {
    String id = CATALOG.playlistIds(1).get(0);
    String endpoint = CATALOG.shapeOf(id) == ApiShape.TRACK ? "tracks" : "items";

    String middle = CATALOG.itemsPage(id, 250, 100, 100, API + "/", DAY);
    assertThat(middle).contains("\"href\": \"" + API + "/playlists/" + id + "/" + endpoint + "?offset=100&limit=100\"",
        "\"next\": \"" + API + "/playlists/" + id + "/" + endpoint + "?offset=200&limit=100\"",
        "\"previous\": \"" + API + "/playlists/" + id + "/" + endpoint + "?offset=0&limit=100\"",
        "\"offset\": 100", "\"total\": 250");
    String last = CATALOG.itemsPage(id, 250, 200, 100, API, DAY);
    assertThat(last).contains("\"next\": null");
    assertThat(parse(last).entriesSeen()).isEqualTo(50);
    assertThat(parse(CATALOG.itemsPage(id, 250, 300, 100, API, DAY)).entriesSeen()).isZero();
    ParsedFile object = parse(CATALOG.playlistObject(id, 250, API, DAY));
    assertThat(object.shape()).isEqualTo(ParsedFile.PLAYLIST);
    assertThat(object.playlistId()).isEqualTo(id);
    assertThat(object.entriesSeen()).isEqualTo(100);
    assertThat(parse(CATALOG.playlistObject(id, 0, API, DAY)).entriesSeen()).isZero();
  }

  @Test
  void everyApiShapeOccursAndParsesTheSame() {
    Map<String, Integer> keys = new HashMap<>();
    for (ParsedFile page : PAGES) {
      keys.merge(page.entryKey(), 1, Integer::sum);
    }
    assertThat(keys).containsOnlyKeys("track", "item", "both");
    assertThat(BODIES).anyMatch(b -> b.contains("\"tracks\": {") && b.contains("\"items\": {"));
  }

  @Test
  void aboutOneAndAHalfPercentOfEntriesAreAwkward() {
    Map<SkipKind, Integer> skipped = new EnumMap<>(SkipKind.class);
    int seen = 0;
    for (ParsedFile page : PAGES) {
      seen += page.entriesSeen();
      page.skipped().forEach((kind, count) -> skipped.merge(kind, count, Integer::sum));
    }
    int awkward = skipped.values().stream().mapToInt(Integer::intValue).sum();

    assertThat(seen).isEqualTo(20_000);
    assertThat(awkward).isBetween(200, 400);
    assertThat(skipped.get(SkipKind.NULL_ENTRY)).isPositive();
    assertThat(skipped.get(SkipKind.LOCAL_FILE)).isPositive();
    assertThat(skipped.get(SkipKind.EPISODE)).isPositive();
    assertThat(BODIES).anyMatch(b -> b.contains("\"track\": null")).anyMatch(b -> b.contains("\"item\": null"));
  }

  @Test
  void theCatalogueIsSharedAndRealistic() {
    List<ParsedEntry> entries = new ArrayList<>();
    PAGES.forEach(p -> entries.addAll(p.entries()));
    Set<String> songs = new HashSet<>();
    Set<String> precisions = new HashSet<>();
    int duplicates = 0;
    int multiArtist = 0;
    int withPopularity = 0;
    int withoutAddedAt = 0;
    for (ParsedEntry e : entries) {
      if (!songs.add(e.songId())) {
        duplicates++;
      }
      precisions.add(e.releaseDatePrecision());
      multiArtist += e.artists().size() > 1 ? 1 : 0;
      withPopularity += e.popularity() != null ? 1 : 0;
      withoutAddedAt += e.addedAtMicros() == null ? 1 : 0;
      assertThat(e.songId()).matches("[0-9A-Za-z]{22}");
      assertThat(e.albumId()).matches("[0-9A-Za-z]{22}");
      assertThat(e.artists()).isNotEmpty().allMatch(a -> a.id() != null && a.name() != null);
      assertThat(e.releaseDate()).isNotNull().isBefore(DAY);
    }
    assertThat(duplicates).as("entries of a song seen before").isGreaterThan(entries.size() / 4);
    assertThat(precisions).containsExactlyInAnyOrder("day", "month", "year");
    assertThat(multiArtist).isBetween(entries.size() / 10, entries.size() / 2);
    assertThat(withPopularity).isBetween(entries.size() / 5, entries.size() * 4 / 5);
    assertThat(withoutAddedAt).isBetween(entries.size() / 500, entries.size() / 20);
    List<String> names = new ArrayList<>();
    entries.forEach(e -> {
      names.add(e.songName());
      names.add(e.albumName());
      e.artists().stream().map(ParsedArtist::name).forEach(names::add);
    });
    assertThat(names).anyMatch(n -> n.contains(","))
        .anyMatch(n -> n.contains("\""))
        .anyMatch(n -> n.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
        .anyMatch(n -> n.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC));
  }

  @Test
  void popularityDriftsFromDayToDayAndNothingElseDoes() {
    String id = CATALOG.playlistIds(5).stream().filter(p -> CATALOG.shapeOf(p) != ApiShape.ITEM)
        .findFirst().orElseThrow();
    String today = CATALOG.itemsPage(id, 300, 0, 100, API, DAY);
    String tomorrow = CATALOG.itemsPage(id, 300, 0, 100, API, DAY.plusDays(1));

    assertThat(tomorrow).isNotEqualTo(today);
    assertThat(tomorrow.replaceAll("\"popularity\": \\d+", "")).isEqualTo(today.replaceAll("\"popularity\": \\d+", ""));
  }

  @Test
  void refusesBadArguments() {
    String id = CATALOG.playlistIds(1).get(0);
    assertThatThrownBy(() -> CATALOG.itemsPage(id, 10, 0, 101, API, DAY)).hasMessage("limit must be 1..100, got 101");
    assertThatThrownBy(() -> CATALOG.itemsPage(id, 10, -1, 10, API, DAY)).hasMessage("offset must be >= 0, got -1");
    assertThatThrownBy(() -> CATALOG.playlistObject(id, -5, API, DAY)).hasMessage("totalEntries must be >= 0, got -5");
    assertThatThrownBy(() -> new SyntheticCatalog(1, 3)).hasMessage("catalogTracks must be at least 8, got 3");
  }
}
