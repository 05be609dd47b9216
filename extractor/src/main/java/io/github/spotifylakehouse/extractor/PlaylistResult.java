package io.github.spotifylakehouse.extractor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one playlist in a run.
 *
 * @param playlistId the playlist
 * @param status what became of it
 * @param name its name, when known (from the playlist object, or the user's list of playlists)
 * @param runId the run id of its folder when it is not the run's own: a playlist paged again after an edit
 *     lands in a folder of its own, an unchanged one names the earlier run that holds it
 * @param pages pages landed (on failure: those landed before it, left without a manifest)
 * @param entries playlist entries landed (items pages)
 * @param bytes bytes landed
 * @param apiShape {@code item}, {@code track}, {@code both} or {@code none}; empty unless it landed
 * @param snapshotId the {@code snapshot_id} the landed pages belong to, when known
 * @param manifestKey key of the manifest relative to the lake root; empty on failure
 * @param passes passes over the playlist (more than 1 when it changed while it was paged)
 * @param durationMillis wall time spent on the playlist
 * @param error why it failed or was deferred; empty otherwise
 */
public record PlaylistResult(String playlistId, Status status, Optional<String> name, Optional<String> runId,
                             int pages, long entries, long bytes, Optional<String> apiShape,
                             Optional<String> snapshotId, Optional<String> manifestKey, int passes,
                             long durationMillis, Optional<String> error) {

  /** What became of a playlist. */
  public enum Status {
    /** Every page and the manifest landed. */
    OK("ok"),
    /** It already landed complete today with the same {@code snapshot_id}: nothing extracted. */
    UNCHANGED("unchanged"),
    /** Not started, or stopped, because the run's deadline was near: the next invocation takes it. */
    DEFERRED("deferred"),
    /** It could not be read or stored: see the error. */
    FAILED("failed");

    private final String value;

    Status(String value) {
      this.value = value;
    }

    /** As printed and returned: {@code ok}, {@code unchanged}, {@code deferred}, {@code failed}. */
    public String value() {
      return value;
    }
  }

  public PlaylistResult {
    Objects.requireNonNull(playlistId, "playlistId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(apiShape, "apiShape");
    Objects.requireNonNull(snapshotId, "snapshotId");
    Objects.requireNonNull(manifestKey, "manifestKey");
    Objects.requireNonNull(error, "error");
  }

  /** A playlist that was not extracted: failed or deferred, with nothing landed. */
  static PlaylistResult notExtracted(String playlistId, Optional<String> name, Status status, String error) {
    return new PlaylistResult(playlistId, status, name, Optional.empty(), 0, 0, 0, Optional.empty(),
        Optional.empty(), Optional.empty(), 0, 0, Optional.of(error == null ? "unknown error" : error));
  }

  /** True when its data is in the lake: it landed now, or earlier today unchanged. */
  public boolean succeeded() {
    return status == Status.OK || status == Status.UNCHANGED;
  }

  /** Snake-case fields, as printed by the command line and returned by the Lambda handler. */
  public Map<String, Object> toMap(String runId, String snapshotDate) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("playlist_id", playlistId);
    map.put("status", status.value());
    name.ifPresent(value -> map.put("name", value));
    map.put("run_id", this.runId.orElse(runId));
    map.put("snapshot_date", snapshotDate);
    map.put("pages", pages);
    map.put("entries", entries);
    map.put("bytes", bytes);
    apiShape.ifPresent(shape -> map.put("api_shape", shape));
    snapshotId.ifPresent(id -> map.put("snapshot_id", id));
    manifestKey.ifPresent(key -> map.put("manifest_key", key));
    if (passes > 1) {
      map.put("passes", passes);
    }
    map.put("duration_ms", durationMillis);
    error.ifPresent(message -> map.put("error", message));
    return map;
  }
}
