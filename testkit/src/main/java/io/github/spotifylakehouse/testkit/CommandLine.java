package io.github.spotifylakehouse.testkit;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options of the bench commands, checked against the names a command knows. */
public final class CommandLine {

  private final Map<String, String> values = new HashMap<>();
  private final String command;

  public CommandLine(String command, Set<String> known, String... args) {
    this.command = command;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || !known.contains(arg.substring(2))) {
        throw new IllegalArgumentException(command + ": unknown option '" + arg + "'; known: --"
            + String.join(", --", known));
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(command + ": missing value for " + arg);
      }
      values.put(arg.substring(2), args[++i]);
    }
  }

  public String text(String name, String defaultValue) {
    String value = values.get(name);
    return value == null || value.isBlank() ? defaultValue : value.trim();
  }

  public long number(String name, long defaultValue) {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      return Long.parseLong(value.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(command + ": --" + name + " must be a whole number, got '" + value + "'");
    }
  }

  public LocalDate date(String name, LocalDate defaultValue) {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(command + ": --" + name + " must be an ISO date, got '" + value + "'");
    }
  }

  public boolean flag(String name) {
    return Boolean.parseBoolean(text(name, "false"));
  }
}
