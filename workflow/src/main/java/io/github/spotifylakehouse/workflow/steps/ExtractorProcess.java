package io.github.spotifylakehouse.workflow.steps;

import io.github.spotifylakehouse.testkit.JarClassArchive;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the extractor's shaded jar ({@code java -jar <jar> extract}) as a child process: the same code the
 * Lambda runs, on its own classpath (its Jackson cannot share one with Spark's). Its output is streamed
 * to the console line by line with a prefix: its warnings and errors, one line per playlist summarizing its
 * JSON result, and a total ({@link ExtractorOutput}); verbose, its whole log and the raw results. The child
 * is killed when it outlives the timeout or when the runner shuts down. It runs a copy of the jar named by its
 * content and maps a class-data archive of it ({@link JarClassArchive}, recorded by the first run that exits
 * cleanly).
 */
final class ExtractorProcess implements AutoCloseable {

  static final String PREFIX = "[extractor] ";

  private final Process process;
  private final JarClassArchive archive;
  private final Thread pump;
  private final AtomicInteger lines = new AtomicInteger();

  private ExtractorProcess(Process process, JarClassArchive archive, Console console, boolean verbose) {
    this.process = process;
    this.archive = archive;
    this.pump = new Thread(() -> {
      ExtractorOutput output = new ExtractorOutput();
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          lines.incrementAndGet();
          String summary = output.summarize(line);
          console.detail("%s%s", PREFIX, verbose ? line : summary);
        }
        output.total().ifPresent(total -> console.detail("%s%s", PREFIX, total));
      } catch (IOException e) {
        console.detail("%s(output closed: %s)", PREFIX, e.getMessage());
      }
    }, "extractor-output");
    pump.setDaemon(true);
    pump.start();
  }

  /**
   * Starts {@code java -jar jar extract} with exactly {@code environment} (nothing inherited, so no stray
   * credentials reach it); {@code verbose} keeps its info log and raw results.
   */
  static ExtractorProcess start(Path jar, Map<String, String> environment, Console console, boolean verbose) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("Extractor jar not found: " + jar + " (the build copies it into"
          + " workflow/target/runner-jars/: run mvn -pl extractor,workflow -am package -DskipTests first)");
    }
    // its log lines already sit under a step header: no timestamps (slf4j-simple, overridable by -D);
    // one line per landed page suits Lambda's logs but buries the run here: the per-playlist lines
    // (pages, entries, manifest key) stay, with --verbose; else warnings and errors only, and the runner
    // prints a line per playlist from the JSON results
    // each build writes the jar anew: run a copy that lasts as long as its content, and map its archive
    Path run = JarClassArchive.byContent(jar);
    JarClassArchive archive = JarClassArchive.of(run);
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-Xmx512m", "-Dorg.slf4j.simpleLogger.showDateTime=false",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=" + (verbose ? "info" : "warn"),
        "-Dorg.slf4j.simpleLogger.log.io.github.spotifylakehouse.extractor.landing.RunFolder=warn"));
    command.addAll(archive.options());
    command.addAll(List.of("-jar", run.toAbsolutePath().toString(), "extract"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(environment);
    try {
      return new ExtractorProcess(builder.start(), archive, console, verbose);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the extractor: " + String.join(" ", command), e);
    }
  }

  /**
   * Waits for the extractor to exit.
   *
   * @return its exit code (0 all playlists landed, 1 a playlist failed, 2 bad configuration)
   * @throws IllegalStateException when it runs longer than {@code timeout} (it is killed)
   */
  int await(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      close();
      throw new IllegalStateException("the extractor did not finish within " + Console.duration(timeout)
          + " and was stopped");
    }
    pump.join(TimeUnit.SECONDS.toMillis(10));
    archive.completed(process);
    return process.exitValue();
  }

  /** Lines the extractor printed. */
  int lines() {
    return lines.get();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    if (!process.isAlive()) {
      archive.completed(process);
    }
  }

  static String javaExecutable() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
