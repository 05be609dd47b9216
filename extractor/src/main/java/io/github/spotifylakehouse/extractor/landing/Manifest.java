package io.github.spotifylakehouse.extractor.landing;

import io.github.spotifylakehouse.lake.PageKind;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.spotifylakehouse.lake.ApiShape;

import io.github.spotifylakehouse.lake.ManifestFields;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code _manifest.json} of one run folder, built page by page and written last. Field names come
 * from {@link ManifestFields}.
 */
public final class Manifest {

  /** {@code extracted_at} always with milliseconds, e.g. {@code 2026-11-21T06:00:14.120Z}. */
  static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final JsonFactory JSON = new JsonFactory();

  private final String runId;
  private final String playlistId;
  private final LocalDate snapshotDate;
  private final List<PageEntry> pages = new ArrayList<>();
  private boolean sawItem;
  private boolean sawTrack;
  private long entries;
  private long bytes;
  private Optional<String> snapshotId = Optional.empty();

  public Manifest(String runId, String playlistId, LocalDate snapshotDate) {
    this.runId = Objects.requireNonNull(runId, "runId");
    this.playlistId = Objects.requireNonNull(playlistId, "playlistId");
    this.snapshotDate = Objects.requireNonNull(snapshotDate, "snapshotDate");
  }

  /** One landed page, in fetch order. */
  public record PageEntry(String file, PageKind kind, URI url, int entries, long bytes) {
  }

  /** Notes a landed page; only items pages count towards {@code entries} and {@code api_shape}. */
  public void add(PageEntry page, boolean pageSawItem, boolean pageSawTrack) {
    pages.add(page);
    bytes += page.bytes();
    if (page.kind() == PageKind.ITEMS) {
      entries += page.entries();
      sawItem |= pageSawItem;
      sawTrack |= pageSawTrack;
    }
  }

  /** Records the playlist version every page belongs to (empty: Spotify sent none). */
  public void snapshotId(Optional<String> value) {
    snapshotId = Objects.requireNonNull(value, "value");
  }

  public Optional<String> snapshotId() {
    return snapshotId;
  }

  public List<PageEntry> pages() {
    return List.copyOf(pages);
  }

  public long entries() {
    return entries;
  }

  /** Bytes of all pages landed. */
  public long bytes() {
    return bytes;
  }

  public ApiShape apiShape() {
    return ApiShape.of(sawItem, sawTrack);
  }

  /** The manifest JSON (UTF-8, one line, newline-terminated). */
  public byte[] toJson(Instant extractedAt) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + pages.size() * 200);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField(ManifestFields.MANIFEST_VERSION, ManifestFields.CURRENT_VERSION);
      json.writeStringField(ManifestFields.RUN_ID, runId);
      json.writeStringField(ManifestFields.PLAYLIST_ID, playlistId);
      json.writeStringField(ManifestFields.SNAPSHOT_DATE, snapshotDate.toString());
      json.writeStringField(ManifestFields.EXTRACTED_AT, INSTANT.format(extractedAt));
      if (snapshotId.isPresent()) {
        json.writeStringField(ManifestFields.SNAPSHOT_ID, snapshotId.get());
      } else {
        json.writeNullField(ManifestFields.SNAPSHOT_ID);
      }
      json.writeStringField(ManifestFields.API_SHAPE, apiShape().manifestValue());
      json.writeNumberField(ManifestFields.ENTRIES, entries);
      json.writeArrayFieldStart(ManifestFields.PAGES);
      for (PageEntry page : pages) {
        json.writeStartObject();
        json.writeStringField(ManifestFields.PAGE_FILE, page.file());
        json.writeStringField(ManifestFields.PAGE_KIND, page.kind().manifestValue());
        json.writeStringField(ManifestFields.PAGE_URL, page.url().toString());
        json.writeNumberField(ManifestFields.PAGE_ENTRIES, page.entries());
        json.writeNumberField(ManifestFields.PAGE_BYTES, page.bytes());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the manifest of playlist " + playlistId, e);
    }
    out.write('\n');
    return out.toByteArray();
  }
}
