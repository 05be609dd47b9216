package io.github.spotifylakehouse.extractor.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Recorded Spotify responses under {@code src/test/resources/fixtures/spotify/} (see SOURCES.txt there). */
public final class Fixtures {

  private Fixtures() {
  }

  /** The bytes of a fixture, e.g. {@code joostlek-python-spotify/playlist_items.json}. */
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
}
