package io.github.spotifylakehouse.extractor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The outcome of one extraction run.
 *
 * @param runId the run id shared by every playlist's folder
 * @param snapshotDate the snapshot date of the run folders
 * @param playlists per-playlist results, in configuration order
 * @param runErrors problems that belong to no single playlist (e.g. a rotated refresh token that could
 *     not be stored)
 */
public record RunResult(String runId, LocalDate snapshotDate, List<PlaylistResult> playlists,
                        List<String> runErrors) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public RunResult {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(snapshotDate, "snapshotDate");
    playlists = List.copyOf(playlists);
    runErrors = List.copyOf(runErrors);
  }

  /** True when a playlist failed or the run had an error of its own. */
  public boolean failed() {
    return !runErrors.isEmpty() || playlists.stream().anyMatch(p -> !p.succeeded());
  }

  /** One JSON line per playlist (what {@code extract} prints). */
  public List<String> jsonLines() {
    List<String> lines = new ArrayList<>();
    for (PlaylistResult playlist : playlists) {
      lines.add(json(playlist.toMap(runId, snapshotDate.toString())));
    }
    return lines;
  }

  /** The Lambda handler's answer. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("run_id", runId);
    map.put("snapshot_date", snapshotDate.toString());
    map.put("succeeded", playlists.stream().filter(PlaylistResult::succeeded).count());
    map.put("failed", playlists.stream().filter(p -> !p.succeeded()).count());
    map.put("playlists", playlists.stream().map(p -> p.toMap(runId, snapshotDate.toString()))
        .collect(Collectors.toList()));
    if (!runErrors.isEmpty()) {
      map.put("run_errors", runErrors);
    }
    return map;
  }

  /** A one-paragraph account of what failed, for an exception message. */
  public String failureSummary() {
    List<String> parts = new ArrayList<>();
    for (PlaylistResult playlist : playlists) {
      playlist.error().ifPresent(error -> parts.add(playlist.playlistId() + ": " + error));
    }
    parts.addAll(runErrors);
    long failed = playlists.stream().filter(p -> !p.succeeded()).count();
    return "Extraction run " + runId + ": " + failed + " of " + playlists.size() + " playlists failed"
        + (runErrors.isEmpty() ? "" : ", and " + runErrors.size() + " run error(s)") + " -- "
        + String.join(" | ", parts);
  }

  private static String json(Map<String, Object> map) {
    try {
      return JSON.writeValueAsString(map);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Cannot write a result as JSON", e);
    }
  }
}
