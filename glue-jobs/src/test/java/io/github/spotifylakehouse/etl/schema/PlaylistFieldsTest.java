package io.github.spotifylakehouse.etl.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.spotifylakehouse.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A playlist object's own fields (the playlist table), read from recorded responses. */
class PlaylistFieldsTest {

  @Test
  void readsThePlaylistsOwnFieldsFromRecordedPlaylistObjects() {
    ParsedPlaylist dinner = RawResponseParser.parse(Fixtures.bytes(Fixtures.JAVA_PLAYLIST), null).playlist();
    assertThat(dinner).isEqualTo(new ParsedPlaylist("Dinner with Friends",
        "Having friends over for dinner? Here\u00b4s the perfect playlist.", "spotify", null, null, false,
        "bNLWdmhh+HDsbHzhckXeDC0uyKyg4FjPI/KEsKjAE526usnz2LxwgyBoMShVL+z+", 143_350L));

    ParsedPlaylist toFind = RawResponseParser.parse(Fixtures.bytes(Fixtures.JOOSTLEK_PLAYLIST_1), null).playlist();
    assertThat(toFind).isEqualTo(new ParsedPlaylist("To find", "", "1112264649", "Joost Lekkerkerker", true, false,
        "AAAAAqEcxS92ddZ6R83Q8TWFhYshm18s", 0L));
  }

  @Test
  void aPagingObjectDescribesNoPlaylist() {
    ParsedFile page = RawResponseParser.parse(Fixtures.bytes(Fixtures.JAVA_ITEMS), null);
    assertThat(page.isRead()).isTrue();
    assertThat(page.playlist()).isNull();
  }

  @Test
  void missingFieldsAreNullAndWrongTypesRejectTheFileNamingTheField() {
    ParsedFile bare = parse("{\"id\": \"p1\", \"items\": {\"items\": []}, \"followers\": null}");
    assertThat(bare.playlist()).isEqualTo(new ParsedPlaylist(null, null, null, null, null, null, null, null));

    assertThat(parse("{\"id\": \"p1\", \"public\": \"yes\", \"items\": {\"items\": []}}").rejection())
        .isEqualTo("field 'public' is a string: expected true or false");
    assertThat(parse("{\"id\": \"p1\", \"followers\": {\"total\": \"many\"}, \"items\": {\"items\": []}}").rejection())
        .isEqualTo("field 'followers.total' is a string: expected an integer");
    assertThat(parse("{\"id\": \"p1\", \"owner\": [1], \"items\": {\"items\": []}}").rejection())
        .isEqualTo("field 'owner' is an array: expected an object or null");
  }

  private static ParsedFile parse(String json) {
    return RawResponseParser.parse(json.getBytes(StandardCharsets.UTF_8), null);
  }
}
