package io.github.spotifylakehouse.workflow.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The extractor's output, a line at a time, for the person at the terminal: each per-playlist JSON result
 * (one object per line on its stdout) becomes one short line, and the results add up to a total; any other
 * line (its warnings and errors) passes as it is. Fields are read by name and may be missing, so the
 * extractor can change its results without breaking the runner.
 */
final class ExtractorOutput {

  private static final ObjectMapper JSON = new ObjectMapper();

  private int playlists;
  private int failed;
  private long pages;
  private long entries;
  private long bytes;

  /** The line to print for {@code line}: a summary of a playlist's result, else the line itself. */
  String summarize(String line) {
    JsonNode result = parse(line);
    if (result == null) {
      return line;
    }
    String playlist = result.get("playlist_id").asText();
    String status = result.path("status").asText("?");
    boolean ok = status.equalsIgnoreCase("ok");
    playlists++;
    failed += ok ? 0 : 1;
    pages += result.path("pages").asLong(0);
    entries += result.path("entries").asLong(0);
    bytes += result.path("bytes").asLong(0);
    List<String> parts = new ArrayList<>();
    if (result.has("pages")) {
      parts.add(count(result.path("pages").asLong(), "page"));
    }
    if (result.has("entries")) {
      parts.add(count(result.path("entries").asLong(), "entry", "entries"));
    }
    if (result.has("bytes")) {
      parts.add(Console.bytes(result.path("bytes").asLong()));
    }
    StringBuilder out = new StringBuilder("playlist ").append(playlist).append(' ')
        .append(ok ? "ok" : status.toUpperCase(Locale.ROOT));
    if (!parts.isEmpty()) {
      out.append(": ").append(String.join(", ", parts));
    }
    if (result.has("duration_ms")) {
      out.append(" in ").append(Console.duration(Duration.ofMillis(result.path("duration_ms").asLong())));
    }
    if (result.hasNonNull("error")) {
      out.append(": ").append(result.get("error").asText());
    }
    return out.toString();
  }

  /** The total over the results seen; empty when there was none. */
  Optional<String> total() {
    if (playlists == 0) {
      return Optional.empty();
    }
    return Optional.of(count(playlists, "playlist") + ": " + (playlists - failed) + " landed, " + failed
        + " failed; " + count(pages, "page") + ", " + count(entries, "entry", "entries") + ", "
        + Console.bytes(bytes));
  }

  /** The line as a playlist's result (a JSON object with a playlist_id), or null. */
  private static JsonNode parse(String line) {
    String trimmed = line.strip();
    if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(trimmed);
      return node != null && node.isObject() && node.hasNonNull("playlist_id") ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String count(long n, String one) {
    return count(n, one, one + "s");
  }

  private static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
