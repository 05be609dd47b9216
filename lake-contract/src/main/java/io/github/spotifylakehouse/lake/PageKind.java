package io.github.spotifylakehouse.lake;

/** What a landed response is: {@code GET /playlists/{id}} or one {@code GET /playlists/{id}/items} page. */
public enum PageKind {
  PLAYLIST("playlist"),
  ITEMS("items");

  private final String manifestValue;

  PageKind(String manifestValue) {
    this.manifestValue = manifestValue;
  }

  /** The value written to a page's {@code kind} in the manifest. */
  public String manifestValue() {
    return manifestValue;
  }
}
