package io.github.spotifylakehouse.workflow.steps;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Where the build puts the jars the runner starts as child processes: {@code workflow/target/runner-jars/}
 * (maven-dependency-plugin, phase prepare-package). Found beside this module's classes
 * ({@code target/classes} or the module jar in {@code target/}), or in the folder named by the system
 * property {@value #DIR_PROPERTY}.
 */
final class RunnerJars {

  /** System property naming the folder that holds the jars below. */
  static final String DIR_PROPERTY = "spotifylakehouse.runner-jars";
  static final String EXTRACTOR_JAR = "spotify-lakehouse-extractor.jar";
  static final String S3PROXY_JAR = "s3proxy.jar";

  private RunnerJars() {
  }

  static Path extractorJar() {
    return dir().resolve(EXTRACTOR_JAR);
  }

  static Path s3proxyJar() {
    return dir().resolve(S3PROXY_JAR);
  }

  private static Path dir() {
    String configured = System.getProperty(DIR_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    try {
      Path classes = Path.of(RunnerJars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // target/classes (a directory) or target/<module>.jar: both sit in target/
      return classes.getParent().resolve("runner-jars");
    } catch (URISyntaxException | RuntimeException e) {
      return Path.of("workflow", "target", "runner-jars");
    }
  }
}
