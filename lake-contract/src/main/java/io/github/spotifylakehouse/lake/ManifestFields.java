package io.github.spotifylakehouse.lake;

/**
 * Field names of a run's {@code _manifest.json}: written by the extractor after all pages of a playlist
 * have landed, read by the job. One JSON object:
 *
 * <pre>
 * {"manifest_version":2, "run_id":"20261121T060012Z-1a2b3c4d", "playlist_id":"...",
 *  "snapshot_date":"2026-11-21", "extracted_at":"2026-11-21T06:00:14.123Z",
 *  "snapshot_id":"AAAAB8C6...", "api_shape":"item", "entries":1234,
 *  "pages":[{"file":"page-00000.json","kind":"playlist","url":"https://...", "entries":100, "bytes":41234}, ...]}
 * </pre>
 *
 * <p>Versions: 1 had no {@link #SNAPSHOT_ID}; 2 adds it. Readers that only use the ids, the date and
 * {@code pages[].file} (the job) read both.
 */
public final class ManifestFields {

  /** Integer version of this layout: {@link #CURRENT_VERSION}. */
  public static final String MANIFEST_VERSION = "manifest_version";
  /** The run id, as in the folder name. */
  public static final String RUN_ID = "run_id";
  /** The playlist id, as in the folder name. */
  public static final String PLAYLIST_ID = "playlist_id";
  /** The snapshot date, as in the folder name (ISO date). */
  public static final String SNAPSHOT_DATE = "snapshot_date";
  /** When the last page was fetched (ISO-8601 instant, UTC). */
  public static final String EXTRACTED_AT = "extracted_at";
  /**
   * The playlist's {@code snapshot_id} (its version) that every page of the run belongs to: read before the
   * first page and again after the last, and equal both times. JSON null when Spotify sent none. Since
   * version 2.
   */
  public static final String SNAPSHOT_ID = "snapshot_id";
  /** Entry key the API used: {@code item}, {@code track}, {@code both} or {@code none} (no entries). */
  public static final String API_SHAPE = "api_shape";
  /** Total number of playlist entries landed across pages (items pages only). */
  public static final String ENTRIES = "entries";
  /** Array of page descriptions, in fetch order. */
  public static final String PAGES = "pages";
  /** In a page description: the file name in the run folder. */
  public static final String PAGE_FILE = "file";
  /** In a page description: {@code playlist} (GET /playlists/{id}) or {@code items} (a paging object). */
  public static final String PAGE_KIND = "kind";
  /** In a page description: the request URL (no credentials). */
  public static final String PAGE_URL = "url";
  /** In a page description: number of entries in the page. */
  public static final String PAGE_ENTRIES = "entries";
  /** In a page description: size of the stored body in bytes. */
  public static final String PAGE_BYTES = "bytes";

  /** Current value of {@link #MANIFEST_VERSION}. */
  public static final int CURRENT_VERSION = 2;

  private ManifestFields() {
  }
}
