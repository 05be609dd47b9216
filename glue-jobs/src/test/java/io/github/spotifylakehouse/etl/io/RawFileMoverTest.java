package io.github.spotifylakehouse.etl.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.spotifylakehouse.etl.io.RawFileMover.Move;
import io.github.spotifylakehouse.etl.io.RawFileMover.Rejection;
import io.github.spotifylakehouse.etl.io.RawInventory.RawObject;
import io.github.spotifylakehouse.lake.RawLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw file moves on a file system with HDFS's rename semantics (no folder made for you, false on refusal). */
class RawFileMoverTest {

  private static final LocalDate DAY = LocalDate.of(2026, 11, 21);
  private static final String RUN = "20261121T060000Z-0000000a";

  @TempDir
  Path dir;

  private LakeFileSystem lake;

  @BeforeEach
  void openLake() {
    Configuration conf = new Configuration(false);
    conf.set("fs.file.impl", HdfsLikeLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    lake = LakeFileSystem.resolve(dir.resolve("lake").toString(), conf);
  }

  /** Lands {@code stagePath} under to_process with {@code content}. */
  private RawObject land(String stagePath, String content) throws IOException {
    Path file = dir.resolve("lake").resolve(RawLayout.TO_PROCESS + stagePath);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    RawLayout.RawFile raw = RawLayout.parse(stagePath).orElseThrow();
    return new RawObject(lake.resolve(RawLayout.TO_PROCESS + stagePath), RawLayout.TO_PROCESS + stagePath,
        RawLayout.TO_PROCESS, stagePath, content.length(), 0, raw.snapshotDate().orElse(DAY), raw.playlistId(),
        raw.isLoose() ? RawInventory.LOOSE_RUN_KEY : raw.runId(), raw.isManifest(), raw.isLoose());
  }

  private String read(String key) throws IOException {
    return Files.readString(dir.resolve("lake").resolve(key), StandardCharsets.UTF_8);
  }

  @Test
  void theFileSystemRefusesToRenameIntoAMissingFolderAsHdfsDoes() throws IOException {
    RawObject page = land(RawLayout.runFolder(DAY, "p1", RUN) + RawLayout.pageFileName(0), "{}");
    FileSystem fs = lake.fileSystem();

    assertThat(fs).isInstanceOf(HdfsLikeLocalFileSystem.class);
    assertThat(fs.rename(page.path(), lake.resolve(RawLayout.PROCESSED + page.stagePath()))).isFalse();
    assertThat(fs.exists(page.path())).isTrue();
  }

  @Test
  void movesIntoFoldersThatDoNotExistYet() throws IOException {
    List<Move> moves = new ArrayList<>();
    for (int page = 0; page < 3; page++) {
      moves.add(RawFileMover.toProcessed(land(RawLayout.runFolder(DAY, "p" + page % 2, RUN)
          + RawLayout.pageFileName(page), "{\"page\": " + page + "}")));
    }
    RawObject loose = land("spotify_raw_latest.json", "{\"loose\": true}");
    String kept = RawLayout.PROCESSED + RawLayout.legacyKey(DAY, "p9", loose.fileName());
    moves.add(new Move(loose, kept));
    List<String> heard = new ArrayList<>();

    int moved = new RawFileMover(lake).move(moves, path -> {
      synchronized (heard) {
        heard.add(path);
      }
    });

    assertThat(moved).isEqualTo(4);
    assertThat(heard).containsExactlyInAnyOrderElementsOf(moves.stream().map(m -> m.file().lakePath()).toList());
    assertThat(read(RawLayout.PROCESSED + RawLayout.runFolder(DAY, "p0", RUN) + RawLayout.pageFileName(2)))
        .isEqualTo("{\"page\": 2}");
    assertThat(read(kept)).isEqualTo("{\"loose\": true}");
    for (Move move : moves) {
      assertThat(lake.fileSystem().exists(move.file().path())).as(move.file().lakePath()).isFalse();
    }
  }

  @Test
  void aCopyLeftByAnInterruptedMoveIsReplaced() throws IOException {
    RawObject page = land(RawLayout.runFolder(DAY, "p1", RUN) + RawLayout.pageFileName(0), "{\"v\": 1}");
    Path copy = dir.resolve("lake").resolve(RawLayout.PROCESSED + page.stagePath());
    Files.createDirectories(copy.getParent());
    Files.writeString(copy, "{\"v\": 1}");

    new RawFileMover(lake).move(List.of(RawFileMover.toProcessed(page)), path -> { });

    assertThat(read(RawLayout.PROCESSED + page.stagePath())).isEqualTo("{\"v\": 1}");
    assertThat(lake.fileSystem().exists(page.path())).isFalse();
  }

  @Test
  void aRenameThatReturnsFalseIsAnErrorNamingBothPaths() throws IOException {
    RawObject page = land(RawLayout.runFolder(DAY, "p1", RUN) + RawLayout.pageFileName(0), "{}");
    Files.delete(dir.resolve("lake").resolve(page.lakePath()));

    assertThatThrownBy(() -> new RawFileMover(lake).move(List.of(RawFileMover.toProcessed(page)), path -> { }))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("Failed to move " + page.path())
        .hasMessageContaining(" to " + lake.resolve(RawLayout.PROCESSED + page.stagePath()))
        .hasMessageEndingWith("rename returned false (the source is not there, the destination is not there)");
  }

  @Test
  void rejectsBesideANoteSayingWhy() throws IOException {
    RawObject page = land(RawLayout.runFolder(DAY, "p1", RUN) + RawLayout.pageFileName(4), "{\"items\": [tru");

    new RawFileMover(lake).reject(List.of(new Rejection(page, "not valid JSON: Unrecognized token 'tru'")),
        path -> { });

    assertThat(read(RawLayout.REJECTED + page.stagePath())).isEqualTo("{\"items\": [tru");
    assertThat(read(RawLayout.REJECTED + page.stagePath() + RawLayout.REJECTION_NOTE_SUFFIX))
        .startsWith("file: " + page.lakePath() + "\nrejected_at: ")
        .endsWith("reason: not valid JSON: Unrecognized token 'tru'\n");
    assertThat(lake.fileSystem().exists(page.path())).isFalse();
  }
}
