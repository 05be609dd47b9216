package io.github.spotifylakehouse.etl.job;

import io.github.spotifylakehouse.lake.OutputFormat;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.spotifylakehouse.etl.schema.SkipKind;
import io.github.spotifylakehouse.lake.LakeTable;
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
 * What one run of the job did: files read, rejected and left alone, entries skipped by kind, rows per
 * table, dates written, and how long each phase took. Logged at the end of a run and written as JSON under
 * {@link LakeTable#SUMMARY_PREFIX}.
 */
public final class JobSummary {

  /** Phase names used in {@link #phaseMillis()}, in run order. */
  public static final String PHASE_LIST = "list";
  public static final String PHASE_PARSE = "parse";
  public static final String PHASE_TRANSFORM = "transform";
  public static final String PHASE_WRITE_CSV = writePhase(OutputFormat.CSV);
  public static final String PHASE_WRITE_ICEBERG = writePhase(OutputFormat.ICEBERG);
  public static final String PHASE_MOVE = "move";

  private final String lakeRoot;
  private final LocalDate runDate;
  private final List<OutputFormat> formats;
  private final Instant startedAt;
  private final Instant finishedAt;
  private final int filesRead;
  private final long bytesRead;
  private final long entriesRead;
  private final List<RejectedFile> rejectedFiles;
  private final List<String> incompleteRuns;
  private final int filesInIncompleteRuns;
  private final List<String> unrecognizedFiles;
  private final Map<SkipKind, Long> skippedEntries;
  private final Map<LakeTable, Long> rows;
  private final List<LocalDate> datesWritten;
  private final int filesMoved;
  private final Map<String, Long> phaseMillis;
  private final String summaryLocation;

  private JobSummary(String lakeRoot, LocalDate runDate, List<OutputFormat> formats, Instant startedAt,
                     Instant finishedAt, int filesRead, long bytesRead, long entriesRead, List<RejectedFile> rejectedFiles,
                     List<String> incompleteRuns, int filesInIncompleteRuns, List<String> unrecognizedFiles,
                     Map<SkipKind, Long> skippedEntries, Map<LakeTable, Long> rows, List<LocalDate> datesWritten,
                     int filesMoved, Map<String, Long> phaseMillis, String summaryLocation) {
    this.lakeRoot = lakeRoot;
    this.runDate = runDate;
    this.formats = List.copyOf(formats);
    this.startedAt = startedAt;
    this.finishedAt = finishedAt;
    this.filesRead = filesRead;
    this.bytesRead = bytesRead;
    this.entriesRead = entriesRead;
    this.rejectedFiles = List.copyOf(rejectedFiles);
    this.incompleteRuns = List.copyOf(incompleteRuns);
    this.filesInIncompleteRuns = filesInIncompleteRuns;
    this.unrecognizedFiles = List.copyOf(unrecognizedFiles);
    EnumMap<SkipKind, Long> skipped = new EnumMap<>(SkipKind.class);
    for (SkipKind kind : SkipKind.values()) {
      skipped.put(kind, skippedEntries.getOrDefault(kind, 0L));
    }
    this.skippedEntries = Collections.unmodifiableMap(skipped);
    EnumMap<LakeTable, Long> tableRows = new EnumMap<>(LakeTable.class);
    for (LakeTable table : LakeTable.values()) {
      tableRows.put(table, rows.getOrDefault(table, 0L));
    }
    this.rows = Collections.unmodifiableMap(tableRows);
    this.datesWritten = List.copyOf(datesWritten);
    this.filesMoved = filesMoved;
    this.phaseMillis = Collections.unmodifiableMap(new LinkedHashMap<>(phaseMillis));
    this.summaryLocation = summaryLocation;
  }

  /**
   * The summary of a run, from what its stages returned; a stage that did not run is null.
   */
  static JobSummary assemble(JobArguments args, Instant startedAt, Instant finishedAt, PlanStage.Planned planned,
                             ParseStage.Parsed parsed, BuildStage.Built built, PublishStage.Published published,
                             MoveStage.Moved moved) {
    Map<String, Long> phases = new LinkedHashMap<>();
    phases.put(PHASE_LIST, planned.millis());
    ParseStage.FileTally tally = parsed == null ? null : parsed.tally();
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
    var inventory = planned.inventory();
    return new JobSummary(args.lakeRoot(), args.runDate(), List.copyOf(args.formats()), startedAt, finishedAt,
        tally == null ? 0 : tally.filesRead(), tally == null ? 0 : tally.bytesRead(),
        tally == null ? 0 : tally.entriesRead(), moved == null ? List.of() : moved.rejected(),
        inventory.incompleteRuns(), inventory.filesInIncompleteRuns(), inventory.unrecognized(),
        tally == null ? Map.of() : tally.skippedEntries(), built == null ? Map.of() : built.rows(),
        published == null ? List.of() : published.dates(), moved == null ? 0 : moved.filesMoved(), phases, null);
  }

  /** The phase name of writing {@code format}: {@code write_csv}, {@code write_parquet}, ... */
  static String writePhase(OutputFormat format) {
    return "write_" + format.argumentName();
  }

  /** The lake root the job ran on, as given. */
  public String lakeRoot() {
    return lakeRoot;
  }

  public LocalDate runDate() {
    return runDate;
  }

  public List<OutputFormat> formats() {
    return formats;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Instant finishedAt() {
    return finishedAt;
  }

  /** Wall time of {@link EtlJob#run}. */
  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }

  /** Raw files parsed successfully (pages of complete runs and loose files, new and already processed). */
  public int filesRead() {
    return filesRead;
  }

  /** Bytes of all raw files the job opened (read and rejected). */
  public long bytesRead() {
    return bytesRead;
  }

  /** Playlist entries found in the files read, skipped ones included. */
  public long entriesRead() {
    return entriesRead;
  }

  /** Files moved to {@code raw_data/rejected/} in this run. */
  public int filesRejected() {
    return rejectedFiles.size();
  }

  /** The rejected files (relative to the lake root) and why. */
  public List<RejectedFile> rejectedFiles() {
    return rejectedFiles;
  }

  /** Files left alone in {@code raw_data/to_process/}: pages of incomplete runs and unrecognized files. */
  public int filesSkipped() {
    return filesInIncompleteRuns + unrecognizedFiles.size();
  }

  /** Run folders without a manifest (still being written, or their extraction failed), left alone. */
  public List<String> incompleteRuns() {
    return incompleteRuns;
  }

  /** Files under {@code raw_data/to_process/} that fit no raw layout, left alone. */
  public List<String> unrecognizedFiles() {
    return unrecognizedFiles;
  }

  /** Entries that produced no rows, per kind (every kind present, zero when none). */
  public Map<SkipKind, Long> skippedEntries() {
    return skippedEntries;
  }

  public long skippedEntries(SkipKind kind) {
    return skippedEntries.get(kind);
  }

  /** Rows written per table, over all dates written (every table present, zero when none). */
  public Map<LakeTable, Long> rows() {
    return rows;
  }

  public long rows(LakeTable table) {
    return rows.get(table);
  }

  /** Snapshot dates whose partitions this run (re)wrote, ascending. */
  public List<LocalDate> datesWritten() {
    return datesWritten;
  }

  /** Files moved from {@code raw_data/to_process/} to {@code raw_data/processed/}. */
  public int filesMoved() {
    return filesMoved;
  }

  /** Milliseconds per phase ({@link #PHASE_LIST}, {@link #PHASE_PARSE}, ...), in run order. */
  public Map<String, Long> phaseMillis() {
    return phaseMillis;
  }

  /** Where the JSON summary was written (full path), or null before it is written. */
  public String summaryLocation() {
    return summaryLocation;
  }

  JobSummary withSummaryLocation(String location) {
    return new JobSummary(lakeRoot, runDate, formats, startedAt, finishedAt, filesRead, bytesRead, entriesRead,
        rejectedFiles, incompleteRuns, filesInIncompleteRuns, unrecognizedFiles, skippedEntries, rows, datesWritten,
        filesMoved, phaseMillis, location);
  }

  /** The summary as one JSON object (the document written under {@link LakeTable#SUMMARY_PREFIX}). */
  public String toJson() {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("job", "spotify-lakehouse-etl");
      json.writeStringField("lake_root", lakeRoot);
      json.writeStringField("run_date", runDate.toString());
      json.writeArrayFieldStart("formats");
      for (OutputFormat format : formats) {
        json.writeString(format.argumentName());
      }
      json.writeEndArray();
      json.writeStringField("started_at", startedAt.toString());
      json.writeStringField("finished_at", finishedAt.toString());
      json.writeNumberField("files_read", filesRead);
      json.writeNumberField("bytes_read", bytesRead);
      json.writeNumberField("entries_read", entriesRead);
      json.writeNumberField("files_rejected", rejectedFiles.size());
      json.writeArrayFieldStart("rejected");
      for (RejectedFile rejected : rejectedFiles) {
        json.writeStartObject();
        json.writeStringField("file", rejected.file());
        json.writeStringField("reason", rejected.reason());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeNumberField("files_skipped", filesSkipped());
      writeStrings(json, "incomplete_runs", incompleteRuns);
      writeStrings(json, "unrecognized_files", unrecognizedFiles);
      json.writeObjectFieldStart("skipped_entries");
      for (Map.Entry<SkipKind, Long> e : skippedEntries.entrySet()) {
        json.writeNumberField(e.getKey().key(), e.getValue());
      }
      json.writeEndObject();
      json.writeObjectFieldStart("rows");
      for (Map.Entry<LakeTable, Long> e : rows.entrySet()) {
        json.writeNumberField(e.getKey().tableName(), e.getValue());
      }
      json.writeEndObject();
      json.writeArrayFieldStart("dates_written");
      for (LocalDate date : datesWritten) {
        json.writeString(date.toString());
      }
      json.writeEndArray();
      json.writeNumberField("files_moved", filesMoved);
      json.writeObjectFieldStart("phases_ms");
      for (Map.Entry<String, Long> e : phaseMillis.entrySet()) {
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
    return "JobSummary{filesRead=" + filesRead + ", filesRejected=" + rejectedFiles.size()
        + ", filesSkipped=" + filesSkipped() + ", entriesRead=" + entriesRead + ", skipped=" + skippedEntries
        + ", rows=" + rows + ", datesWritten=" + datesWritten + ", filesMoved=" + filesMoved
        + ", phasesMs=" + phaseMillis + "}";
  }

  /**
   * A raw file the job could not read.
   *
   * @param file path relative to the lake root, where it was found
   * @param reason why, naming the field when one is at fault
   */
  public record RejectedFile(String file, String reason) {
    public RejectedFile {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
