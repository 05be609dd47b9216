package io.github.spotifylakehouse.extractor.landing;

import io.github.spotifylakehouse.lake.PageKind;
import io.github.spotifylakehouse.extractor.spotify.Page;

import io.github.spotifylakehouse.lake.RawLayout;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run folder of one playlist in one run: pages land as {@code page-00000.json} (the playlist object),
 * {@code page-00001.json}, ... as they arrive; {@link #complete} writes {@code _manifest.json} last, only
 * after every page is stored, so the job never reads a half-written run.
 *
 * <p>Pages are written on {@code writer} while the next one is fetched (a single-thread writer keeps them
 * in order); at most {@link #MAX_IN_FLIGHT} wait, so memory stays bounded. A failed write stops the
 * playlist at the next {@link #land} or at {@link #complete}.
 */
public final class RunFolder {

  /** Pages fetched but not yet stored, at most. */
  static final int MAX_IN_FLIGHT = 4;

  private static final Logger LOG = LoggerFactory.getLogger(RunFolder.class);

  private final LandingBucket lake;
  private final Executor writer;
  private final LocalDate snapshotDate;
  private final String playlistId;
  private final String runId;
  private final Manifest manifest;
  private final Deque<CompletableFuture<Void>> pending = new ArrayDeque<>();
  private final AtomicInteger stored = new AtomicInteger();
  private final AtomicLong storedEntries = new AtomicLong();
  private final AtomicLong storedBytes = new AtomicLong();
  private boolean completed;

  public RunFolder(LandingBucket lake, Executor writer, LocalDate snapshotDate, String playlistId, String runId) {
    this.lake = Objects.requireNonNull(lake, "lake");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.snapshotDate = Objects.requireNonNull(snapshotDate, "snapshotDate");
    this.playlistId = Objects.requireNonNull(playlistId, "playlistId");
    this.runId = Objects.requireNonNull(runId, "runId");
    // checks the ids before anything is fetched
    RawLayout.runFolder(snapshotDate, playlistId, runId);
    this.manifest = new Manifest(runId, playlistId, snapshotDate);
  }

  /**
   * Queues the next page for writing; returns its key relative to the lake root.
   *
   * @throws LandingException an earlier page could not be written
   */
  public String land(Page page) {
    if (completed) {
      throw new IllegalStateException("Run folder of playlist " + playlistId + " is complete: no more pages");
    }
    while (!pending.isEmpty() && (pending.peekFirst().isDone() || pending.size() >= MAX_IN_FLIGHT)) {
      await(pending.removeFirst());
    }
    int number = manifest.pages().size();
    String key = RawLayout.pageKey(snapshotDate, playlistId, runId, number);
    manifest.add(new Manifest.PageEntry(RawLayout.pageFileName(number), page.kind(), page.url(), page.entries(),
        page.body().length), page.sawItem(), page.sawTrack());
    pending.addLast(CompletableFuture.runAsync(() -> {
      long started = System.nanoTime();
      lake.putJson(key, page.body());
      stored.incrementAndGet();
      storedBytes.addAndGet(page.body().length);
      if (page.kind() == PageKind.ITEMS) {
        storedEntries.addAndGet(page.entries());
      }
      LOG.info("Landed {} ({} bytes, {} entries; fetched in {} ms, written in {} ms)", lake.location(key),
          page.body().length, page.entries(), page.millis(), (System.nanoTime() - started) / 1_000_000);
    }, writer));
    return key;
  }

  /**
   * Waits for every page, then writes the manifest, recording {@code snapshotId} as the version the pages
   * belong to; returns its key relative to the lake root.
   *
   * @throws LandingException a page or the manifest could not be written (then there is no manifest)
   */
  public String complete(Instant extractedAt, Optional<String> snapshotId) {
    while (!pending.isEmpty()) {
      await(pending.removeFirst());
    }
    manifest.snapshotId(snapshotId);
    String key = RawLayout.manifestKey(snapshotDate, playlistId, runId);
    lake.putJson(key, manifest.toJson(extractedAt));
    completed = true;
    LOG.info("Landed {} ({} pages, {} entries, api shape {})", lake.location(key), manifest.pages().size(),
        manifest.entries(), manifest.apiShape().manifestValue());
    return key;
  }

  /**
   * After a failure: lets the queued writes finish (their own failures are already being reported) so
   * nothing is written for this playlist once its failure is known; returns the pages stored.
   */
  public int abandon() {
    while (!pending.isEmpty()) {
      pending.removeFirst().exceptionally(e -> null).join();
    }
    return stored.get();
  }

  /** Pages stored so far. */
  public int storedPages() {
    return stored.get();
  }

  /** Entries of the items pages stored so far. */
  public long storedEntries() {
    return storedEntries.get();
  }

  /** Bytes stored so far. */
  public long storedBytes() {
    return storedBytes.get();
  }

  public Manifest manifest() {
    return manifest;
  }

  public String runId() {
    return runId;
  }

  /** The folder, relative to the lake root. */
  public String folderKey() {
    return RawLayout.TO_PROCESS + RawLayout.runFolder(snapshotDate, playlistId, runId);
  }

  private static void await(CompletableFuture<Void> write) {
    try {
      write.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
