package io.github.spotifylakehouse.etl.io;

import io.github.spotifylakehouse.lake.JobParameters;
import io.github.spotifylakehouse.lake.RawLayout;
import io.github.spotifylakehouse.lake.RawLayout.RawFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * What the raw prefixes hold and what this run will do with it, from one recursive listing of
 * {@link RawLayout#TO_PROCESS} and {@link RawLayout#PROCESSED} (and a read of each new manifest).
 *
 * <ul>
 *   <li>A run folder is complete when its {@link RawLayout#MANIFEST_FILE} exists (in either stage: the
 *       manifest is moved last, so a half-moved run still has it). A new manifest (still in
 *       {@code to_process}) must list exactly the run's pages ({@link ManifestCheck}); otherwise the run is
 *       rejected whole.</li>
 *   <li>A run folder in {@code to_process} without a manifest is left alone while its newest file is younger
 *       than {@code --incomplete-run-max-age-hours}, and rejected whole after that.</li>
 *   <li>The dates to compute are those of the new complete runs, of the new loose files and of pages left in
 *       {@code to_process} by an interrupted run. For each such date every page and loose file of that date
 *       is read, new and already processed, so a second extraction on a day adds to the first and a rerun
 *       recomputes the same result.</li>
 *   <li>Loose files rank below every run of the extractor ({@link #LOOSE_RUN_KEY}); all loose files of a
 *       playlist and day are one extraction, ordered by name. A loose file in {@code processed} is read with
 *       the date of its kept place; an undated one left at the root of {@code processed} by an older job
 *       cannot be dated and is not read (reported as unrecognized).</li>
 * </ul>
 */
public final class RawInventory {

  /**
   * The run key of every loose file: it sorts before any run id, so an extractor run of the same playlist and
   * day always outranks loose files, and the loose files of a playlist and day are one extraction.
   */
  public static final String LOOSE_RUN_KEY = "";

  /**
   * A raw file found by the listing.
   *
   * @param path full path
   * @param lakePath path relative to the lake root, e.g. {@code raw_data/to_process/snapshot_date=.../page-00000.json}
   * @param stage {@link RawLayout#TO_PROCESS} or {@link RawLayout#PROCESSED}
   * @param stagePath path relative to the stage
   * @param length size in bytes
   * @param modified last modification, milliseconds since the epoch
   * @param snapshotDate the date from the path (or the kept place), or the run date for a loose file whose
   *     name holds none
   * @param playlistId the run folder's playlist, null for a loose file not consumed yet
   * @param runKey orders the runs of a day: the run id, or {@link #LOOSE_RUN_KEY}
   * @param manifest true for a run's manifest
   * @param loose true for a loose file (landed, or kept in a legacy folder)
   */
  public record RawObject(Path path, String lakePath, String stage, String stagePath, long length, long modified,
                          LocalDate snapshotDate, String playlistId, String runKey, boolean manifest,
                          boolean loose) {

    /** The file's name, without its folder. */
    public String fileName() {
      return stagePath.substring(stagePath.lastIndexOf('/') + 1);
    }

    /** Orders the files of one run key: a loose file by its name (the same in every stage), others by path. */
    public String orderName() {
      return loose ? fileName() : stagePath;
    }

    /** The same file in either stage: a loose file by its name, others by their path in the stage. */
    String identity() {
      return loose ? "loose:" + fileName() : stagePath;
    }

    /** The run folder relative to a stage, or null for a loose file. */
    String runFolder() {
      return loose ? null : RawLayout.runFolder(snapshotDate, playlistId, runKey);
    }
  }

  /**
   * A run folder rejected whole, and why.
   *
   * @param run the run folder, relative to the lake root
   * @param files its files in {@code to_process}, each moved to {@code rejected/} with the reason
   */
  public record RejectedRun(String run, String reason, List<RawObject> files) {
  }

  private final SortedSet<LocalDate> dates;
  private final List<RawObject> toRead;
  private final List<RawObject> toConsume;
  private final List<RawObject> newExtractions;
  private final List<RawObject> manifestsToConsume;
  private final List<RejectedRun> rejectedRuns;
  private final List<String> incompleteRuns;
  private final int filesInIncompleteRuns;
  private final List<String> unrecognized;

  private RawInventory(SortedSet<LocalDate> dates, List<RawObject> toRead, List<RawObject> toConsume,
                       List<RawObject> newExtractions, List<RawObject> manifestsToConsume,
                       List<RejectedRun> rejectedRuns, List<String> incompleteRuns, int filesInIncompleteRuns,
                       List<String> unrecognized) {
    this.dates = Collections.unmodifiableSortedSet(dates);
    this.toRead = List.copyOf(toRead);
    this.toConsume = List.copyOf(toConsume);
    this.newExtractions = List.copyOf(newExtractions);
    this.manifestsToConsume = List.copyOf(manifestsToConsume);
    this.rejectedRuns = List.copyOf(rejectedRuns);
    this.incompleteRuns = List.copyOf(incompleteRuns);
    this.filesInIncompleteRuns = filesInIncompleteRuns;
    this.unrecognized = List.copyOf(unrecognized);
  }

  /**
   * Lists both stages under {@code lake}, checks the new manifests and decides what to read and consume.
   *
   * @param runDate the date of loose files whose name holds none
   * @param now the moment incomplete runs are aged against
   * @param incompleteRunMaxAge how old an incomplete run may get before it is rejected
   * @param maxManifestBytes a larger manifest is not read (its run is rejected)
   */
  public static RawInventory scan(LakeFileSystem lake, LocalDate runDate, Instant now, Duration incompleteRunMaxAge,
                                  long maxManifestBytes) {
    List<String> unrecognized = new ArrayList<>();
    List<RawObject> unprocessed = list(lake, RawLayout.TO_PROCESS, runDate, unrecognized);
    List<RawObject> processed = list(lake, RawLayout.PROCESSED, runDate, unrecognized);

    // a loose file already kept in processed (a move interrupted between copy and delete) keeps that date
    Map<String, RawObject> keptLoose = new HashMap<>();
    Map<String, RawObject> processedManifests = new HashMap<>();
    Map<String, List<RawObject>> processedPages = new HashMap<>();
    for (RawObject o : processed) {
      if (o.loose()) {
        keptLoose.put(o.fileName(), o);
      } else if (o.manifest()) {
        processedManifests.put(o.runFolder(), o);
      } else {
        processedPages.computeIfAbsent(o.runFolder(), k -> new ArrayList<>()).add(o);
      }
    }
    Map<String, RawObject> newManifests = new TreeMap<>();
    Map<String, List<RawObject>> newPages = new TreeMap<>();
    List<RawObject> newLoose = new ArrayList<>();
    for (RawObject o : unprocessed) {
      if (o.loose()) {
        RawObject kept = keptLoose.get(o.fileName());
        newLoose.add(kept == null ? o : new RawObject(o.path(), o.lakePath(), o.stage(), o.stagePath(), o.length(),
            o.modified(), kept.snapshotDate(), kept.playlistId(), o.runKey(), false, true));
      } else if (o.manifest()) {
        newManifests.put(o.runFolder(), o);
      } else {
        newPages.computeIfAbsent(o.runFolder(), k -> new ArrayList<>()).add(o);
      }
    }

    // new runs: their manifest must list exactly their pages, wherever those are by now
    Map<String, Optional<String>> checks = checkManifests(lake, newManifests, newPages, processedPages,
        maxManifestBytes);
    List<RejectedRun> rejectedRuns = new ArrayList<>();
    List<RawObject> manifests = new ArrayList<>();
    List<RawObject> toConsume = new ArrayList<>();
    List<RawObject> newExtractions = new ArrayList<>();
    Set<String> rejectedFolders = new HashSet<>();
    for (Map.Entry<String, RawObject> run : newManifests.entrySet()) {
      List<RawObject> pages = newPages.getOrDefault(run.getKey(), List.of());
      Optional<String> problem = checks.get(run.getKey());
      if (problem.isPresent()) {
        List<RawObject> files = new ArrayList<>(pages);
        files.add(run.getValue());
        rejectedRuns.add(new RejectedRun(RawLayout.TO_PROCESS + run.getKey(), problem.get(), files));
        rejectedFolders.add(run.getKey());
        newExtractions.addAll(pages);
      } else {
        manifests.add(run.getValue());
        toConsume.addAll(pages);
        newExtractions.addAll(pages);
      }
    }
    // incomplete runs wait for their manifest, up to a point; pages of a consumed run were left by a crash
    Map<String, Integer> incomplete = new TreeMap<>();
    for (Map.Entry<String, List<RawObject>> run : newPages.entrySet()) {
      if (newManifests.containsKey(run.getKey())) {
        continue;
      }
      if (processedManifests.containsKey(run.getKey())) {
        toConsume.addAll(run.getValue());
        continue;
      }
      long newest = run.getValue().stream().mapToLong(RawObject::modified).max().orElse(0);
      Duration age = Duration.between(Instant.ofEpochMilli(newest), now);
      if (age.compareTo(incompleteRunMaxAge) > 0) {
        rejectedRuns.add(new RejectedRun(RawLayout.TO_PROCESS + run.getKey(), "incomplete run: no "
            + RawLayout.MANIFEST_FILE + ", and its newest file is " + age.toHours() + " h old (limit "
            + incompleteRunMaxAge.toHours() + " h, --" + JobParameters.INCOMPLETE_RUN_MAX_AGE_HOURS + ")",
            run.getValue()));
        rejectedFolders.add(run.getKey());
      } else {
        incomplete.put(RawLayout.TO_PROCESS + run.getKey(), run.getValue().size());
      }
    }
    toConsume.addAll(newLoose);
    newExtractions.addAll(newLoose);

    SortedSet<LocalDate> dates = new TreeSet<>();
    for (RawObject o : toConsume) {
      dates.add(o.snapshotDate());
    }
    // every file of those dates, new and processed, once (a file in both stages: a move was interrupted)
    Map<String, RawObject> toRead = new LinkedHashMap<>();
    for (RawObject o : toConsume) {
      toRead.putIfAbsent(o.identity(), o);
    }
    for (RawObject o : processed) {
      boolean complete = o.loose() || processedManifests.containsKey(o.runFolder())
          || newManifests.containsKey(o.runFolder()) && !rejectedFolders.contains(o.runFolder());
      if (!o.manifest() && complete && dates.contains(o.snapshotDate())) {
        toRead.putIfAbsent(o.identity(), o);
      }
    }
    List<RawObject> read = new ArrayList<>(toRead.values());
    read.sort(Comparator.comparing(RawObject::lakePath));
    int filesInIncomplete = incomplete.values().stream().mapToInt(Integer::intValue).sum();
    return new RawInventory(dates, read, toConsume, newExtractions, manifests, rejectedRuns,
        new ArrayList<>(incomplete.keySet()), filesInIncomplete, unrecognized);
  }

  private static Map<String, Optional<String>> checkManifests(LakeFileSystem lake, Map<String, RawObject> manifests,
                                                              Map<String, List<RawObject>> newPages,
                                                              Map<String, List<RawObject>> processedPages,
                                                              long maxManifestBytes) {
    List<Callable<Map.Entry<String, Optional<String>>>> checks = new ArrayList<>();
    for (Map.Entry<String, RawObject> run : manifests.entrySet()) {
      TreeSet<String> pages = new TreeSet<>();
      for (List<RawObject> stage : List.of(newPages.getOrDefault(run.getKey(), List.of()),
          processedPages.getOrDefault(run.getKey(), List.of()))) {
        stage.forEach(page -> pages.add(page.fileName()));
      }
      checks.add(() -> Map.entry(run.getKey(),
          ManifestCheck.check(lake, run.getValue(), run.getKey(), pages, maxManifestBytes)));
    }
    Map<String, Optional<String>> results = new HashMap<>();
    for (Map.Entry<String, Optional<String>> result
        : Parallel.run("manifest-check", checks, lake.isObjectStore() ? 16 : 4)) {
      results.put(result.getKey(), result.getValue());
    }
    return results;
  }

  private static List<RawObject> list(LakeFileSystem lake, String stage, LocalDate runDate,
                                      List<String> unrecognized) {
    List<RawObject> out = new ArrayList<>();
    Path dir = lake.resolve(stage);
    try {
      if (!lake.fileSystem().exists(dir)) {
        return out;
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
        boolean undatedKept = layout.isPresent() && layout.get().isLoose() && !layout.get().inRunFolder()
            && layout.get().snapshotDate().isEmpty() && stage.equals(RawLayout.PROCESSED);
        if (layout.isEmpty() || undatedKept) {
          // an undated loose file an older job left at the root of processed: its date is lost
          unrecognized.add(stage + stagePath);
          continue;
        }
        RawFile raw = layout.get();
        String runKey = raw.isLoose() ? LOOSE_RUN_KEY : raw.runId();
        out.add(new RawObject(status.getPath(), stage + stagePath, stage, stagePath, status.getLen(),
            status.getModificationTime(), raw.snapshotDate().orElse(runDate), raw.playlistId(), runKey,
            raw.isManifest(), raw.isLoose()));
      }
    } catch (FileNotFoundException e) {
      // the stage vanished between exists() and the listing: nothing to do in it
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
    return out;
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

  /** Snapshot dates this run computes (and whose partitions it rewrites if their new files are usable), ascending. */
  public SortedSet<LocalDate> dates() {
    return dates;
  }

  /** Pages and loose files of {@link #dates()}, from both stages, each once. */
  public List<RawObject> toRead() {
    return toRead;
  }

  /**
   * Pages and loose files in {@code to_process} that this run consumes: moved to {@code processed/} when they
   * parse, to {@code rejected/} when they do not (before the manifests).
   */
  public List<RawObject> toConsume() {
    return toConsume;
  }

  /**
   * The pages of new extractions (runs whose manifest is in {@code to_process}, rejected runs included) and
   * the new loose files: when there are some and none of them can be used, the run fails.
   */
  public List<RawObject> newExtractions() {
    return newExtractions;
  }

  /** Manifests in {@code to_process} of the runs this run consumes (moved last). */
  public List<RawObject> manifestsToConsume() {
    return manifestsToConsume;
  }

  /** Runs rejected whole: a manifest that does not match its pages, or an incomplete run too old to wait for. */
  public List<RejectedRun> rejectedRuns() {
    return rejectedRuns;
  }

  /** Run folders in {@code to_process} without a manifest, still young enough to wait, relative to the lake root. */
  public List<String> incompleteRuns() {
    return incompleteRuns;
  }

  public int filesInIncompleteRuns() {
    return filesInIncompleteRuns;
  }

  /**
   * Files that fit no raw layout, relative to the lake root: in {@code to_process}, and undated loose files an
   * older job left at the root of {@code processed}.
   */
  public List<String> unrecognized() {
    return unrecognized;
  }

  /** Total bytes of {@link #toRead()}. */
  public long bytesToRead() {
    return toRead.stream().mapToLong(RawObject::length).sum();
  }
}
