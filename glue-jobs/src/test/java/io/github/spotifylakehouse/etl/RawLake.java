package io.github.spotifylakehouse.etl;

import io.github.spotifylakehouse.testkit.SyntheticCatalog;
import io.github.spotifylakehouse.lake.ManifestFields;
import io.github.spotifylakehouse.lake.RawLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Writes raw files into a local lake folder the way the extractor lands them, and reads folders back. */
public final class RawLake {

  public static final String API = "https://api.spotify.com/v1";

  private final Path root;
  private final SyntheticCatalog catalog;

  public RawLake(Path root, long seed) {
    this.root = root;
    this.catalog = new SyntheticCatalog(seed, 600);
  }

  public Path root() {
    return root;
  }

  public SyntheticCatalog catalog() {
    return catalog;
  }

  /** A synthetic run: the playlist object, then items pages of 100, then (if asked) the manifest. */
  public List<Path> syntheticRun(LocalDate day, String playlistId, String runId, int entries, boolean manifest) {
    List<String> pages = new ArrayList<>();
    pages.add(catalog.playlistObject(playlistId, entries, API, day));
    for (int offset = 100; offset < entries; offset += 100) {
      pages.add(catalog.itemsPage(playlistId, entries, offset, 100, API, day));
    }
    return run(day, playlistId, runId, pages, manifest);
  }

  /** A run folder holding {@code pages} as page-00000.json, ...; the manifest (when asked) is written last. */
  public List<Path> run(LocalDate day, String playlistId, String runId, List<String> pages, boolean manifest) {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < pages.size(); i++) {
      files.add(write(RawLayout.pageKey(day, playlistId, runId, i), pages.get(i)));
    }
    if (manifest) {
      files.add(manifest(day, playlistId, runId, pages.size()));
    }
    return files;
  }

  public Path manifest(LocalDate day, String playlistId, String runId, int pages) {
    String list = java.util.stream.IntStream.range(0, pages)
        .mapToObj(i -> "{\"" + ManifestFields.PAGE_FILE + "\": \"" + RawLayout.pageFileName(i) + "\"}")
        .collect(Collectors.joining(", "));
    return write(RawLayout.manifestKey(day, playlistId, runId), "{\"" + ManifestFields.MANIFEST_VERSION + "\": 1, \""
        + ManifestFields.RUN_ID + "\": \"" + runId + "\", \"" + ManifestFields.PLAYLIST_ID + "\": \"" + playlistId
        + "\", \"" + ManifestFields.SNAPSHOT_DATE + "\": \"" + day + "\", \"" + ManifestFields.PAGES + "\": [" + list
        + "]}");
  }

  /** Writes {@code content} at {@code key} (relative to the lake root). */
  public Path write(String key, String content) {
    return write(key, content.getBytes(StandardCharsets.UTF_8));
  }

  public Path write(String key, byte[] content) {
    Path file = root.resolve(key);
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    return file;
  }

  /** Files (not hidden) under {@code prefix}, relative to it, sorted. */
  public List<String> files(String prefix) {
    Path dir = root.resolve(prefix);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
  }

  /**
   * Every table file's bytes under {@code transformed_data/}, keyed by its partition folder (part-file names
   * hold a random id; the tests' runs are small enough for one file per table, format and date), summaries
   * excluded.
   */
  public Map<String, String> tableContents() {
    Map<String, String> contents = new TreeMap<>();
    for (String file : files("transformed_data")) {
      if (file.startsWith("_job_runs/") || file.startsWith("iceberg/")) {
        continue; // Iceberg's file names are random and its metadata grows with each commit: checked apart
      }
      String folder = file.substring(0, file.lastIndexOf('/'));
      try {
        byte[] bytes = Files.readAllBytes(root.resolve("transformed_data").resolve(file));
        String previous = contents.put(folder, java.util.HexFormat.of().formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
        if (previous != null) {
          throw new IllegalStateException("More than one file in " + folder);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return contents;
  }

  /** Moves everything in processed/ back to to_process/ (the raw files land again). */
  public void reland() {
    for (String file : files(RawLayout.PROCESSED)) {
      Path from = root.resolve(RawLayout.PROCESSED).resolve(file);
      Path to = root.resolve(RawLayout.TO_PROCESS).resolve(file);
      try {
        Files.createDirectories(to.getParent());
        Files.move(from, to);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
