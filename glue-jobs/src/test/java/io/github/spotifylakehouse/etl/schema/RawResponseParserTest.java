package io.github.spotifylakehouse.etl.schema;

import static io.github.spotifylakehouse.testkit.Fixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.spotifylakehouse.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class RawResponseParserTest {

  private static long micros(String instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(instant));
  }

  private static ParsedFile parse(String json) {
    return RawResponseParser.parse(json.getBytes(StandardCharsets.UTF_8), null);
  }

  @Test
  void countsTheTextValuesTheCsvCopyMustReplaceACharacterOf() {
    assertThat(RawResponseParser.parse(bytes(Fixtures.JAVA_PLAYLIST), null).unsafeTexts()).isZero();
    String track = "{\"id\": \"t1\", \"name\": \"Line one\\nline two\", \"type\": \"track\", "
        + "\"album\": {\"id\": \"al1\", \"name\": \"Tab\\there\", \"artists\": []}, "
        + "\"artists\": [{\"id\": \"ar1\", \"name\": \"Sep\u2028arated\"}]}";
    ParsedFile file = parse("{\"href\": \"https://api.spotify.com/v1/playlists/P1/items?offset=0\", \"items\": ["
        + "{\"added_at\": null, \"added_by\": null, \"is_local\": false, \"item\": " + track + "}], \"offset\": 0}");
    assertThat(file.rejection()).isNull();
    assertThat(file.entries()).singleElement().satisfies(e -> assertThat(e.songName()).isEqualTo("Line one\nline two"));
    assertThat(file.unsafeTexts()).isEqualTo(3);
  }

  @Test
  void readsThePre2026PlaylistObjectWithTracksAndTrack() {
    ParsedFile file = RawResponseParser.parse(bytes(Fixtures.JAVA_PLAYLIST), null);

    assertThat(file.rejection()).isNull();
    assertThat(file.shape()).isEqualTo(ParsedFile.PLAYLIST);
    assertThat(file.entryKey()).isEqualTo("track");
    assertThat(file.playlistId()).isEqualTo("59ZbFPES4DQwEjBpWHzrtC");
    assertThat(file.entriesSeen()).isEqualTo(1);
    ParsedEntry e = file.entries().get(0);
    assertThat(e.position()).isZero();
    assertThat(e.songId()).isEqualTo("4i9sYtSIlR80bxje5B3rUb");
    assertThat(e.songName()).isEqualTo("I'm Not The Only One - Radio Edit");
    assertThat(e.durationMs()).isEqualTo(204732);
    assertThat(e.explicit()).isFalse();
    assertThat(e.popularity()).isEqualTo(45);
    assertThat(e.trackNumber()).isEqualTo(1);
    assertThat(e.discNumber()).isEqualTo(1);
    assertThat(e.isrc()).isEqualTo("GBUM71403920");
    assertThat(e.albumId()).isEqualTo("5GWoXPsTQylMuaZ84PC563");
    assertThat(e.albumName()).isEqualTo("I'm Not The Only One");
    assertThat(e.albumType()).isEqualTo("single");
    assertThat(e.releaseDate()).isNull(); // the old simplified album has no release date
    assertThat(e.totalTracks()).isNull();
    assertThat(e.addedAtMicros()).isEqualTo(micros("2014-09-01T04:21:28Z"));
    assertThat(e.addedBy()).isEqualTo("spotify");
    assertThat(e.artists()).extracting(ParsedArtist::id, ParsedArtist::name)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("2wY79sveU1sp5g7SokKOiI", "Sam Smith"));
  }

  @Test
  void readsThe2026PlaylistObjectWithItemsAndItemTheSame() {
    ParsedFile old = RawResponseParser.parse(bytes(Fixtures.JAVA_PLAYLIST), null);
    ParsedFile renamed = RawResponseParser.parse(bytes(Fixtures.RC3_PLAYLIST), null);

    assertThat(renamed.rejection()).isNull();
    assertThat(renamed.shape()).isEqualTo(ParsedFile.PLAYLIST);
    assertThat(renamed.entryKey()).isEqualTo("item");
    assertThat(renamed.playlistId()).isEqualTo(old.playlistId());
    assertThat(renamed.entries()).isEqualTo(old.entries());
  }

  @Test
  void readsPagingObjectsTakingThePlaylistFromHrefAndCountingAMissingTrackAsNull() {
    for (String fixture : new String[] {Fixtures.JAVA_ITEMS, Fixtures.RC3_ITEMS}) {
      ParsedFile file = RawResponseParser.parse(bytes(fixture), null);

      assertThat(file.rejection()).as(fixture).isNull();
      assertThat(file.shape()).isEqualTo(ParsedFile.PAGING);
      // .../users/spotify_espa%C3%B1a/playlists/21THa8j9TaSGuXYNBU5tsC/tracks
      assertThat(file.playlistId()).isEqualTo("21THa8j9TaSGuXYNBU5tsC");
      assertThat(file.entriesSeen()).isEqualTo(2);
      assertThat(file.skipped(SkipKind.NULL_ENTRY)).isEqualTo(1);
      ParsedEntry e = file.entries().get(0);
      assertThat(e.songId()).isEqualTo("7pk3EpFtmsOdj8iUhjmeCM");
      assertThat(e.songName()).isEqualTo("Otra Vez (feat. J Balvin)");
      assertThat(e.addedBy()).isEqualTo("spotify_españa");
      assertThat(e.popularity()).isEqualTo(85);
      assertThat(e.artists()).extracting(ParsedArtist::id)
          .containsExactly("21451j1KhjAiaYKflxBjr1", "1vyhD5VmyZ7KMfW5gqLgo5");
      assertThat(e.albumArtists()).extracting(ParsedArtist::name).containsExactly("Zion & Lennox");
    }
  }

  @Test
  void countsEpisodesAndKeepsNoRowForThem() {
    for (String fixture : new String[] {Fixtures.JAVA_EPISODE, Fixtures.RC3_EPISODE}) {
      ParsedFile file = RawResponseParser.parse(bytes(fixture), null);

      assertThat(file.rejection()).as(fixture).isNull();
      assertThat(file.entries()).isEmpty();
      assertThat(file.entriesSeen()).isEqualTo(1);
      assertThat(file.skipped(SkipKind.EPISODE)).isEqualTo(1);
    }
  }

  @Test
  void readsTheTransitionShapeOnceThoughItCarriesTracksAndItemsAndTrackAndItem() {
    ParsedFile file = RawResponseParser.parse(bytes(Fixtures.JOOSTLEK_PLAYLIST_1), null);

    assertThat(file.rejection()).isNull();
    assertThat(file.entryKey()).isEqualTo("both");
    assertThat(file.playlistId()).isEqualTo("1Cp6VQCKf2VL4sP09jN9oX");
    assertThat(file.entriesSeen()).isEqualTo(1);
    assertThat(file.entries()).hasSize(1);
    ParsedEntry e = file.entries().get(0);
    assertThat(e.songId()).isEqualTo("3ZL9gPzeCnKG9l5SB1SlcZ");
    assertThat(e.songName()).isEqualTo("All I Need");
    assertThat(e.releaseDate()).isEqualTo(LocalDate.of(2025, 1, 13));
    assertThat(e.releaseDatePrecision()).isEqualTo("day");
    assertThat(e.totalTracks()).isEqualTo(5);
    assertThat(e.isrc()).isEqualTo("GBCFB2300770");
    assertThat(e.artists()).extracting(ParsedArtist::name).containsExactly("Maribou State", "Andreya Triana");
    assertThat(e.addedBy()).isEqualTo("1112264649");

    ParsedFile page = RawResponseParser.parse(bytes(Fixtures.JOOSTLEK_ITEMS), null);
    assertThat(page.shape()).isEqualTo(ParsedFile.PAGING);
    assertThat(page.entryKey()).isEqualTo("both");
    assertThat(page.playlistId()).isEqualTo("1Cp6VQCKf2VL4sP09jN9oX");
    assertThat(page.entries()).isEqualTo(file.entries());
  }

  @Test
  void skipsLocalFilesAndEpisodesOfRealPlaylists() {
    ParsedFile withLocal = RawResponseParser.parse(bytes(Fixtures.JOOSTLEK_PLAYLIST_2), null);
    assertThat(withLocal.entriesSeen()).isEqualTo(2);
    assertThat(withLocal.skipped(SkipKind.LOCAL_FILE)).isEqualTo(1);
    assertThat(withLocal.entries()).singleElement().satisfies(e -> {
      assertThat(e.songId()).isEqualTo("4oeRfmp9XpKWym6YD1WvBP");
      assertThat(e.position()).isEqualTo(1);
      assertThat(e.isrc()).isEqualTo("ushm80865849");
      assertThat(e.popularity()).isZero();
      assertThat(e.releaseDate()).isEqualTo(LocalDate.of(2008, 1, 1));
      assertThat(e.addedBy()).isEqualTo("chadandcaren");
    });

    ParsedFile withEpisode = RawResponseParser.parse(bytes(Fixtures.JOOSTLEK_PLAYLIST_3), null);
    assertThat(withEpisode.entriesSeen()).isEqualTo(3);
    assertThat(withEpisode.skipped(SkipKind.EPISODE)).isEqualTo(1);
    assertThat(withEpisode.entries()).extracting(ParsedEntry::songId, ParsedEntry::position, ParsedEntry::popularity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("4bEdcyI0l4zX2Ut5m5Xrhw", 0, 19),
            org.assertj.core.groups.Tuple.tuple("2kmZop34md5KWP4gn7Zuj8", 1, 0));
  }

  static final java.util.List<String> PLAYLIST_SHAPES = Fixtures.PLAYLIST_SHAPES;
  static final java.util.List<String> OTHER_SHAPES = Fixtures.OTHER_SHAPES;

  @ParameterizedTest
  @FieldSource("PLAYLIST_SHAPES")
  void readsEveryRecordedPlaylistResponse(String fixture) {
    ParsedFile file = RawResponseParser.parse(bytes(fixture), null);

    assertThat(file.rejection()).isNull();
    assertThat(file.playlistId()).matches("[A-Za-z0-9]{22}");
    int skipped = file.skipped().values().stream().mapToInt(Integer::intValue).sum();
    assertThat(file.entries().size() + skipped).isEqualTo(file.entriesSeen());
  }

  @ParameterizedTest
  @FieldSource("OTHER_SHAPES")
  void rejectsEveryOtherRecordedResponse(String fixture) {
    ParsedFile file = RawResponseParser.parse(bytes(fixture), null);

    assertThat(file.isRead()).isFalse();
    assertThat(file.rejection()).isNotBlank();
    assertThat(file.entries()).isEmpty();
  }

  @Test
  void namesTheErrorOfASpotifyErrorResponse() {
    assertThat(RawResponseParser.parse(bytes(Fixtures.JOOSTLEK_NOT_FOUND), null).rejection())
        .isEqualTo("a Spotify error response (status 404: Resource not found), not a paging or playlist object");
    assertThat(RawResponseParser.parse(bytes("GetArtistRequest.json"), null).rejection())
        .isEqualTo("a Spotify 'artist' object (field 'type'), not a playlist or paging object");
    // an album embeds a 'tracks' paging object too, but of tracks rather than playlist entries
    assertThat(RawResponseParser.parse(bytes("GetAlbumRequest.json"), null).rejection())
        .startsWith("entry 'tracks.items[0]' is a 'track' object (field 'type')");
    assertThat(RawResponseParser.parse(bytes("GetAlbumsTracksRequest.json"), null).rejection())
        .startsWith("entry 'items[0]' is a 'track' object (field 'type')");
  }

  @Test
  void rejectsWhatIsNotJsonOrNotWhole() {
    assertThat(parse("").rejection()).isEqualTo("empty file: no JSON value");
    assertThat(parse("not json").rejection()).startsWith("not valid JSON: Unrecognized token 'not'");
    assertThat(parse("[1, 2]").rejection()).startsWith("the top-level value is an array");
    String truncated = Fixtures.text(Fixtures.JOOSTLEK_PLAYLIST_3).substring(0, 5000);
    assertThat(parse(truncated).rejection()).startsWith("not valid JSON: Unexpected end-of-input");
    assertThat(parse("{\"items\": []} {}").rejection()).startsWith("content after the top-level object");
    assertThat(parse("{\"name\": \"x\"}").rejection())
        .isEqualTo("neither a paging object (no 'items' array) nor a playlist object (no 'items' or 'tracks' object)");
  }

  @Test
  void namesTheFieldOfAValueOfTheWrongType() {
    assertThat(parse("{\"href\": \"https://api.spotify.com/v1/playlists/abc/items\", \"items\": "
        + "[{\"added_at\": \"yesterday\", \"track\": null}]}").rejection())
        .isEqualTo("field 'items[0].added_at' is not an ISO-8601 timestamp: 'yesterday'");
    assertThat(parse("{\"href\": \"https://api.spotify.com/v1/playlists/abc/items\", \"items\": "
        + "[null, {\"item\": {\"id\": \"t\", \"duration_ms\": \"long\"}}]}").rejection())
        .isEqualTo("field 'items[1].item.duration_ms' is a string: expected an integer");
    assertThat(parse("{\"items\": 3}").rejection())
        .isEqualTo("field 'items' is a number: expected an array (paging object) or an object (playlist object)");
    assertThat(parse("{\"href\": null, \"items\": []}").rejection())
        .isEqualTo("no playlist id: the file is not in a run folder and the paging object's field 'href' (null) "
            + "names no playlist");
  }

  @Test
  void positionsAreOffsetPlusIndexWhereverTheOffsetField() {
    String page = "{\"href\": \"https://api.spotify.com/v1/playlists/P1/items?offset=200&limit=2\", \"items\": ["
        + "{\"added_at\": null, \"added_by\": null, \"is_local\": false, \"item\": {\"id\": \"A\", \"type\": \"track\"}},"
        + "{\"item\": {\"id\": \"B\", \"type\": \"track\", \"popularity\": null}}"
        + "], \"limit\": 2, \"next\": null, \"offset\": 200, \"total\": 202}";

    ParsedFile file = parse(page);

    assertThat(file.playlistId()).isEqualTo("P1");
    assertThat(file.entries()).extracting(ParsedEntry::songId, ParsedEntry::position)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("A", 200), org.assertj.core.groups.Tuple.tuple("B", 201));
    assertThat(file.entries().get(0).addedAtMicros()).isNull();
    assertThat(file.entries().get(1).popularity()).isNull();
  }

  @Test
  void readsEveryFormOfAddedAt() {
    String page = "{\"href\": \"https://api.spotify.com/v1/playlists/P/items\", \"items\": ["
        + "{\"added_at\": \"2014-09-01T04:21:28Z\", \"item\": {\"id\": \"a\"}},"
        + "{\"added_at\": \"2024-02-29T23:59:59Z\", \"item\": {\"id\": \"b\"}},"
        + "{\"added_at\": \"2026-03-03T10:00:00.123Z\", \"item\": {\"id\": \"c\"}},"
        + "{\"added_at\": \"2026-03-03T11:00:00+01:00\", \"item\": {\"id\": \"d\"}}"
        + "]}";

    assertThat(parse(page).entries()).extracting(ParsedEntry::addedAtMicros).containsExactly(
        micros("2014-09-01T04:21:28Z"), micros("2024-02-29T23:59:59Z"), micros("2026-03-03T10:00:00.123Z"),
        micros("2026-03-03T10:00:00Z"));
    assertThat(parse(page.replace("2024-02-29T23:59:59Z", "2023-02-29T23:59:59Z")).rejection())
        .isEqualTo("field 'items[1].added_at' is not an ISO-8601 timestamp: '2023-02-29T23:59:59Z'");
  }

  @Test
  void prefersItemOverTrackAndTheRunFolderOverTheBody() {
    String page = "{\"id\": \"FromBody\", \"type\": \"playlist\", \"items\": {\"offset\": 0, \"items\": ["
        + "{\"track\": {\"id\": \"old\", \"name\": \"Old\"}, \"item\": {\"id\": \"new\", \"name\": \"New\"}},"
        + "{\"track\": {\"id\": \"only-track\"}, \"item\": null},"
        + "{\"track\": {\"id\": null, \"name\": \"no id\"}}"
        + "]}}";

    ParsedFile file = RawResponseParser.parse(page.getBytes(StandardCharsets.UTF_8), "FromFolder");

    assertThat(file.playlistId()).isEqualTo("FromFolder");
    assertThat(file.entries()).extracting(ParsedEntry::songId).containsExactly("new", "only-track");
    assertThat(file.skipped(SkipKind.NO_ID)).isEqualTo(1);
  }

  @Test
  void findsThePlaylistInEveryFormOfLink() {
    assertThat(RawResponseParser.playlistIdFromHref("https://api.spotify.com/v1/playlists/3cEYpjA9oz9GiPac4AsH4n"))
        .isEqualTo("3cEYpjA9oz9GiPac4AsH4n");
    assertThat(RawResponseParser.playlistIdFromHref(
        "http://127.0.0.1:8080/v1/playlists/3cEYpjA9oz9GiPac4AsH4n/items?offset=0&limit=100"))
        .isEqualTo("3cEYpjA9oz9GiPac4AsH4n");
    assertThat(RawResponseParser.playlistIdFromHref("https://api.spotify.com/v1/albums/x/tracks")).isNull();
    assertThat(RawResponseParser.playlistIdFromHref(null)).isNull();
  }
}
