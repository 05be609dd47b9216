package io.github.spotifylakehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarClassArchiveTest {

  @TempDir
  Path temp;

  @Test
  void aJarIsRunFromACopyThatLastsAsLongAsItsContent() throws IOException {
    Path jar = Files.write(temp.resolve("tool.jar"), new byte[] {1, 2, 3});
    Path copy = JarClassArchive.byContent(jar);
    assertThat(copy.getParent()).isEqualTo(temp.resolve("tool.jar.by-content"));
    assertThat(copy.getFileName().toString()).matches("[0-9a-f]{16}\\.jar");
    assertThat(copy).hasBinaryContent(new byte[] {1, 2, 3});
    Path archive = Files.write(copy.resolveSibling(copy.getFileName() + ".0123456789abcdef.jsa"), new byte[] {9});
    FileTime copied = Files.getLastModifiedTime(copy);

    // rebuilt with the same bytes: the same copy, its time and its archive kept
    Files.write(jar, new byte[] {1, 2, 3});
    Files.setLastModifiedTime(jar, FileTime.fromMillis(copied.toMillis() + 60_000));
    assertThat(JarClassArchive.byContent(jar)).isEqualTo(copy);
    assertThat(Files.getLastModifiedTime(copy)).isEqualTo(copied);
    assertThat(archive).exists();

    // new bytes: a new copy, and the old copy and its archive gone
    Files.write(jar, new byte[] {4, 5});
    Path changed = JarClassArchive.byContent(jar);
    assertThat(changed).isNotEqualTo(copy).hasBinaryContent(new byte[] {4, 5});
    assertThat(list(changed.getParent())).containsExactly(changed);
  }

  @Test
  void aJarInAFolderThatCannotBeWrittenIsRunItself() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("read-only"));
    Path jar = Files.write(dir.resolve("tool.jar"), new byte[] {1});
    // a file where the copies' folder would be: it cannot be made
    Files.write(dir.resolve("tool.jar.by-content"), new byte[0]);
    assertThat(JarClassArchive.byContent(jar)).isEqualTo(jar);
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
