package io.github.spotifylakehouse.lake;

import java.util.List;

/**
 * Names of the ETL job's arguments, given Glue-style as {@code --name value}. The job's parser, the
 * CloudFormation job definition ({@code DefaultArguments}) and the local runner all use these names;
 * Glue adds arguments of its own ({@code --JOB_NAME}, {@code --JOB_RUN_ID}, ...), which the parser
 * tolerates.
 */
public final class JobParameters {

  /**
   * Required. The lake root: {@code s3://bucket}, {@code s3://bucket/prefix} (read through s3a outside
   * Glue) or a local folder. Raw and transformed prefixes are resolved under it.
   */
  public static final String LAKE_ROOT = "lake-root";
  /**
   * Optional ISO date, default today (UTC). The snapshot date of loose raw files whose name holds no
   * date.
   */
  public static final String RUN_DATE = "run-date";
  /** Optional comma list of output formats: {@code csv} (default), {@code iceberg}, or both. */
  public static final String FORMATS = "formats";
  /**
   * Optional catalog database of the Iceberg tables, default {@link LakeCatalog#DATABASE} (the stack passes
   * its Glue database).
   */
  public static final String DATABASE = "database";

  /** Every argument the job itself defines. */
  public static final List<String> ALL = List.of(LAKE_ROOT, RUN_DATE, FORMATS, DATABASE);

  private JobParameters() {
  }
}
