package io.github.spotifylakehouse.lake;

/**
 * Which key playlist entries carried their track or episode under: {@code item} (since February 2026),
 * {@code track} (before), {@code both} (the transition, or a mix across pages), {@code none} (no entry
 * had either, e.g. an empty playlist). The manifest records it for the job.
 */
public enum ApiShape {
  ITEM("item"),
  TRACK("track"),
  BOTH("both"),
  NONE("none");

  /** Key of a playlist entry's track or episode since February 2026 (and of the playlist's entries). */
  public static final String ITEM_KEY = "item";
  /** Key of a playlist entry's track or episode before February 2026. */
  public static final String TRACK_KEY = "track";
  /** Key of a playlist object's embedded entries since February 2026 (a paging object). */
  public static final String PLAYLIST_ITEMS_KEY = "items";
  /** Key of a playlist object's embedded entries before February 2026 (a paging object). */
  public static final String PLAYLIST_TRACKS_KEY = "tracks";

  private final String manifestValue;

  ApiShape(String manifestValue) {
    this.manifestValue = manifestValue;
  }

  /** The value written to the manifest's {@code api_shape}. */
  public String manifestValue() {
    return manifestValue;
  }

  /** The shape of entries in which an {@code item} and/or a {@code track} key was seen. */
  public static ApiShape of(boolean sawItem, boolean sawTrack) {
    if (sawItem && sawTrack) {
      return BOTH;
    }
    if (sawItem) {
      return ITEM;
    }
    return sawTrack ? TRACK : NONE;
  }
}
