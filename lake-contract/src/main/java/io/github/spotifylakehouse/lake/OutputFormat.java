package io.github.spotifylakehouse.lake;

import java.util.Locale;

/** Output formats of the tables, as named in the {@code --formats} argument. */
public enum OutputFormat {
  /**
   * UTF-8 CSV with a header row, one folder per date under {@code LakeTable.csvPrefix()}; catalogued as
   * {@code LakeTable.csvTableName()}. Control characters in text become spaces (the exact text is in Iceberg).
   */
  CSV,
  /**
   * Apache Iceberg tables (format version 2, Parquet data files) under {@code LakeTable.icebergPrefix()},
   * registered in the catalog {@link LakeCatalog#SPARK_CATALOG} as {@code LakeTable.tableName()}; one commit per
   * table and run.
   */
  ICEBERG;

  /** The name used in {@code --formats}: {@code csv} or {@code iceberg}. */
  public String argumentName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
