package io.github.spotifylakehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedClassesTest {

  @TempDir
  Path dir;

  /** A program that loads a class of a library jar, the kind of class the archive holds. */
  public static final class Program {
    public static void main(String[] args) {
      System.out.println("loaded " + Assertions.class.getName());
    }
  }

  private static Path libraryJar() throws URISyntaxException {
    return Path.of(Assertions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static Path ownClasses() throws URISyntaxException {
    return Path.of(Program.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static String run(SharedClasses.Launch launch, String... extraOptions) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(launch.jvmOptions());
    command.addAll(List.of(extraOptions));
    command.addAll(List.of("-cp", launch.classPath(), Program.class.getName()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void putsTheStableJarsFirstAndNamesTheArchiveAfterThem() throws Exception {
    Path jar = libraryJar();
    String classPath = ownClasses() + File.pathSeparator + jar;

    SharedClasses.Launch launch = SharedClasses.prepare(dir.resolve("cds"), jar.getParent(), classPath);

    assertThat(launch.classPath()).isEqualTo(jar + File.pathSeparator + ownClasses());
    assertThat(launch.stableJars()).containsExactly(jar.toString());
    assertThat(launch.archive().getFileName().toString()).matches("classes-[0-9a-f]{16}\\.jsa");
    assertThat(launch.recording()).isTrue();
    assertThat(SharedClasses.prepare(dir.resolve("other"), jar.getParent(), classPath).archive().getFileName())
        .isEqualTo(launch.archive().getFileName());
    assertThat(SharedClasses.prepare(dir.resolve("cds"), dir, classPath).stableJars()).isEmpty();
  }

  @Test
  void theFirstRunMakesTheArchiveAndLaterRunsMapIt() throws Exception {
    Path jar = libraryJar();
    String classPath = jar + File.pathSeparator + ownClasses();
    SharedClasses.Launch first = SharedClasses.prepare(dir.resolve("cds"), jar.getParent(), classPath);

    assertThat(run(first)).contains("loaded org.assertj.core.api.Assertions");
    assertThat(first.complete(0)).isTrue();
    assertThat(first.archive()).isRegularFile();
    try (var left = Files.list(dir.resolve("cds"))) {
      assertThat(left).containsExactly(first.archive());
    }

    SharedClasses.Launch later = SharedClasses.prepare(dir.resolve("cds"), jar.getParent(), classPath);
    assertThat(later.recording()).isFalse();
    assertThat(later.jvmOptions()).contains("-XX:SharedArchiveFile=" + first.archive());
    // -Xshare:on fails the JVM when the archive cannot be mapped, and the log names the jar's classes it serves
    String output = run(later, "-Xshare:on", "-Xlog:class+load=info");
    assertThat(output).containsPattern("org\\.assertj\\.core\\.api\\.Assertions source: shared objects file");
  }

  @Test
  void aFailedRunMakesNoArchive() throws Exception {
    Path jar = libraryJar();
    SharedClasses.Launch launch = SharedClasses.prepare(dir.resolve("cds"), jar.getParent(),
        jar + File.pathSeparator + ownClasses());

    assertThat(launch.complete(1)).isFalse();
    assertThat(launch.archive()).doesNotExist();
    try (var left = Files.list(dir.resolve("cds"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void disabledLeavesTheClassPathAlone() throws IOException {
    SharedClasses.Launch launch = SharedClasses.disabled("a.jar" + File.pathSeparator + "b");

    assertThat(launch.jvmOptions()).isEmpty();
    assertThat(launch.classPath()).isEqualTo("a.jar" + File.pathSeparator + "b");
    assertThat(launch.recording()).isFalse();
  }
}
