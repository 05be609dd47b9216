package io.github.spotifylakehouse.extractor.landing;

import io.github.spotifylakehouse.extractor.spotify.Page;
import io.github.spotifylakehouse.lake.RawLayout;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run folder of one playlist in one run: pages land as {@code page-00000.json} (the playlist object),
 * {@code page-00001.json}, ... as they arrive; {@link #complete} writes {@code _manifest.json} last, so
 * the job never reads a half-written run.
 */
public final class RunFolder {

  private static final Logger LOG = LoggerFactory.getLogger(RunFolder.class);

  private final Lake lake;
  private final LocalDate snapshotDate;
  private final String playlistId;
  private final String runId;
  private final Manifest manifest;
  private boolean completed;

  public RunFolder(Lake lake, LocalDate snapshotDate, String playlistId, String runId) {
    this.lake = Objects.requireNonNull(lake, "lake");
    this.snapshotDate = Objects.requireNonNull(snapshotDate, "snapshotDate");
    this.playlistId = Objects.requireNonNull(playlistId, "playlistId");
    this.runId = Objects.requireNonNull(runId, "runId");
    // checks the ids before anything is fetched
    RawLayout.runFolder(snapshotDate, playlistId, runId);
    this.manifest = new Manifest(runId, playlistId, snapshotDate);
  }

  /** Lands the next page; returns its key relative to the lake root. */
  public String land(Page page) {
    if (completed) {
      throw new IllegalStateException("Run folder of playlist " + playlistId + " is complete: no more pages");
    }
    int number = manifest.pages().size();
    String key = RawLayout.pageKey(snapshotDate, playlistId, runId, number);
    long started = System.nanoTime();
    lake.putJson(key, page.body());
    manifest.add(new Manifest.PageEntry(RawLayout.pageFileName(number), page.kind(), page.url(), page.entries(),
        page.body().length), page.sawItem(), page.sawTrack());
    LOG.info("Landed {} ({} bytes, {} entries; fetched in {} ms, written in {} ms)", lake.location(key),
        page.body().length, page.entries(), page.millis(), (System.nanoTime() - started) / 1_000_000);
    return key;
  }

  /** Writes the manifest, after the last page; returns its key relative to the lake root. */
  public String complete(Instant extractedAt) {
    String key = RawLayout.manifestKey(snapshotDate, playlistId, runId);
    lake.putJson(key, manifest.toJson(extractedAt));
    completed = true;
    LOG.info("Landed {} ({} pages, {} entries, api shape {})", lake.location(key), manifest.pages().size(),
        manifest.entries(), manifest.apiShape().manifestValue());
    return key;
  }

  public Manifest manifest() {
    return manifest;
  }

  /** The folder, relative to the lake root. */
  public String folderKey() {
    return RawLayout.TO_PROCESS + RawLayout.runFolder(snapshotDate, playlistId, runId);
  }
}
