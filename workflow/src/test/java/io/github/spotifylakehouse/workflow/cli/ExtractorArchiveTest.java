package io.github.spotifylakehouse.workflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.spotifylakehouse.workflow.steps.RunnerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extractor's class-data archive: recorded by the first extract that exits cleanly, for a copy of the jar named
 * by its content, and mapped by the next.
 */
class ExtractorArchiveTest {

  @TempDir
  Path temp;

  private void extract(Path jar, String dataDir) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = SpotifyLakehouseCli.execute(new String[] {"extract", "--data-dir", temp.resolve(dataDir).toString(),
        "--source", "EMULATOR", "--playlist-sizes", "5", "--extractor-jar", jar.toString()}, Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isZero();
    // the JVM's messages while it records the archive are not among the extractor's lines
    assertThat(printed).contains("[extractor] 1 playlist: 1 landed, 0 failed").doesNotContain("[cds]");
  }

  @Test
  void theFirstExtractLeavesAnArchiveThatTheNextMapsEvenAfterARebuildOfTheSameJar() throws Exception {
    Path jars = Files.createDirectories(temp.resolve("jars"));
    Path jar = Files.copy(RunnerConfig.builder(temp.resolve("unused")).build().extractorJar(),
        jars.resolve("extractor.jar"));
    Path byContent = jars.resolve("extractor.jar.by-content");

    extract(jar, "first");
    List<Path> archives = files(byContent, ".jsa");
    assertThat(archives).hasSize(1);
    Path archive = archives.get(0);
    // the copy the child ran, named by the jar's content, and its archive
    assertThat(archive.getFileName().toString()).matches("[0-9a-f]{16}\\.jar\\.[0-9a-f]{16}\\.jsa");
    assertThat(Files.size(archive)).isGreaterThan(1 << 20);
    assertThat(files(byContent, ".pending-")).isEmpty();
    FileTime made = Files.getLastModifiedTime(archive);

    // a build writes the same bytes again, with a new time: the second maps the archive rather than recording one
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    extract(jar, "second");
    assertThat(files(byContent, ".jsa")).containsExactly(archive);
    assertThat(Files.getLastModifiedTime(archive)).isEqualTo(made);
    assertThat(files(byContent, ".pending-")).isEmpty();
    assertThat(files(jars, ".jsa")).isEmpty();
  }

  private static List<Path> files(Path dir, String nameContains) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().contains(nameContains)).toList();
    }
  }
}
