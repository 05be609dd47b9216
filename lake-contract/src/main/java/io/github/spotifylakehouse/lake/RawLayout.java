package io.github.spotifylakehouse.lake;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where raw Spotify responses live, relative to the lake root (an S3 bucket plus optional prefix, or a
 * local folder).
 *
 * <pre>
 * raw_data/to_process/snapshot_date=2026-11-21/playlist_id=&lt;id&gt;/run_id=&lt;run&gt;/page-00000.json
 * raw_data/to_process/snapshot_date=2026-11-21/playlist_id=&lt;id&gt;/run_id=&lt;run&gt;/_manifest.json
 * raw_data/to_process/spotify_raw_20240105T101500.json        (loose file, as older pipelines wrote)
 * raw_data/processed/...   same relative path, once the job has consumed a file; but a loose file is kept in
 *                          snapshot_date=&lt;date&gt;/playlist_id=&lt;id&gt;/run_id=legacy/spotify_raw_....json
 * raw_data/rejected/...    same relative path, plus &lt;file&gt;.reason.txt, for files the job cannot read
 * </pre>
 *
 * <p>Each page file is one verbatim API response. The manifest is written last: a run folder without
 * one is still being written (or its extraction failed) and is left alone by the job, until it is older
 * than the job's {@link JobParameters#INCOMPLETE_RUN_MAX_AGE_HOURS}.
 *
 * <p>A loose file is dated once: the first run that consumes it keeps it in a run-shaped folder
 * ({@link #legacyKey}) under the date it gave it and the playlist it holds, so later runs read it with that
 * date. All loose files of one playlist and day are one extraction (pages of one playlist landed as several
 * files), and that extraction ranks below every run of the extractor on the same day.
 */
public final class RawLayout {

  /** Parent of every raw prefix. */
  public static final String RAW_ROOT = "raw_data/";
  /** Landing zone: written by the extractor, read by the job. */
  public static final String TO_PROCESS = RAW_ROOT + "to_process/";
  /** Files the job has consumed; still read when their snapshot date is recomputed. */
  public static final String PROCESSED = RAW_ROOT + "processed/";
  /** Files the job could not read, each beside a {@code .reason.txt} note. */
  public static final String REJECTED = RAW_ROOT + "rejected/";
  /** Suffix of the note written beside a rejected file. */
  public static final String REJECTION_NOTE_SUFFIX = ".reason.txt";

  /** Written last in a run folder; marks the run complete. */
  public static final String MANIFEST_FILE = "_manifest.json";
  /** Partition-style key of the run folder: the day the playlist was extracted (UTC). */
  public static final String SNAPSHOT_DATE = "snapshot_date";
  /** Partition-style key of the run folder: the Spotify playlist id. */
  public static final String PLAYLIST_ID = "playlist_id";
  /** Partition-style key of the run folder: the extraction run id (see {@link RunId}). */
  public static final String RUN_ID = "run_id";
  /**
   * Reserved run id of the folders in {@link #PROCESSED} that keep consumed loose files ({@link #legacyKey});
   * never a {@link RunId}.
   */
  public static final String LEGACY_RUN_ID = "legacy";

  private static final String PAGE_FORMAT = "page-%05d.json";
  private static final Pattern PAGE_FILE = Pattern.compile("page-(\\d{5})\\.json");
  private static final Pattern RUN_FOLDER = Pattern.compile(
      SNAPSHOT_DATE + "=(\\d{4}-\\d{2}-\\d{2})/" + PLAYLIST_ID + "=([^/]+)/" + RUN_ID + "=([^/]+)/([^/]+)");
  /** Loose files of older pipelines: {@code spotify_raw_<timestamp>.json}, the date in the timestamp. */
  private static final Pattern LOOSE_FILE = Pattern.compile("spotify_raw_([^/]+)\\.json");
  private static final Pattern DATE_IN_NAME = Pattern.compile("(\\d{4})-?(\\d{2})-?(\\d{2})");
  /** Spotify ids are base-62; anything else in a key is refused so keys stay safe and parseable. */
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  private RawLayout() {
  }

  /** File name of the {@code pageNumber}-th response of a run (0-based), e.g. {@code page-00003.json}. */
  public static String pageFileName(int pageNumber) {
    if (pageNumber < 0 || pageNumber > 99_999) {
      throw new IllegalArgumentException("Page number must be 0..99999, got " + pageNumber);
    }
    return String.format(PAGE_FORMAT, pageNumber);
  }

  /**
   * The folder of every run of a playlist on a day, relative to a stage prefix, e.g.
   * {@code snapshot_date=2026-11-21/playlist_id=37i9.../}.
   */
  public static String playlistFolder(LocalDate snapshotDate, String playlistId) {
    Objects.requireNonNull(snapshotDate, "snapshotDate");
    return SNAPSHOT_DATE + "=" + snapshotDate + "/" + PLAYLIST_ID + "=" + requireSafe("playlist id", playlistId) + "/";
  }

  /**
   * The run folder relative to a stage prefix, e.g.
   * {@code snapshot_date=2026-11-21/playlist_id=37i9.../run_id=20261121T060000Z-1a2b3c4d/}.
   */
  public static String runFolder(LocalDate snapshotDate, String playlistId, String runId) {
    return playlistFolder(snapshotDate, playlistId) + RUN_ID + "=" + requireSafe("run id", runId) + "/";
  }

  /**
   * Where a consumed loose file is kept, relative to {@link #PROCESSED}: {@code snapshot_date=<date>/
   * playlist_id=<id>/run_id=legacy/<looseFileName>}, {@code date} being the date the job gave it when it
   * consumed it.
   */
  public static String legacyKey(LocalDate snapshotDate, String playlistId, String looseFileName) {
    if (looseFileName == null || !LOOSE_FILE.matcher(looseFileName).matches()) {
      throw new IllegalArgumentException("Not a loose raw file name (spotify_raw_<stamp>.json): '" + looseFileName
          + "'");
    }
    return runFolder(snapshotDate, playlistId, LEGACY_RUN_ID) + looseFileName;
  }

  /** Key of a page under {@link #TO_PROCESS}, relative to the lake root. */
  public static String pageKey(LocalDate snapshotDate, String playlistId, String runId, int pageNumber) {
    return TO_PROCESS + runFolder(snapshotDate, playlistId, runId) + pageFileName(pageNumber);
  }

  /** Key of a run's manifest under {@link #TO_PROCESS}, relative to the lake root. */
  public static String manifestKey(LocalDate snapshotDate, String playlistId, String runId) {
    return TO_PROCESS + runFolder(snapshotDate, playlistId, runId) + MANIFEST_FILE;
  }

  /**
   * Reads a path relative to a stage prefix ({@link #TO_PROCESS} or {@link #PROCESSED}) back into its
   * parts. Returns empty for anything that is neither a run-folder file nor a loose file.
   */
  public static Optional<RawFile> parse(String relativePath) {
    Objects.requireNonNull(relativePath, "relativePath");
    Matcher run = RUN_FOLDER.matcher(relativePath);
    if (run.matches()) {
      LocalDate date = parseDate(run.group(1));
      if (date == null) {
        return Optional.empty();
      }
      String fileName = run.group(4);
      Integer page = null;
      Matcher pageMatcher = PAGE_FILE.matcher(fileName);
      if (LEGACY_RUN_ID.equals(run.group(3))) {
        if (!LOOSE_FILE.matcher(fileName).matches()) {
          return Optional.empty();
        }
      } else if (pageMatcher.matches()) {
        page = Integer.parseInt(pageMatcher.group(1));
      } else if (!MANIFEST_FILE.equals(fileName)) {
        return Optional.empty();
      }
      return Optional.of(new RawFile(relativePath, Optional.of(date), run.group(2), run.group(3), page));
    }
    if (!relativePath.contains("/")) {
      Matcher loose = LOOSE_FILE.matcher(relativePath);
      if (loose.matches()) {
        Matcher inName = DATE_IN_NAME.matcher(loose.group(1));
        LocalDate date = inName.find()
            ? parseDate(inName.group(1) + "-" + inName.group(2) + "-" + inName.group(3)) : null;
        return Optional.of(new RawFile(relativePath, Optional.ofNullable(date), null, null, null));
      }
    }
    return Optional.empty();
  }

  private static LocalDate parseDate(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String requireSafe(String what, String value) {
    if (value == null || !SAFE_ID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "Invalid " + what + " for a raw key (expected [A-Za-z0-9_-]{1,128}): '" + value + "'");
    }
    return value;
  }

  /**
   * A raw file, as its path tells it.
   *
   * @param relativePath path relative to its stage prefix
   * @param snapshotDate the date in the run folder or in a loose file's name; empty for a loose file
   *     without one (the job then uses its run date)
   * @param playlistId the playlist of a run folder; null for a loose file not yet consumed
   * @param runId the run of a run folder ({@link #LEGACY_RUN_ID} for a kept loose file); null for a loose
   *     file not yet consumed
   * @param pageNumber the page number of a page file; null for a manifest or a loose file
   */
  public record RawFile(String relativePath, Optional<LocalDate> snapshotDate, String playlistId,
                        String runId, Integer pageNumber) {

    /** True for a file in a run folder: a page or manifest of the extractor, or a kept loose file. */
    public boolean inRunFolder() {
      return runId != null;
    }

    /** True for a loose file, where it landed or kept in a {@link #LEGACY_RUN_ID} folder. */
    public boolean isLoose() {
      return runId == null || LEGACY_RUN_ID.equals(runId);
    }

    /** True for a run's manifest. */
    public boolean isManifest() {
      return inRunFolder() && !isLoose() && pageNumber == null;
    }

    /** The file's name, without its folder. */
    public String fileName() {
      return relativePath.substring(relativePath.lastIndexOf('/') + 1);
    }
  }
}
