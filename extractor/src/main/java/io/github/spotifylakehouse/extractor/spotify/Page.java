package io.github.spotifylakehouse.extractor.spotify;

import io.github.spotifylakehouse.lake.PageKind;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One response of a playlist, as received.
 *
 * @param kind playlist object or items page
 * @param url the URL requested (never carries credentials)
 * @param body the body bytes exactly as received (UTF-8)
 * @param entries entries in the page (for the playlist object: those of its embedded first page)
 * @param next the {@code next} link of an items page
 * @param sawItem an entry had an {@code item} key
 * @param sawTrack an entry had a {@code track} key
 * @param millis time to fetch it, retries included
 */
public record Page(PageKind kind, URI url, byte[] body, int entries, Optional<URI> next, boolean sawItem,
                   boolean sawTrack, long millis) {

  public Page {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(next, "next");
  }
}
