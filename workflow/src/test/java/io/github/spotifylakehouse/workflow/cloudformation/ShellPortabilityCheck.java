package io.github.spotifylakehouse.workflow.cloudformation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what a shell script may not use to run on macOS as well as on Linux: bash 3.2 (macOS's /bin/bash)
 * and BSD tools. Only bash 5 is at hand here, so this scan (with shellcheck in CI) stands in for a run
 * under 3.2. Comment lines are skipped.
 */
final class ShellPortabilityCheck {

  /** Pattern -> why it does not work there. */
  private static final Map<Pattern, String> FORBIDDEN = Map.ofEntries(
      Map.entry(Pattern.compile("-printf\\b"), "find -printf is GNU only"),
      Map.entry(Pattern.compile("\\b(mapfile|readarray)\\b"), "mapfile/readarray need bash 4"),
      Map.entry(Pattern.compile("\\b(declare|local|typeset)\\s+-[a-zA-Z]*A"), "associative arrays need bash 4"),
      Map.entry(Pattern.compile("\\b(declare|local|typeset)\\s+-[a-zA-Z]*n\\b"), "namerefs need bash 4.3"),
      Map.entry(Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(\\[[^]]*])?(,,?|\\^\\^?)}"), "case conversion needs bash 4"),
      Map.entry(Pattern.compile("\\[\\[\\s+-v\\s"), "[[ -v ]] needs bash 4.2"),
      Map.entry(Pattern.compile("&>>|\\|&"), "&>> and |& need bash 4"),
      Map.entry(Pattern.compile("\\bsed\\s+(-[a-zA-Z]*\\s+)*-i"), "sed -i takes different arguments in BSD sed"),
      Map.entry(Pattern.compile("\\breadlink\\s+-f\\b"), "readlink -f is GNU only"),
      Map.entry(Pattern.compile("\\bgrep\\s+(-[a-zA-Z]*\\s+)*-[a-zA-Z]*P"), "grep -P is GNU only"),
      Map.entry(Pattern.compile("\\bxargs\\s+(-[a-zA-Z]*\\s+)*-r\\b"), "xargs -r is GNU only"),
      Map.entry(Pattern.compile("\\bdate\\s+(-[a-zA-Z]*\\s+)*-d\\b"), "date -d is GNU only"),
      Map.entry(Pattern.compile("\\bstat\\s+-c\\b"), "stat -c is GNU only"));
  private static final Pattern ARRAY_EXPANSION = Pattern.compile("\"\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\[[@*]]}\"");

  private ShellPortabilityCheck() {
  }

  /** One message per finding, {@code file:line: why}. */
  static List<String> problems(Path script) {
    List<String> lines;
    try {
      lines = Files.readAllLines(script, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + script, e);
    }
    String name = script.getFileName().toString();
    boolean shasumFallback = lines.stream().anyMatch(l -> !isComment(l) && l.contains("shasum -a 256"));
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (isComment(line)) {
        continue;
      }
      String where = name + ":" + (i + 1) + ": ";
      FORBIDDEN.forEach((pattern, why) -> {
        if (pattern.matcher(line).find()) {
          problems.add(where + why);
        }
      });
      if (line.contains("sha256sum") && !shasumFallback) {
        problems.add(where + "sha256sum without a shasum -a 256 fallback (macOS has only shasum)");
      }
      Matcher expansion = ARRAY_EXPANSION.matcher(line);
      while (expansion.find()) {
        String guard = "${" + expansion.group(1) + "[@]+";
        int start = expansion.start();
        if (start < guard.length() || !line.startsWith(guard, start - guard.length())) {
          problems.add(where + "\"${" + expansion.group(1) + "[@]}\" of an empty array fails under set -u in bash"
              + " before 4.4; write ${" + expansion.group(1) + "[@]+\"${" + expansion.group(1) + "[@]}\"}");
        }
      }
    }
    return problems;
  }

  private static boolean isComment(String line) {
    return line.stripLeading().startsWith("#");
  }
}
