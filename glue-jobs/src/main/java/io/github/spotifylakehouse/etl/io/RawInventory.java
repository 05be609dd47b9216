package io.github.spotifylakehouse.etl.io;

import io.github.spotifylakehouse.lake.RawLayout;
import io.github.spotifylakehouse.lake.RawLayout.RawFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * What the raw prefixes hold and what this run will do with it, from one recursive listing of
 * {@link RawLayout#TO_PROCESS} and {@link RawLayout#PROCESSED}.
 *
 * <ul>
 *   <li>A run folder is complete when its {@link RawLayout#MANIFEST_FILE} exists (in either stage: the
 *       manifest is moved last, so a half-moved run still has it). Incomplete run folders in
 *       {@code to_process} are left alone and reported.</li>
 *   <li>The dates to compute are those of the complete runs and loose files in {@code to_process}. For each
 *       such date every page and loose file of that date is read, new and already processed, so a second
 *       extraction on a day adds to the first and a rerun recomputes the same result.</li>
 *   <li>The files to consume are everything of those runs and loose files still in {@code to_process}.</li>
 * </ul>
 */
public final class RawInventory {

  private static final String LOOSE_PREFIX = "spotify_raw_";
  private static final String JSON_SUFFIX = ".json";

  /**
   * A raw file found by the listing.
   *
   * @param path full path
   * @param lakePath path relative to the lake root, e.g. {@code raw_data/to_process/snapshot_date=.../page-00000.json}
   * @param stage {@link RawLayout#TO_PROCESS} or {@link RawLayout#PROCESSED}
   * @param stagePath path relative to the stage, the same in every stage
   * @param length size in bytes
   * @param snapshotDate the date from the path, or the run date for a loose file whose name holds none
   * @param playlistId the run folder's playlist, null for a loose file
   * @param runKey orders runs of a day: the run id, or the stamp in a loose file's name
   * @param manifest true for a run's manifest
   */
  public record RawObject(Path path, String lakePath, String stage, String stagePath, long length,
                          LocalDate snapshotDate, String playlistId, String runKey, boolean manifest) {
  }

  private final SortedSet<LocalDate> dates;
  private final List<RawObject> toRead;
  private final List<RawObject> toConsume;
  private final List<RawObject> manifestsToConsume;
  private final List<String> incompleteRuns;
  private final int filesInIncompleteRuns;
  private final List<String> unrecognized;

  private RawInventory(SortedSet<LocalDate> dates, List<RawObject> toRead, List<RawObject> toConsume,
                       List<RawObject> manifestsToConsume, List<String> incompleteRuns, int filesInIncompleteRuns,
                       List<String> unrecognized) {
    this.dates = Collections.unmodifiableSortedSet(dates);
    this.toRead = List.copyOf(toRead);
    this.toConsume = List.copyOf(toConsume);
    this.manifestsToConsume = List.copyOf(manifestsToConsume);
    this.incompleteRuns = List.copyOf(incompleteRuns);
    this.filesInIncompleteRuns = filesInIncompleteRuns;
    this.unrecognized = List.copyOf(unrecognized);
  }

  /** Lists both stages under {@code lake} and decides what to read and consume. */
  public static RawInventory scan(LakeFileSystem lake, LocalDate runDate) {
    List<RawObject> unprocessed = new ArrayList<>();
    List<String> unrecognized = new ArrayList<>();
    list(lake, RawLayout.TO_PROCESS, runDate, unprocessed, unrecognized);
    List<RawObject> processed = new ArrayList<>();
    list(lake, RawLayout.PROCESSED, runDate, processed, new ArrayList<>());

    Set<String> completeRuns = new HashSet<>();
    for (List<RawObject> stage : List.of(unprocessed, processed)) {
      for (RawObject o : stage) {
        if (o.manifest()) {
          completeRuns.add(runFolder(o));
        }
      }
    }

    SortedSet<LocalDate> dates = new TreeSet<>();
    List<RawObject> toConsume = new ArrayList<>();
    List<RawObject> manifests = new ArrayList<>();
    Map<String, Integer> incomplete = new TreeMap<>();
    for (RawObject o : unprocessed) {
      if (o.playlistId() != null && !completeRuns.contains(runFolder(o))) {
        incomplete.merge(RawLayout.TO_PROCESS + runFolder(o), 1, Integer::sum);
        continue;
      }
      dates.add(o.snapshotDate());
      (o.manifest() ? manifests : toConsume).add(o);
    }

    // a file present in both stages (a move interrupted between copy and delete) is read once
    Map<String, RawObject> toRead = new LinkedHashMap<>();
    for (List<RawObject> stage : List.of(unprocessed, processed)) {
      for (RawObject o : stage) {
        boolean complete = o.playlistId() == null || completeRuns.contains(runFolder(o));
        if (!o.manifest() && complete && dates.contains(o.snapshotDate())) {
          toRead.putIfAbsent(o.stagePath(), o);
        }
      }
    }
    List<RawObject> read = new ArrayList<>(toRead.values());
    read.sort(Comparator.comparing(RawObject::lakePath));
    int filesInIncomplete = incomplete.values().stream().mapToInt(Integer::intValue).sum();
    return new RawInventory(dates, read, toConsume, manifests, new ArrayList<>(incomplete.keySet()),
        filesInIncomplete, unrecognized);
  }

  private static String runFolder(RawObject o) {
    return RawLayout.runFolder(o.snapshotDate(), o.playlistId(), o.runKey());
  }

  private static void list(LakeFileSystem lake, String stage, LocalDate runDate, List<RawObject> out,
                           List<String> unrecognized) {
    Path dir = lake.resolve(stage);
    try {
      if (!lake.fileSystem().exists(dir)) {
        return;
      }
      String base = dir.toUri().getPath() + "/";
      for (FileStatus status : listRecursively(lake, dir)) {
        String full = status.getPath().toUri().getPath();
        String stagePath = full.startsWith(base) ? full.substring(base.length()) : null;
        String name = status.getPath().getName();
        if (stagePath == null || isHidden(name)) {
          continue; // checksums, editor droppings, committer folders
        }
        Optional<RawFile> layout = RawLayout.parse(stagePath);
        if (layout.isEmpty()) {
          unrecognized.add(stage + stagePath);
          continue;
        }
        RawFile raw = layout.get();
        String runKey = raw.inRunFolder() ? raw.runId() : looseRunKey(stagePath);
        out.add(new RawObject(status.getPath(), stage + stagePath, stage, stagePath, status.getLen(),
            raw.snapshotDate().orElse(runDate), raw.playlistId(), runKey, raw.isManifest()));
      }
    } catch (FileNotFoundException e) {
      // the stage vanished between exists() and the listing: nothing to do in it
      return;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
  }

  /**
   * Every file under {@code dir}. Object stores list a whole prefix in a few requests ({@code listFiles}
   * recursive); elsewhere folders are walked with {@code listStatus}, because the local file system's
   * {@code listFiles} builds located statuses that read every file's owner and permissions (a process per
   * file) and took seconds for a few thousand files.
   */
  private static List<FileStatus> listRecursively(LakeFileSystem lake, Path dir) throws IOException {
    List<FileStatus> files = new ArrayList<>();
    if (lake.isObjectStore()) {
      RemoteIterator<LocatedFileStatus> it = lake.fileSystem().listFiles(dir, true);
      while (it.hasNext()) {
        files.add(it.next());
      }
      return files;
    }
    Deque<Path> folders = new ArrayDeque<>();
    folders.push(dir);
    while (!folders.isEmpty()) {
      for (FileStatus status : lake.fileSystem().listStatus(folders.pop())) {
        if (status.isDirectory()) {
          folders.push(status.getPath());
        } else if (status.isFile()) {
          files.add(status);
        }
      }
    }
    return files;
  }

  private static boolean isHidden(String name) {
    return name.startsWith(".") || name.startsWith("_") && !name.equals(RawLayout.MANIFEST_FILE);
  }

  /** {@code spotify_raw_20240105T101500.json} -> {@code 20240105T101500}: loose files order by their stamp. */
  static String looseRunKey(String fileName) {
    String key = fileName;
    if (key.startsWith(LOOSE_PREFIX)) {
      key = key.substring(LOOSE_PREFIX.length());
    }
    if (key.endsWith(JSON_SUFFIX)) {
      key = key.substring(0, key.length() - JSON_SUFFIX.length());
    }
    return key;
  }

  /** Snapshot dates this run computes (and whose partitions it rewrites), ascending. */
  public SortedSet<LocalDate> dates() {
    return dates;
  }

  /** Pages and loose files of {@link #dates()}, from both stages, each once. */
  public List<RawObject> toRead() {
    return toRead;
  }

  /** Pages and loose files in {@code to_process} that this run consumes (moved before the manifests). */
  public List<RawObject> toConsume() {
    return toConsume;
  }

  /** Manifests in {@code to_process} of the runs this run consumes (moved last). */
  public List<RawObject> manifestsToConsume() {
    return manifestsToConsume;
  }

  /** Run folders in {@code to_process} without a manifest, relative to the lake root. */
  public List<String> incompleteRuns() {
    return incompleteRuns;
  }

  public int filesInIncompleteRuns() {
    return filesInIncompleteRuns;
  }

  /** Files in {@code to_process} that fit no raw layout, relative to the lake root. */
  public List<String> unrecognized() {
    return unrecognized;
  }

  /** Total bytes of {@link #toRead()}. */
  public long bytesToRead() {
    return toRead.stream().mapToLong(RawObject::length).sum();
  }
}
