package io.github.spotifylakehouse.extractor.spotify;

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
