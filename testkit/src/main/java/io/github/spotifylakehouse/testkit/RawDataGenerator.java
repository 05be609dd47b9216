package io.github.spotifylakehouse.testkit;

import io.github.spotifylakehouse.lake.ApiShape;
import io.github.spotifylakehouse.testkit.SyntheticCatalog;
import io.github.spotifylakehouse.lake.ManifestFields;
import io.github.spotifylakehouse.lake.RawLayout;
import io.github.spotifylakehouse.lake.RunId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Writes N synthetic playlist entries as raw files in the lake's layout, the way the extractor lands
 * them: per playlist one run folder with the playlist object ({@code page-00000.json}, first 100 entries
 * embedded), items pages of 100 following {@code next}, and the manifest written last. Deterministic: the
 * same options give the same bytes.
 *
 * <pre>
 * java ... RawDataGenerator --lake-root DIR [--entries 200000] [--seed 42] [--date 2026-11-21]
 *                           [--catalog-tracks 40000] [--api-base-url https://api.spotify.com/v1]
 *                           [--if-absent true]   (reuse DIR when it holds data generated with the same options)
 * </pre>
 */
public final class RawDataGenerator {

  static final Set<String> OPTIONS = Set.of("lake-root", "entries", "seed", "date", "catalog-tracks", "api-base-url",
      "if-absent");
  /** Written last under the lake root: what was generated, so {@code --if-absent true} can reuse it. */
  static final String MARKER = "_generated.txt";
  public static final LocalDate DEFAULT_DATE = LocalDate.of(2026, 11, 21);
  private static final java.time.format.DateTimeFormatter RUN_STAMP =
      java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
  private static final int MIN_PLAYLIST = 50;
  private static final int MAX_PLAYLIST = 1950;

  private final SyntheticCatalog catalog;
  private final long seed;
  private final String apiBaseUrl;

  RawDataGenerator(long seed, int catalogTracks, String apiBaseUrl) {
    this.catalog = new SyntheticCatalog(seed, catalogTracks);
    this.seed = seed;
    this.apiBaseUrl = apiBaseUrl;
  }

  public static void main(String[] args) {
    CommandLine options = new CommandLine("generate", OPTIONS, args);
    Path root = Path.of(options.text("lake-root", "target/bench-lake"));
    long entries = options.number("entries", 200_000);
    long seed = options.number("seed", 42);
    int catalogTracks = (int) options.number("catalog-tracks", SyntheticCatalog.DEFAULT_CATALOG_TRACKS);
    String api = options.text("api-base-url", "https://api.spotify.com/v1");
    LocalDate day = options.date("date", DEFAULT_DATE);
    String description = "entries=" + entries + " seed=" + seed + " catalog-tracks=" + catalogTracks + " date=" + day
        + " api-base-url=" + api + "\n";
    Path marker = root.resolve(MARKER);
    try {
      if (options.flag("if-absent") && Files.isRegularFile(marker) && Files.readString(marker).equals(description)) {
        System.out.println("reusing generated raw data under " + root.toAbsolutePath() + " (" + description.trim() + ")");
        return;
      }
      if (Files.exists(root.resolve(RawLayout.RAW_ROOT))) {
        throw new IllegalArgumentException("generate: " + root.toAbsolutePath() + " already holds raw data; "
            + "give an empty --lake-root (or --if-absent true to reuse data generated with the same options)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + marker, e);
    }
    RawDataGenerator generator = new RawDataGenerator(seed, catalogTracks, api);
    long start = System.nanoTime();
    Result result = generator.generate(root, entries, day);
    try {
      Files.writeString(marker, description);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + marker, e);
    }
    System.out.printf(Locale.ROOT, "generated %,d entries in %,d playlists (%,d files, %.1f MB) under %s in %.1f s%n",
        result.entries(), result.playlists(), result.files(), result.bytes() / 1e6, root.toAbsolutePath(),
        (System.nanoTime() - start) / 1e9);
  }

  /** What {@link #generate} wrote. */
  record Result(long entries, int playlists, long files, long bytes) {
  }

  /** Writes {@code entries} entries for {@code day} under {@code lakeRoot}/raw_data/to_process/. */
  Result generate(Path lakeRoot, long entries, LocalDate day) {
    if (entries < 1) {
      throw new IllegalArgumentException("entries must be at least 1, got " + entries);
    }
    List<Integer> sizes = playlistSizes(entries);
    List<String> ids = catalog.playlistIds(sizes.size());
    AtomicLong files = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    IntStream.range(0, sizes.size()).parallel().forEach(i -> {
      long[] written = writeRun(lakeRoot, ids.get(i), sizes.get(i), day, i);
      files.addAndGet(written[0]);
      bytes.addAndGet(written[1]);
    });
    return new Result(entries, sizes.size(), files.get(), bytes.get());
  }

  private List<Integer> playlistSizes(long entries) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Integer> sizes = new ArrayList<>();
    long left = entries;
    while (left > 0) {
      int size = (int) Math.min(left, random.nextInt(MIN_PLAYLIST, MAX_PLAYLIST + 1));
      sizes.add(size);
      left -= size;
    }
    return sizes;
  }

  /** One extraction run of one playlist; returns {files, bytes}. */
  private long[] writeRun(Path lakeRoot, String playlistId, int total, LocalDate day, int index) {
    String runId = runId(day, index);
    Path folder = lakeRoot.resolve(RawLayout.TO_PROCESS + RawLayout.runFolder(day, playlistId, runId));
    StringBuilder pages = new StringBuilder();
    long bytes = 0;
    int page = 0;
    try {
      Files.createDirectories(folder);
      String body = catalog.playlistObject(playlistId, total, apiBaseUrl, day);
      bytes += write(folder.resolve(RawLayout.pageFileName(page)), body, pages, "playlist",
          apiBaseUrl + "/playlists/" + playlistId, Math.min(total, SyntheticCatalog.EMBEDDED_PAGE_LIMIT));
      String endpoint = catalog.shapeOf(playlistId) == ApiShape.TRACK ? "tracks" : "items";
      for (int offset = SyntheticCatalog.EMBEDDED_PAGE_LIMIT; offset < total; offset += SyntheticCatalog.EMBEDDED_PAGE_LIMIT) {
        page++;
        String url = apiBaseUrl + "/playlists/" + playlistId + "/" + endpoint + "?offset=" + offset + "&limit="
            + SyntheticCatalog.EMBEDDED_PAGE_LIMIT;
        body = catalog.itemsPage(playlistId, total, offset, SyntheticCatalog.EMBEDDED_PAGE_LIMIT, apiBaseUrl, day);
        bytes += write(folder.resolve(RawLayout.pageFileName(page)), body, pages, "items", url,
            Math.min(SyntheticCatalog.EMBEDDED_PAGE_LIMIT, total - offset));
      }
      String manifest = "{\n"
          + "  \"" + ManifestFields.MANIFEST_VERSION + "\": " + ManifestFields.CURRENT_VERSION + ",\n"
          + "  \"" + ManifestFields.RUN_ID + "\": \"" + runId + "\",\n"
          + "  \"" + ManifestFields.PLAYLIST_ID + "\": \"" + playlistId + "\",\n"
          + "  \"" + ManifestFields.SNAPSHOT_DATE + "\": \"" + day + "\",\n"
          + "  \"" + ManifestFields.EXTRACTED_AT + "\": \"" + day.atTime(6, 0).toInstant(ZoneOffset.UTC) + "\",\n"
          + "  \"" + ManifestFields.SNAPSHOT_ID + "\": \"" + catalog.snapshotId(playlistId, total) + "\",\n"
          + "  \"" + ManifestFields.API_SHAPE + "\": \"" + catalog.shapeOf(playlistId).name().toLowerCase(Locale.ROOT)
          + "\",\n"
          + "  \"" + ManifestFields.ENTRIES + "\": " + total + ",\n"
          + "  \"" + ManifestFields.PAGES + "\": [\n" + pages + "\n  ]\n}\n";
      Files.writeString(folder.resolve(RawLayout.MANIFEST_FILE), manifest, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write raw files under " + folder, e);
    }
    return new long[] {page + 2L, bytes};
  }

  private static long write(Path file, String body, StringBuilder pages, String kind, String url, int entries)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Files.write(file, bytes);
    if (pages.length() > 0) {
      pages.append(",\n");
    }
    pages.append("    {\"").append(ManifestFields.PAGE_FILE).append("\": \"").append(file.getFileName())
        .append("\", \"").append(ManifestFields.PAGE_KIND).append("\": \"").append(kind)
        .append("\", \"").append(ManifestFields.PAGE_URL).append("\": \"").append(url)
        .append("\", \"").append(ManifestFields.PAGE_ENTRIES).append("\": ").append(entries)
        .append(", \"").append(ManifestFields.PAGE_BYTES).append("\": ").append(bytes.length).append('}');
    return bytes.length;
  }

  /** Deterministic run ids in {@link RunId}'s form: runs start a second apart from 06:00 UTC. */
  private String runId(LocalDate day, int index) {
    String stamp = day.atStartOfDay().plusHours(6).plusSeconds(index).format(RUN_STAMP);
    String id = stamp + "Z-" + String.format("%08x", (int) (seed * 31 + index * 0x9E3779B1L));
    if (!RunId.isValid(id)) {
      throw new IllegalStateException("Generated an invalid run id: " + id);
    }
    return id;
  }
}
