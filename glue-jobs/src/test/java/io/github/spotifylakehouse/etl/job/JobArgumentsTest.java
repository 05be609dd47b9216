package io.github.spotifylakehouse.etl.job;

import io.github.spotifylakehouse.lake.OutputFormat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.spotifylakehouse.lake.JobParameters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class JobArgumentsTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T23:30:00Z"), ZoneOffset.UTC);

  @Test
  void readsGlueStyleArgumentsIgnoringGluesOwn() {
    JobArguments args = JobArguments.parse(CLOCK, "--JOB_ID", "j_123", "--lake-root", "s3://lake-bucket/prefix",
        "--JOB_RUN_ID", "jr_abc", "--job-bookmark-option", "job-bookmark-disable", "--enable-metrics",
        "--run-date", "2026-11-20", "--formats", "csv,iceberg", "--JOB_NAME", "spotify-etl", "--TempDir",
        "s3://tmp/");

    assertThat(args.lakeRoot()).isEqualTo("s3://lake-bucket/prefix");
    assertThat(args.runDate()).isEqualTo(LocalDate.of(2026, 11, 20));
    assertThat(args.formats()).containsExactly(OutputFormat.CSV, OutputFormat.ICEBERG);
    assertThat(args.writes(OutputFormat.ICEBERG)).isTrue();
  }

  @Test
  void defaultsToTodayInUtcAndCsv() {
    JobArguments args = JobArguments.parse(CLOCK, "--lake-root", "/data/lake");

    assertThat(args.runDate()).isEqualTo(LocalDate.of(2026, 11, 21));
    assertThat(args.formats()).containsExactly(OutputFormat.CSV);
    assertThat(JobArguments.parse(CLOCK, "--lake-root", "/data/lake", "--run-date", " ", "--formats", "")
        .formats()).containsExactly(OutputFormat.CSV);
  }

  @Test
  void acceptsNameEqualsValueAndEveryKindOfRoot() {
    assertThat(JobArguments.parse(CLOCK, "--lake-root=s3a://bucket", "--formats=ICEBERG").formats())
        .containsExactly(OutputFormat.ICEBERG);
    assertThat(JobArguments.parse(CLOCK, "--lake-root", "file:/tmp/lake").lakeRoot()).isEqualTo("file:/tmp/lake");
    assertThat(JobArguments.parse(CLOCK, "--lake-root", "relative/lake").lakeRoot()).isEqualTo("relative/lake");
  }

  @Test
  void aMissingLakeRootIsNamed() {
    assertThatThrownBy(() -> JobArguments.parse(CLOCK, "--JOB_NAME", "x", "--formats", "csv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Missing required argument --lake-root");
    assertThatThrownBy(() -> JobArguments.parse(CLOCK, "--lake-root", "--formats", "csv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Missing value for argument --lake-root");
    assertThatThrownBy(() -> JobArguments.parse(CLOCK, "--lake-root"))
        .hasMessage("Missing value for argument --lake-root");
  }

  @Test
  void invalidValuesAreNamedWithTheValue() {
    assertThatThrownBy(() -> JobArguments.parse(CLOCK, "--lake-root", "/l", "--run-date", "21/11/2026"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid --run-date '21/11/2026': expected an ISO date (yyyy-MM-dd)");
    assertThatThrownBy(() -> JobArguments.parse(CLOCK, "--lake-root", "/l", "--formats", "csv,avro"))
        .hasMessage("Invalid --formats 'csv,avro': unknown format 'avro'; expected a comma list of csv, iceberg");
    assertThatThrownBy(() -> JobArguments.parse(CLOCK, "--lake-root", "hdfs://nn/lake"))
        .hasMessage("Invalid --lake-root 'hdfs://nn/lake': unsupported scheme 'hdfs'; expected s3://, s3a://, file: "
            + "or a local path");
    assertThatThrownBy(() -> JobArguments.parse(CLOCK, "--lake-root", "s3://"))
        .hasMessage("Invalid --lake-root 's3://': expected s3://bucket[/prefix] or s3a://bucket[/prefix]");
  }

  @Test
  void repeatedOrStrayArgumentsAreNamed() {
    assertThatThrownBy(() -> JobArguments.parse(CLOCK, "--lake-root", "/a", "--lake-root", "/b"))
        .hasMessage("Argument --lake-root is given more than once");
    assertThatThrownBy(() -> JobArguments.parse(CLOCK, "--lake-root", "/a", "stray"))
        .hasMessageStartingWith("Unexpected argument 'stray'");
  }

  @Test
  void roundTripsThroughItsArguments() {
    JobArguments args = JobArguments.of("s3://b/p", LocalDate.of(2026, 1, 2), EnumSet.of(OutputFormat.ICEBERG))
        .withDatabase("my_lake");

    JobArguments again = JobArguments.parse(CLOCK, args.toArgs().toArray(new String[0]));

    assertThat(again.lakeRoot()).isEqualTo("s3://b/p");
    assertThat(again.runDate()).isEqualTo(LocalDate.of(2026, 1, 2));
    assertThat(again.formats()).containsExactly(OutputFormat.ICEBERG);
    assertThat(again.database()).isEqualTo("my_lake");
    assertThat(JobArguments.parse(CLOCK, "--lake-root", "/l").database()).isEqualTo("spotify_lakehouse");
    assertThatThrownBy(() -> JobArguments.parse(CLOCK, "--lake-root", "/l", "--database", "My-Lake"))
        .hasMessageStartingWith("Invalid --database 'My-Lake'");
    assertThatThrownBy(() -> JobArguments.of("/l", LocalDate.of(2026, 1, 2), EnumSet.noneOf(OutputFormat.class)))
        .hasMessage("Invalid --formats: at least one format is needed");
  }

  @Test
  void readsTheLimitsWithTheirDefaults() {
    JobArguments defaults = JobArguments.parse(CLOCK, "--lake-root", "/l");
    assertThat(defaults.maxRawFileBytes()).isEqualTo(JobParameters.DEFAULT_MAX_RAW_FILE_BYTES).isEqualTo(32L << 20);
    assertThat(defaults.incompleteRunMaxAge()).isEqualTo(Duration.ofHours(24));

    JobArguments set = JobArguments.parse(CLOCK, "--lake-root", "/l", "--" + JobParameters.MAX_RAW_FILE_BYTES, "1000",
        "--" + JobParameters.INCOMPLETE_RUN_MAX_AGE_HOURS, "6");
    assertThat(set.maxRawFileBytes()).isEqualTo(1000);
    assertThat(set.incompleteRunMaxAge()).isEqualTo(Duration.ofHours(6));
    assertThat(JobArguments.parse(CLOCK, set.toArgs().toArray(new String[0])).incompleteRunMaxAge())
        .isEqualTo(Duration.ofHours(6));

    assertThatThrownBy(() -> JobArguments.parse(CLOCK, "--lake-root", "/l", "--max-raw-file-bytes", "0"))
        .hasMessage("Invalid --max-raw-file-bytes '0': expected a number of bytes greater than 0");
    assertThatThrownBy(() -> JobArguments.parse(CLOCK, "--lake-root", "/l", "--incomplete-run-max-age-hours", "1.5"))
        .hasMessage("Invalid --incomplete-run-max-age-hours '1.5': expected a whole number of hours greater than 0");
  }

  @Test
  void mainChecksItsArgumentsBeforeStartingSpark() {
    assertThatThrownBy(() -> SpotifyEtlJob.main(new String[] {"--formats", "csv"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--lake-root");
  }
}
