package io.github.spotifylakehouse.etl.job;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.spotifylakehouse.etl.io.RawInventory;
import io.github.spotifylakehouse.etl.schema.SkipKind;
import io.github.spotifylakehouse.lake.JobOutcome;
import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.OutputFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one run of the job did: how it ended, files read, rejected and left alone, runs rejected whole,
 * entries skipped by kind, rows per table, dates written, and how long each phase took. Logged at the end of
 * a run and written as JSON under its outcome's {@link JobOutcome#summaryPrefix()} (all of them under
 * {@link LakeTable#SUMMARY_PREFIX}).
 */
public final class JobSummary {

  /** Phase names used in {@link #phaseMillis()}, in run order. */
  public static final String PHASE_LIST = "list";
  public static final String PHASE_PARSE = "parse";
  /**
   * Computing and keeping the song versions that four tables share. The tables themselves are computed as they
   * are written, so their work is in the write phases; this phase runs inside the first write phase (while
   * {@code playlist_track} and {@code playlist} are written) and overlaps it.
   */
  public static final String PHASE_TRANSFORM = "transform";
  public static final String PHASE_WRITE_CSV = writePhase(OutputFormat.CSV);
  public static final String PHASE_WRITE_ICEBERG = writePhase(OutputFormat.ICEBERG);
  public static final String PHASE_MOVE = "move";

  /** What the run was asked to do and how it ended. */
  private record Run(String lakeRoot, LocalDate runDate, List<OutputFormat> formats, Instant startedAt,
                     Instant finishedAt, JobOutcome outcome, String failure) {
  }

  /** What the run found, read, wrote and moved. */
  private record Counts(int filesRead, long bytesRead, long entriesRead, List<RejectedFile> rejectedFiles,
                        List<RejectedRun> rejectedRuns, List<String> incompleteRuns, int filesInIncompleteRuns,
                        List<String> unrecognizedFiles, Map<SkipKind, Long> skippedEntries, Map<LakeTable, Long> rows,
                        List<LocalDate> datesWritten, int filesMoved, Map<String, Long> phaseMillis) {
  }

  private final Run run;
  private final Counts counts;
  private final String summaryLocation;

  private JobSummary(Run run, Counts counts, String summaryLocation) {
    this.run = run;
    this.counts = counts;
    this.summaryLocation = summaryLocation;
  }

  /**
   * The summary of a run, from what its stages returned; a stage that did not run (or did not finish) is null.
   *
   * @param failure why the run failed, or null
   */
  static JobSummary assemble(JobArguments args, Instant startedAt, Instant finishedAt, JobOutcome outcome,
                             String failure, PlanStage.Planned planned, ParseStage.Parsed parsed, Verdict verdict,
                             BuildStage.Built built, PublishStage.Published published, MoveStage.Moved moved) {
    Map<String, Long> phases = new LinkedHashMap<>();
    if (planned != null) {
      phases.put(PHASE_LIST, planned.millis());
    }
    ParseStage.FileTally tally = parsed == null ? ParseStage.FileTally.NONE : parsed.tally();
    if (parsed != null) {
      phases.put(PHASE_PARSE, parsed.millis());
    }
    if (built != null) {
      phases.put(PHASE_TRANSFORM, built.millis());
    }
    if (published != null) {
      published.formatMillis().forEach((format, millis) -> phases.put(writePhase(format), millis));
    }
    if (moved != null) {
      phases.put(PHASE_MOVE, moved.millis());
    }
    List<RejectedFile> rejected = verdict == null ? List.of() : verdict.rejections().stream()
        .map(r -> new RejectedFile(r.file().lakePath(), r.reason())).toList();
    RawInventory inventory = planned == null ? null : planned.inventory();
    List<RejectedRun> rejectedRuns = inventory == null ? List.of() : inventory.rejectedRuns().stream()
        .map(r -> new RejectedRun(r.run(), r.reason(), r.files().size())).toList();

    EnumMap<SkipKind, Long> skipped = new EnumMap<>(SkipKind.class);
    for (SkipKind kind : SkipKind.values()) {
      skipped.put(kind, tally.skippedEntries().getOrDefault(kind, 0L));
    }
    EnumMap<LakeTable, Long> rows = new EnumMap<>(LakeTable.class);
    for (LakeTable table : LakeTable.values()) {
      rows.put(table, published == null ? 0L : published.rows().getOrDefault(table, 0L));
    }
    Counts counts = new Counts(tally.filesRead(), tally.bytesRead(), tally.entriesRead(), rejected, rejectedRuns,
        inventory == null ? List.of() : inventory.incompleteRuns(),
        inventory == null ? 0 : inventory.filesInIncompleteRuns(),
        inventory == null ? List.of() : inventory.unrecognized(), Collections.unmodifiableMap(skipped),
        Collections.unmodifiableMap(rows), published == null ? List.of() : published.dates(),
        moved == null ? 0 : moved.filesMoved(), Collections.unmodifiableMap(phases));
    return new JobSummary(new Run(args.lakeRoot(), args.runDate(), List.copyOf(args.formats()), startedAt,
        finishedAt, outcome, failure), counts, null);
  }

  /** The phase name of writing {@code format}: {@code write_csv}, {@code write_parquet}, ... */
  static String writePhase(OutputFormat format) {
    return "write_" + format.argumentName();
  }

  /** How the run ended. */
  public JobOutcome outcome() {
    return run.outcome();
  }

  /** Why the run {@link JobOutcome#FAILED failed}; null when it did not. */
  public String failure() {
    return run.failure();
  }

  /** The lake root the job ran on, as given. */
  public String lakeRoot() {
    return run.lakeRoot();
  }

  public LocalDate runDate() {
    return run.runDate();
  }

  public List<OutputFormat> formats() {
    return run.formats();
  }

  public Instant startedAt() {
    return run.startedAt();
  }

  public Instant finishedAt() {
    return run.finishedAt();
  }

  /** Wall time of {@link EtlJob#run}. */
  public Duration duration() {
    return Duration.between(run.startedAt(), run.finishedAt());
  }

  /** Raw files parsed successfully (pages of complete runs and loose files, new and already processed). */
  public int filesRead() {
    return counts.filesRead();
  }

  /** Bytes of all raw files the job opened (read and rejected). */
  public long bytesRead() {
    return counts.bytesRead();
  }

  /** Playlist entries found in the files read, skipped ones included. */
  public long entriesRead() {
    return counts.entriesRead();
  }

  /** Files quarantined in {@code raw_data/rejected/} in this run (a failed run names them but moves none). */
  public int filesRejected() {
    return counts.rejectedFiles().size();
  }

  /** The rejected files (relative to the lake root, where they were found) and why; runs rejected whole included. */
  public List<RejectedFile> rejectedFiles() {
    return counts.rejectedFiles();
  }

  /** Runs rejected whole: a manifest that does not match its pages, or an incomplete run too old to wait for. */
  public List<RejectedRun> rejectedRuns() {
    return counts.rejectedRuns();
  }

  /** Files left alone in {@code raw_data/to_process/}: pages of incomplete runs and unrecognized files. */
  public int filesSkipped() {
    return counts.filesInIncompleteRuns() + counts.unrecognizedFiles().size();
  }

  /** Run folders without a manifest (still being written), left alone until they are too old. */
  public List<String> incompleteRuns() {
    return counts.incompleteRuns();
  }

  /** Raw files that fit no raw layout, left alone. */
  public List<String> unrecognizedFiles() {
    return counts.unrecognizedFiles();
  }

  /** Entries that produced no rows, per kind (every kind present, zero when none). */
  public Map<SkipKind, Long> skippedEntries() {
    return counts.skippedEntries();
  }

  public long skippedEntries(SkipKind kind) {
    return counts.skippedEntries().get(kind);
  }

  /** Rows written per table, over all dates written (every table present, zero when none). */
  public Map<LakeTable, Long> rows() {
    return counts.rows();
  }

  public long rows(LakeTable table) {
    return counts.rows().get(table);
  }

  /** Snapshot dates whose partitions this run (re)wrote, ascending. */
  public List<LocalDate> datesWritten() {
    return counts.datesWritten();
  }

  /** Files moved from {@code raw_data/to_process/} to {@code raw_data/processed/}. */
  public int filesMoved() {
    return counts.filesMoved();
  }

  /** Milliseconds per phase ({@link #PHASE_LIST}, {@link #PHASE_PARSE}, ...), in run order. */
  public Map<String, Long> phaseMillis() {
    return counts.phaseMillis();
  }

  /** Where the JSON summary was written (full path), or null before it is written. */
  public String summaryLocation() {
    return summaryLocation;
  }

  JobSummary withSummaryLocation(String location) {
    return new JobSummary(run, counts, location);
  }

  /** The summary as one JSON object (the document written under {@link JobOutcome#summaryPrefix()}). */
  public String toJson() {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("job", "spotify-lakehouse-etl");
      json.writeStringField("outcome", run.outcome().label());
      if (run.failure() != null) {
        json.writeStringField("failure", run.failure());
      }
      json.writeStringField("lake_root", run.lakeRoot());
      json.writeStringField("run_date", run.runDate().toString());
      json.writeArrayFieldStart("formats");
      for (OutputFormat format : run.formats()) {
        json.writeString(format.argumentName());
      }
      json.writeEndArray();
      json.writeStringField("started_at", run.startedAt().toString());
      json.writeStringField("finished_at", run.finishedAt().toString());
      json.writeNumberField("files_read", counts.filesRead());
      json.writeNumberField("bytes_read", counts.bytesRead());
      json.writeNumberField("entries_read", counts.entriesRead());
      json.writeNumberField("files_rejected", counts.rejectedFiles().size());
      json.writeArrayFieldStart("rejected");
      for (RejectedFile rejected : counts.rejectedFiles()) {
        json.writeStartObject();
        json.writeStringField("file", rejected.file());
        json.writeStringField("reason", rejected.reason());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("rejected_runs");
      for (RejectedRun rejected : counts.rejectedRuns()) {
        json.writeStartObject();
        json.writeStringField("run", rejected.run());
        json.writeStringField("reason", rejected.reason());
        json.writeNumberField("files", rejected.files());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeNumberField("files_skipped", filesSkipped());
      writeStrings(json, "incomplete_runs", counts.incompleteRuns());
      writeStrings(json, "unrecognized_files", counts.unrecognizedFiles());
      json.writeObjectFieldStart("skipped_entries");
      for (Map.Entry<SkipKind, Long> e : counts.skippedEntries().entrySet()) {
        json.writeNumberField(e.getKey().key(), e.getValue());
      }
      json.writeEndObject();
      json.writeObjectFieldStart("rows");
      for (Map.Entry<LakeTable, Long> e : counts.rows().entrySet()) {
        json.writeNumberField(e.getKey().tableName(), e.getValue());
      }
      json.writeEndObject();
      json.writeArrayFieldStart("dates_written");
      for (LocalDate date : counts.datesWritten()) {
        json.writeString(date.toString());
      }
      json.writeEndArray();
      json.writeNumberField("files_moved", counts.filesMoved());
      json.writeObjectFieldStart("phases_ms");
      for (Map.Entry<String, Long> e : counts.phaseMillis().entrySet()) {
        json.writeNumberField(e.getKey(), e.getValue());
      }
      json.writeEndObject();
      json.writeNumberField("duration_ms", duration().toMillis());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot render the job summary as JSON", e);
    }
    return out.toString();
  }

  private static void writeStrings(JsonGenerator json, String name, List<String> values) throws IOException {
    json.writeArrayFieldStart(name);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  @Override
  public String toString() {
    return "JobSummary{outcome=" + run.outcome().label() + ", filesRead=" + counts.filesRead()
        + ", filesRejected=" + counts.rejectedFiles().size() + ", runsRejected=" + counts.rejectedRuns().size()
        + ", filesSkipped=" + filesSkipped() + ", entriesRead=" + counts.entriesRead()
        + ", skipped=" + counts.skippedEntries() + ", rows=" + counts.rows() + ", datesWritten="
        + counts.datesWritten() + ", filesMoved=" + counts.filesMoved() + ", phasesMs=" + counts.phaseMillis()
        + (run.failure() == null ? "" : ", failure=" + run.failure()) + "}";
  }

  /**
   * A raw file the job could not use.
   *
   * @param file path relative to the lake root, where it was found
   * @param reason why, naming the field, position or page at fault
   */
  public record RejectedFile(String file, String reason) {
    public RejectedFile {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * A run folder rejected whole.
   *
   * @param run the run folder, relative to the lake root
   * @param reason why
   * @param files how many of its files went to {@code rejected/} (each is also a {@link RejectedFile})
   */
  public record RejectedRun(String run, String reason, int files) {
  }
}
