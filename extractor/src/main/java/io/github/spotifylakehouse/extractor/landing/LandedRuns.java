package io.github.spotifylakehouse.extractor.landing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spotifylakehouse.lake.ManifestFields;
import io.github.spotifylakehouse.lake.RawLayout;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What already landed complete for a playlist on a snapshot date: run folders with a manifest under
 * {@link RawLayout#TO_PROCESS} or {@link RawLayout#PROCESSED} (where the job moves the runs it consumed).
 * A re-run on the same day compares the latest one's {@link ManifestFields#SNAPSHOT_ID} with the playlist's
 * current one, so an unchanged playlist is not extracted twice.
 */
public final class LandedRuns {

  /** Keys listed per stage and playlist at most (100 runs of a 200-page playlist on one day). */
  static final int MAX_KEYS = 20_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LandingBucket lake;

  public LandedRuns(LandingBucket lake) {
    this.lake = Objects.requireNonNull(lake, "lake");
  }

  /**
   * A complete run of a playlist.
   *
   * @param manifestKey its manifest, relative to the lake root
   * @param runId its run id
   * @param snapshotId the {@code snapshot_id} its pages belong to; empty for a version-1 manifest or when
   *     Spotify sent none
   */
  public record Landed(String manifestKey, String runId, Optional<String> snapshotId) {
  }

  /**
   * The latest complete run (greatest run id, i.e. the latest start) of {@code playlistId} on
   * {@code snapshotDate}, in either stage.
   *
   * @throws LandingException the lake cannot be listed or read (e.g. no s3:ListBucket or s3:GetObject)
   */
  public Optional<Landed> latest(LocalDate snapshotDate, String playlistId) {
    String latestKey = null;
    String latestRun = null;
    for (String stage : List.of(RawLayout.TO_PROCESS, RawLayout.PROCESSED)) {
      String folder = stage + RawLayout.playlistFolder(snapshotDate, playlistId);
      List<String> keys = lake.list(folder, MAX_KEYS);
      if (keys.size() >= MAX_KEYS) {
        throw new LandingException("More than " + MAX_KEYS + " objects under " + lake.location(folder)
            + ": not looking for earlier runs there", null);
      }
      for (String key : keys) {
        Optional<RawLayout.RawFile> file = RawLayout.parse(key.substring(stage.length()));
        if (file.isPresent() && file.get().isManifest()
            && (latestRun == null || file.get().runId().compareTo(latestRun) > 0)) {
          latestRun = file.get().runId();
          latestKey = key;
        }
      }
    }
    if (latestKey == null) {
      return Optional.empty();
    }
    return Optional.of(new Landed(latestKey, latestRun, snapshotId(latestKey)));
  }

  private Optional<String> snapshotId(String manifestKey) {
    JsonNode manifest;
    try {
      manifest = JSON.readTree(lake.get(manifestKey));
    } catch (IOException e) {
      throw new LandingException("Cannot read the manifest " + lake.location(manifestKey) + ": not valid JSON", e);
    }
    JsonNode value = manifest == null ? null : manifest.get(ManifestFields.SNAPSHOT_ID);
    return value != null && value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText())
        : Optional.empty();
  }
}
