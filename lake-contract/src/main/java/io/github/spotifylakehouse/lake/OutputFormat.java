package io.github.spotifylakehouse.lake;

import java.util.Locale;

/** Output formats of the tables, as named in the {@code --formats} argument. */
public enum OutputFormat {
  /** UTF-8 CSV with a header row, under {@code LakeTable.csvPrefix()}. */
  CSV,
  /** Snappy Parquet, under {@code LakeTable.parquetPrefix()}. */
  PARQUET;

  /** The name used in {@code --formats}: {@code csv} or {@code parquet}. */
  public String argumentName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
