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
   * Optional positive number of bytes, default {@link #DEFAULT_MAX_RAW_FILE_BYTES}. A raw file larger than
   * this is rejected unread (a real page is well under 1 MB), so that no file can exhaust a task's memory.
   */
  public static final String MAX_RAW_FILE_BYTES = "max-raw-file-bytes";
  /** Default of {@link #MAX_RAW_FILE_BYTES}: 32 MiB. */
  public static final long DEFAULT_MAX_RAW_FILE_BYTES = 32L << 20;
  /**
   * Optional positive whole number of hours, default {@link #DEFAULT_INCOMPLETE_RUN_MAX_AGE_HOURS}. A run folder
   * in {@code to_process} without a manifest whose newest file is older than this is moved to
   * {@code rejected/}; a younger one is left alone (its extraction may still be writing).
   */
  public static final String INCOMPLETE_RUN_MAX_AGE_HOURS = "incomplete-run-max-age-hours";
  /** Default of {@link #INCOMPLETE_RUN_MAX_AGE_HOURS}: 24 hours. */
  public static final int DEFAULT_INCOMPLETE_RUN_MAX_AGE_HOURS = 24;

  /**
   * Optional catalog database of the Iceberg tables, default {@link LakeCatalog#DATABASE} (the stack passes
   * its Glue database).
   */
  public static final String DATABASE = "database";

  /** Every argument the job itself defines. */
  public static final List<String> ALL = List.of(LAKE_ROOT, RUN_DATE, FORMATS, MAX_RAW_FILE_BYTES,
      INCOMPLETE_RUN_MAX_AGE_HOURS, DATABASE);

  private JobParameters() {
  }
}
