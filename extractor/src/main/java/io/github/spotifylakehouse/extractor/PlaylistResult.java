package io.github.spotifylakehouse.extractor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one playlist in a run.
 *
 * @param playlistId the playlist
 * @param succeeded all pages and the manifest landed
 * @param pages pages landed (on failure: those landed before it, left without a manifest)
 * @param entries playlist entries landed (items pages)
 * @param bytes bytes landed
 * @param apiShape {@code item}, {@code track}, {@code both} or {@code none}; empty on failure
 * @param manifestKey key of the manifest relative to the lake root; empty on failure
 * @param durationMillis wall time spent on the playlist
 * @param error why it failed; empty on success
 */
public record PlaylistResult(String playlistId, boolean succeeded, int pages, long entries, long bytes,
                             Optional<String> apiShape, Optional<String> manifestKey, long durationMillis,
                             Optional<String> error) {

  public PlaylistResult {
    Objects.requireNonNull(playlistId, "playlistId");
    Objects.requireNonNull(apiShape, "apiShape");
    Objects.requireNonNull(manifestKey, "manifestKey");
    Objects.requireNonNull(error, "error");
  }

  /** Snake-case fields, as printed by the command line and returned by the Lambda handler. */
  public Map<String, Object> toMap(String runId, String snapshotDate) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("playlist_id", playlistId);
    map.put("status", succeeded ? "ok" : "failed");
    map.put("run_id", runId);
    map.put("snapshot_date", snapshotDate);
    map.put("pages", pages);
    map.put("entries", entries);
    map.put("bytes", bytes);
    apiShape.ifPresent(shape -> map.put("api_shape", shape));
    manifestKey.ifPresent(key -> map.put("manifest_key", key));
    map.put("duration_ms", durationMillis);
    error.ifPresent(message -> map.put("error", message));
    return map;
  }
}
