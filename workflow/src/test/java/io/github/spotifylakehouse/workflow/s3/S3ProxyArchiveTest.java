package io.github.spotifylakehouse.workflow.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.spotifylakehouse.testkit.S3ProxyProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S3Proxy's class-data archive: recorded by the first server as it stops, mapped by the next. */
class S3ProxyArchiveTest {

  private static final Path S3PROXY_JAR = Path.of("target", "runner-jars", "s3proxy.jar");

  @TempDir
  Path temp;

  @Test
  void theFirstServerLeavesAnArchiveBesideTheJarThatTheNextMaps() throws Exception {
    Path jar = Files.copy(S3PROXY_JAR, temp.resolve("s3proxy.jar"));

    try (S3ProxyProcess first = S3ProxyProcess.inMemory(jar, temp.resolve("first"))) {
      assertThat(archives()).isEmpty(); // recorded when the server exits
    }
    List<Path> archives = archives();
    assertThat(archives).hasSize(1);
    Path archive = archives.get(0);
    assertThat(archive.getFileName().toString()).matches("s3proxy\\.jar\\.[0-9a-f]{16}\\.jsa");
    assertThat(Files.size(archive)).isGreaterThan(1 << 20);
    assertThat(pendingFiles()).isEmpty();
    FileTime made = Files.getLastModifiedTime(archive);

    try (S3ProxyProcess second = S3ProxyProcess.inMemory(jar, temp.resolve("second"))) {
      Optional<ProcessHandle> server = ProcessHandle.current().children()
          .filter(child -> child.info().arguments().map(List::of).orElse(List.of()).contains(jar.toAbsolutePath()
              .toString()))
          .findFirst();
      assertThat(server).isPresent();
      Path maps = Path.of("/proc", Long.toString(server.get().pid()), "maps");
      if (Files.isReadable(maps)) {
        // the archive is mapped into the server's memory, not only named on its command line
        assertThat(Files.readString(maps)).contains(archive.getFileName().toString());
      }
    }
    assertThat(archives()).containsExactly(archive);
    assertThat(Files.getLastModifiedTime(archive)).isEqualTo(made);
    assertThat(pendingFiles()).isEmpty();
  }

  private List<Path> archives() throws IOException {
    try (Stream<Path> files = Files.list(temp)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
    }
  }

  private List<Path> pendingFiles() throws IOException {
    try (Stream<Path> files = Files.list(temp)) {
      return files.filter(f -> f.getFileName().toString().contains(".pending-")).toList();
    }
  }
}
