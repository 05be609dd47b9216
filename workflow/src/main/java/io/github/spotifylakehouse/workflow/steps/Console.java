package io.github.spotifylakehouse.workflow.steps;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What the runner tells the person at the terminal: one header per step, indented detail lines, and a
 * closing line with the duration. Plain text on a {@link PrintStream} (not a logger) so it reads the same
 * under Maven {@code -q}, in a terminal and in tests; logging stays for libraries.
 */
public final class Console {

  private static final String INDENT = "      ";

  private final PrintStream out;

  public Console(PrintStream out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /** A line at the left margin. */
  public synchronized void line(String format, Object... args) {
    out.println(String.format(Locale.ROOT, format, args));
    out.flush();
  }

  /** A detail line under the current step. */
  public synchronized void detail(String format, Object... args) {
    out.println(INDENT + String.format(Locale.ROOT, format, args));
    out.flush();
  }

  /** A line printed as it is (already formatted), indented under the current step. */
  public synchronized void raw(String text) {
    for (String line : text.split("\n", -1)) {
      out.println(INDENT + line);
    }
    out.flush();
  }

  /** {@code 4.2 s}, {@code 950 ms} or {@code 2 min 05 s}. */
  public static String duration(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    return String.format(Locale.ROOT, "%d min %02d s", millis / 60_000, (millis / 1000) % 60);
  }

  /** {@code 812 B}, {@code 3.4 KB}, {@code 12.1 MB}. */
  public static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }
}
