package io.github.spotifylakehouse.extractor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spotifylakehouse.extractor.PlaylistResult.Status;
import io.github.spotifylakehouse.extractor.spotify.UserPlaylists;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of one extraction run.
 *
 * @param runId the run id shared by every playlist's folder
 * @param snapshotDate the snapshot date of the run folders
 * @param playlists per-playlist results, in configuration order
 * @param runErrors problems that belong to no single playlist (the user's playlists could not be listed, a
 *     rotated refresh token could not be stored)
 * @param discovery the user's playlists found with {@code GET /me/playlists}, when asked for
 */
public record RunResult(String runId, LocalDate snapshotDate, List<PlaylistResult> playlists,
                        List<String> runErrors, Optional<UserPlaylists.Discovery> discovery) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public RunResult {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(snapshotDate, "snapshotDate");
    playlists = List.copyOf(playlists);
    runErrors = List.copyOf(runErrors);
    Objects.requireNonNull(discovery, "discovery");
  }

  /**
   * True when a playlist failed or was deferred, or the run had an error of its own: the Lambda invocation
   * then fails, so its retry (or the next run) takes what is missing.
   */
  public boolean failed() {
    return !runErrors.isEmpty() || playlists.stream().anyMatch(p -> !p.succeeded());
  }

  /** Ids of the playlists with {@code status}, in order. */
  public List<String> ids(Status status) {
    return playlists.stream().filter(p -> p.status() == status).map(PlaylistResult::playlistId)
        .collect(Collectors.toList());
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
    map.put("succeeded", playlists.stream().filter(p -> p.status() == Status.OK).count());
    map.put("unchanged", ids(Status.UNCHANGED).size());
    map.put("failed", ids(Status.FAILED).size());
    map.put("deferred", ids(Status.DEFERRED));
    discovery.ifPresent(found -> {
      Map<String, Object> discovered = new LinkedHashMap<>();
      discovered.put("user_id", found.userId());
      discovered.put("listed", found.listed());
      discovered.put("selected", found.selected().stream().map(p -> {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("playlist_id", p.id());
        entry.put("name", p.name());
        entry.put("owner_id", p.ownerId());
        entry.put("collaborative", p.collaborative());
        return entry;
      }).collect(Collectors.toList()));
      discovered.put("skipped_not_owned", found.skipped().size());
      map.put("discovery", discovered);
    });
    map.put("playlists", playlists.stream().map(p -> p.toMap(runId, snapshotDate.toString()))
        .collect(Collectors.toList()));
    if (!runErrors.isEmpty()) {
      map.put("run_errors", runErrors);
    }
    return map;
  }

  /** A one-paragraph account of what failed or was deferred, for an exception message. */
  public String failureSummary() {
    List<String> parts = new ArrayList<>();
    for (PlaylistResult playlist : playlists) {
      if (playlist.status() == Status.FAILED) {
        playlist.error().ifPresent(error -> parts.add(playlist.playlistId() + ": " + error));
      }
    }
    List<String> deferred = ids(Status.DEFERRED);
    if (!deferred.isEmpty()) {
      parts.add("deferred by the run deadline (the next invocation takes them): " + String.join(", ", deferred));
    }
    parts.addAll(runErrors);
    return "Extraction run " + runId + ": " + ids(Status.FAILED).size() + " of " + playlists.size()
        + " playlists failed" + (deferred.isEmpty() ? "" : ", " + deferred.size() + " deferred")
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
