package io.github.spotifylakehouse.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RawLayoutTest {

  private static final LocalDate DAY = LocalDate.of(2026, 11, 21);

  @Test
  void pageKeyFollowsTheLayout() {
    assertThat(RawLayout.pageKey(DAY, "3cEYpjA9oz9GiPac4AsH4n", "20261121T060012Z-1a2b3c4d", 7))
        .isEqualTo("raw_data/to_process/snapshot_date=2026-11-21/playlist_id=3cEYpjA9oz9GiPac4AsH4n/"
            + "run_id=20261121T060012Z-1a2b3c4d/page-00007.json");
    assertThat(RawLayout.manifestKey(DAY, "p1", "r1"))
        .isEqualTo("raw_data/to_process/snapshot_date=2026-11-21/playlist_id=p1/run_id=r1/_manifest.json");
  }

  @Test
  void keysRefuseUnsafeIds() {
    assertThatThrownBy(() -> RawLayout.runFolder(DAY, "a/b", "r1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("playlist id").hasMessageContaining("'a/b'");
    assertThatThrownBy(() -> RawLayout.runFolder(DAY, "p1", "2026-11-21T06:00:00Z"))
        .hasMessageContaining("run id");
    assertThatThrownBy(() -> RawLayout.pageFileName(100_000)).hasMessageContaining("100000");
  }

  @Test
  void parsesRunFolderFilesBack() {
    String page = RawLayout.runFolder(DAY, "p1", "r1") + RawLayout.pageFileName(12);
    RawLayout.RawFile file = RawLayout.parse(page).orElseThrow();
    assertThat(file.snapshotDate()).contains(DAY);
    assertThat(file.playlistId()).isEqualTo("p1");
    assertThat(file.runId()).isEqualTo("r1");
    assertThat(file.pageNumber()).isEqualTo(12);
    assertThat(file.inRunFolder()).isTrue();
    assertThat(file.isManifest()).isFalse();

    RawLayout.RawFile manifest =
        RawLayout.parse(RawLayout.runFolder(DAY, "p1", "r1") + RawLayout.MANIFEST_FILE).orElseThrow();
    assertThat(manifest.isManifest()).isTrue();
    assertThat(manifest.pageNumber()).isNull();
  }

  @Test
  void parsesLooseFilesWithAndWithoutADate() {
    assertThat(RawLayout.parse("spotify_raw_20240105T101500.json").orElseThrow().snapshotDate())
        .contains(LocalDate.of(2024, 1, 5));
    assertThat(RawLayout.parse("spotify_raw_2024-01-05_10-15-00.json").orElseThrow().snapshotDate())
        .contains(LocalDate.of(2024, 1, 5));
    RawLayout.RawFile undated = RawLayout.parse("spotify_raw_latest.json").orElseThrow();
    assertThat(undated.snapshotDate()).isEmpty();
    assertThat(undated.inRunFolder()).isFalse();
  }

  @Test
  void keepsAConsumedLooseFileInARunShapedFolderUnderItsFirstDate() {
    String kept = RawLayout.legacyKey(DAY, "p1", "spotify_raw_latest.json");
    assertThat(kept).isEqualTo("snapshot_date=2026-11-21/playlist_id=p1/run_id=legacy/spotify_raw_latest.json");

    RawLayout.RawFile file = RawLayout.parse(kept).orElseThrow();
    assertThat(file.snapshotDate()).contains(DAY);
    assertThat(file.playlistId()).isEqualTo("p1");
    assertThat(file.isLoose()).isTrue();
    assertThat(file.isManifest()).isFalse();
    assertThat(file.fileName()).isEqualTo("spotify_raw_latest.json");
    assertThat(RawLayout.parse("spotify_raw_latest.json").orElseThrow().isLoose()).isTrue();
    assertThat(RawLayout.parse(RawLayout.runFolder(DAY, "p1", "r1") + RawLayout.pageFileName(0)).orElseThrow()
        .isLoose()).isFalse();
    // a legacy folder holds loose files only, and the run id is never one the extractor makes
    assertThat(RawLayout.parse(RawLayout.runFolder(DAY, "p1", RawLayout.LEGACY_RUN_ID) + RawLayout.MANIFEST_FILE))
        .isEmpty();
    assertThat(RunId.isValid(RawLayout.LEGACY_RUN_ID)).isFalse();
    assertThatThrownBy(() -> RawLayout.legacyKey(DAY, "p1", "page-00000.json")).hasMessageContaining("page-00000.json");
  }

  @Test
  void ignoresWhatIsNotARawFile() {
    assertThat(RawLayout.parse("notes.txt")).isEmpty();
    assertThat(RawLayout.parse("snapshot_date=2026-11-21/playlist_id=p1/run_id=r1/other.json")).isEmpty();
    assertThat(RawLayout.parse("snapshot_date=2026-13-45/playlist_id=p1/run_id=r1/page-00000.json")).isEmpty();
    assertThat(RawLayout.parse("sub/spotify_raw_20240105.json")).isEqualTo(Optional.empty());
  }

  @Test
  void runIdsSortByStartTimeAndAreKeySafe() {
    String earlier = RunId.create(Instant.parse("2026-11-21T06:00:12Z"));
    String later = RunId.create(Instant.parse("2026-11-21T06:00:13Z"));
    assertThat(earlier).startsWith("20261121T060012Z-").matches(RunId::isValid);
    assertThat(earlier).doesNotContain(":", " ");
    assertThat(later).isGreaterThan(earlier);
    assertThat(RunId.create(Instant.EPOCH)).isNotEqualTo(RunId.create(Instant.EPOCH));
    assertThat(RawLayout.runFolder(DAY, "p1", later)).contains("run_id=" + later + "/");
  }
}
