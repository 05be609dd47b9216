package io.github.spotifylakehouse.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The recorded Spotify responses, one copy for every module, on the classpath under {@code fixtures/spotify/} (sources and hashes in SOURCES.txt there). */
public final class Fixtures {

  /** spotify-web-api-java 9.4.0 shapes: playlist.tracks / entry.track. */
  public static final String JAVA_PLAYLIST = "GetPlaylistRequest.json";
  public static final String JAVA_ITEMS = "GetPlaylistsItemsRequest.json";
  public static final String JAVA_EPISODE = "GetPlaylistsItemsRequest_Episode.json";
  /** spotify-web-api-java 10.0.0-RC3 shapes: playlist.items / entry.item. */
  public static final String RC3_PLAYLIST = "spotify-web-api-java@10.0.0-RC3/GetPlaylistRequest.json";
  public static final String RC3_ITEMS = "spotify-web-api-java@10.0.0-RC3/GetPlaylistsItemsRequest.json";
  public static final String RC3_EPISODE = "spotify-web-api-java@10.0.0-RC3/GetPlaylistsItemsRequest_Episode.json";
  /** joostlek/python-spotify: transition (both keys), local files, episode. */
  public static final String JOOSTLEK_PLAYLIST_1 = "joostlek-python-spotify/playlist_1.json";
  public static final String JOOSTLEK_PLAYLIST_2 = "joostlek-python-spotify/playlist_2.json";
  public static final String JOOSTLEK_PLAYLIST_3 = "joostlek-python-spotify/playlist_3.json";
  public static final String JOOSTLEK_ITEMS = "joostlek-python-spotify/playlist_items.json";
  public static final String JOOSTLEK_NOT_FOUND = "joostlek-python-spotify/playlist_not_found.json";
  public static final String JOOSTLEK_RATE_LIMIT = "joostlek-python-spotify/rate_limit.json";

  /** Every recorded response that is a playlist object or a paging object of playlist entries. */
  public static final List<String> PLAYLIST_SHAPES = List.of(JAVA_PLAYLIST, JAVA_ITEMS, JAVA_EPISODE,
      RC3_PLAYLIST, RC3_ITEMS, RC3_EPISODE, JOOSTLEK_PLAYLIST_1, JOOSTLEK_PLAYLIST_2, JOOSTLEK_PLAYLIST_3,
      JOOSTLEK_ITEMS);

  /** Every other recorded response: none of them may be read as playlist entries. */
  public static final List<String> OTHER_SHAPES = List.of("GetAlbumRequest.json", "GetAlbumsTracksRequest.json",
      "GetArtistRequest.json", "GetArtistsAlbumsRequest.json", "GetListOfNewReleasesRequest.json",
      "GetSeveralAlbumsRequest.json", "GetSeveralAlbumsRequest_None.json", "GetSeveralArtistsRequest.json",
      "GetSeveralTracksRequest.json", "GetTrackRequest.json", "GetTrackRequestLocal.json", "ClientCredentials.json",
      "auth-invalid-client.json", JOOSTLEK_NOT_FOUND, JOOSTLEK_RATE_LIMIT);

  private Fixtures() {
  }

  public static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/spotify/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("No fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read fixture " + name, e);
    }
  }

  public static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }
}
