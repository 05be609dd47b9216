package io.github.spotifylakehouse.extractor.config;

/**
 * Bad or missing configuration. The message names the variable and, unless the variable is secret, the
 * offending value. The command line maps it to exit code 2.
 */
public final class ConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
