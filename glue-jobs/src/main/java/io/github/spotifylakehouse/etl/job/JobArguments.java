package io.github.spotifylakehouse.etl.job;

import io.github.spotifylakehouse.lake.OutputFormat;
import io.github.spotifylakehouse.lake.JobParameters;
import io.github.spotifylakehouse.lake.LakeCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The job's arguments, given Glue-style as {@code --name value} (or {@code --name=value}); names are in
 * {@link JobParameters}. Arguments the job does not define ({@code --JOB_NAME}, {@code --JOB_RUN_ID},
 * {@code --job-bookmark-option}, ... that Glue adds) are tolerated and ignored. Everything is validated
 * here, before Spark starts, and a problem fails with an {@link IllegalArgumentException} that names the
 * argument and the offending value.
 *
 * <ul>
 *   <li>{@code --lake-root} (required): {@code s3://bucket[/prefix]}, {@code s3a://bucket[/prefix]},
 *       {@code file:/path} or a local path.</li>
 *   <li>{@code --run-date} (optional, ISO date, default today in UTC; blank means the default): the
 *       snapshot date of loose raw files whose name holds no date.</li>
 *   <li>{@code --formats} (optional, default {@code csv}; blank means the default): comma list of
 *       {@code csv} and {@code iceberg}.</li>
 *   <li>{@code --database} (optional, default {@value LakeCatalog#DATABASE}): the catalog database of the
 *       Iceberg tables.</li>
 *   <li>{@code --max-raw-file-bytes} (optional, default 32 MiB): raw files larger than this are rejected
 *       unread.</li>
 *   <li>{@code --incomplete-run-max-age-hours} (optional, default 24): run folders without a manifest whose
 *       newest file is older than this are rejected.</li>
 * </ul>
 */
public final class JobArguments {

  private static final Pattern S3_ROOT = Pattern.compile("(?i)(s3|s3a)://([^/]+)(/.*)?");
  private static final Pattern URI_SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):.*");
  private static final Set<OutputFormat> DEFAULT_FORMATS = Collections.unmodifiableSet(EnumSet.of(OutputFormat.CSV));

  private final String lakeRoot;
  private final LocalDate runDate;
  private final Set<OutputFormat> formats;
  private final long maxRawFileBytes;
  private final Duration incompleteRunMaxAge;
  private final String database;

  private JobArguments(String lakeRoot, LocalDate runDate, Set<OutputFormat> formats, long maxRawFileBytes,
                       Duration incompleteRunMaxAge, String database) {
    this.lakeRoot = lakeRoot;
    this.runDate = runDate;
    this.formats = Collections.unmodifiableSet(EnumSet.copyOf(formats));
    this.maxRawFileBytes = maxRawFileBytes;
    this.incompleteRunMaxAge = incompleteRunMaxAge;
    this.database = database;
  }

  /**
   * Parses Glue-style arguments, {@code --lake-root s3://bucket --formats csv,iceberg ...}.
   *
   * @throws IllegalArgumentException naming the argument when one is missing, repeated or invalid
   */
  public static JobArguments parse(String... args) {
    return parse(Clock.systemUTC(), args);
  }

  static JobArguments parse(Clock clock, String... args) {
    Objects.requireNonNull(args, "args");
    Map<String, String> known = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String token = args[i];
      if (token == null || !token.startsWith("--") || token.length() == 2) {
        throw new IllegalArgumentException("Unexpected argument '" + token
            + "': arguments are given as --name value (e.g. --" + JobParameters.LAKE_ROOT + " s3://bucket)");
      }
      String name;
      String value;
      int equals = token.indexOf('=');
      if (equals > 0) {
        name = token.substring(2, equals);
        value = token.substring(equals + 1);
      } else {
        name = token.substring(2);
        boolean hasValue = i + 1 < args.length && args[i + 1] != null && !args[i + 1].startsWith("--");
        value = hasValue ? args[++i] : null;
      }
      if (!JobParameters.ALL.contains(name)) {
        continue; // Glue's own arguments, and anything else a launcher adds
      }
      if (value == null) {
        throw new IllegalArgumentException("Missing value for argument --" + name);
      }
      if (known.put(name, value) != null) {
        throw new IllegalArgumentException("Argument --" + name + " is given more than once");
      }
    }
    return new JobArguments(
        parseLakeRoot(known.get(JobParameters.LAKE_ROOT)),
        parseRunDate(known.get(JobParameters.RUN_DATE), clock),
        parseFormats(known.get(JobParameters.FORMATS)),
        parsePositive(JobParameters.MAX_RAW_FILE_BYTES, known.get(JobParameters.MAX_RAW_FILE_BYTES),
            JobParameters.DEFAULT_MAX_RAW_FILE_BYTES, "a number of bytes"),
        Duration.ofHours(parsePositive(JobParameters.INCOMPLETE_RUN_MAX_AGE_HOURS,
            known.get(JobParameters.INCOMPLETE_RUN_MAX_AGE_HOURS), JobParameters.DEFAULT_INCOMPLETE_RUN_MAX_AGE_HOURS,
            "a whole number of hours")),
        parseDatabase(known.get(JobParameters.DATABASE)));
  }

  /** Arguments built in code (the local runner, tests); validated like {@link #parse}. */
  public static JobArguments of(String lakeRoot, LocalDate runDate, Set<OutputFormat> formats) {
    Objects.requireNonNull(runDate, "runDate");
    if (formats == null || formats.isEmpty()) {
      throw new IllegalArgumentException("Invalid --" + JobParameters.FORMATS + ": at least one format is needed");
    }
    return new JobArguments(parseLakeRoot(lakeRoot), runDate, formats, JobParameters.DEFAULT_MAX_RAW_FILE_BYTES,
        Duration.ofHours(JobParameters.DEFAULT_INCOMPLETE_RUN_MAX_AGE_HOURS), LakeCatalog.DATABASE);
  }

  /** These arguments with the Iceberg tables in {@code database}. */
  public JobArguments withDatabase(String database) {
    return new JobArguments(lakeRoot, runDate, formats, maxRawFileBytes, incompleteRunMaxAge,
        parseDatabase(database));
  }

  private static String parseDatabase(String value) {
    if (value == null || value.isBlank()) {
      return LakeCatalog.DATABASE;
    }
    try {
      return LakeCatalog.requireDatabase(value.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid --" + JobParameters.DATABASE + " '" + value
          + "': lower-case letters, digits and underscores", e);
    }
  }

  private static long parsePositive(String name, String value, long defaultValue, String expected) {
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below, with the value
    }
    throw new IllegalArgumentException("Invalid --" + name + " '" + value + "': expected " + expected
        + " greater than 0");
  }

  private static String parseLakeRoot(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Missing required argument --" + JobParameters.LAKE_ROOT
          + " (s3://bucket[/prefix], s3a://bucket[/prefix] or a local folder)");
    }
    String root = value.trim();
    if (S3_ROOT.matcher(root).matches()) {
      return root;
    }
    if (root.regionMatches(true, 0, "s3", 0, 2) && root.contains("://")) {
      throw new IllegalArgumentException("Invalid --" + JobParameters.LAKE_ROOT + " '" + value
          + "': expected s3://bucket[/prefix] or s3a://bucket[/prefix]");
    }
    var scheme = URI_SCHEME.matcher(root);
    // a one-letter "scheme" is a Windows drive (C:\lake)
    if (scheme.matches() && scheme.group(1).length() > 1 && !scheme.group(1).equalsIgnoreCase("file")) {
      throw new IllegalArgumentException("Invalid --" + JobParameters.LAKE_ROOT + " '" + value
          + "': unsupported scheme '" + scheme.group(1) + "'; expected s3://, s3a://, file: or a local path");
    }
    return root;
  }

  private static LocalDate parseRunDate(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Invalid --" + JobParameters.RUN_DATE + " '" + value
          + "': expected an ISO date (yyyy-MM-dd)", e);
    }
  }

  private static Set<OutputFormat> parseFormats(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_FORMATS;
    }
    Set<OutputFormat> formats = EnumSet.noneOf(OutputFormat.class);
    for (String part : value.split(",", -1)) {
      String name = part.trim().toLowerCase(Locale.ROOT);
      OutputFormat format = null;
      for (OutputFormat candidate : OutputFormat.values()) {
        if (candidate.argumentName().equals(name)) {
          format = candidate;
        }
      }
      if (format == null) {
        throw new IllegalArgumentException("Invalid --" + JobParameters.FORMATS + " '" + value
            + "': unknown format '" + part.trim() + "'; expected a comma list of "
            + java.util.Arrays.stream(OutputFormat.values()).map(OutputFormat::argumentName)
                .collect(Collectors.joining(", ")));
      }
      formats.add(format);
    }
    return formats;
  }

  /** The lake root as given (trimmed): {@code s3://...}, {@code s3a://...}, {@code file:...} or a local path. */
  public String lakeRoot() {
    return lakeRoot;
  }

  /** Catalog database of the Iceberg tables. */
  public String database() {
    return database;
  }

  /** Snapshot date of loose raw files whose name holds no date. */
  public LocalDate runDate() {
    return runDate;
  }

  /** Output formats, at least one. */
  public Set<OutputFormat> formats() {
    return formats;
  }

  /** Raw files larger than this many bytes are rejected unread. */
  public long maxRawFileBytes() {
    return maxRawFileBytes;
  }

  /** Run folders without a manifest whose newest file is older than this are rejected. */
  public Duration incompleteRunMaxAge() {
    return incompleteRunMaxAge;
  }

  /** True when {@code format} is among {@link #formats()}. */
  public boolean writes(OutputFormat format) {
    return formats.contains(format);
  }

  /** These arguments in Glue style, e.g. for spark-submit or {@code SpotifyEtlJob.main}. */
  public List<String> toArgs() {
    List<String> args = new ArrayList<>();
    args.add("--" + JobParameters.LAKE_ROOT);
    args.add(lakeRoot);
    args.add("--" + JobParameters.RUN_DATE);
    args.add(runDate.toString());
    args.add("--" + JobParameters.FORMATS);
    args.add(formats.stream().map(OutputFormat::argumentName).collect(Collectors.joining(",")));
    args.add("--" + JobParameters.MAX_RAW_FILE_BYTES);
    args.add(Long.toString(maxRawFileBytes));
    args.add("--" + JobParameters.INCOMPLETE_RUN_MAX_AGE_HOURS);
    args.add(Long.toString(incompleteRunMaxAge.toHours()));
    args.add("--" + JobParameters.DATABASE);
    args.add(database);
    return args;
  }

  @Override
  public String toString() {
    return String.join(" ", toArgs());
  }
}
