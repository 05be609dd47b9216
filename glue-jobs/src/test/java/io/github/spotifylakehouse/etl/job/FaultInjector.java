package io.github.spotifylakehouse.etl.job;

import io.github.spotifylakehouse.etl.LakeTables;
import io.github.spotifylakehouse.etl.RawLake;
import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.OutputFormat;
import io.github.spotifylakehouse.lake.RawLayout;
import io.github.spotifylakehouse.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Row;

/**
 * Stops a run at a stage boundary, as a crash would: after the n-th table written, or after the n-th raw file
 * moved. Also the lake the crash tests run on, and how they compare lakes.
 */
final class FaultInjector implements StageListener {

  static final LocalDate DAY = LocalDate.of(2026, 11, 21);
  static final LocalDate NEXT_DAY = DAY.plusDays(1);

  private final int afterTables;
  private final int afterMoves;
  private final AtomicInteger tables = new AtomicInteger();
  private final AtomicInteger moves = new AtomicInteger();

  private FaultInjector(int afterTables, int afterMoves) {
    this.afterTables = afterTables;
    this.afterMoves = afterMoves;
  }

  /** Stops the run once {@code n} tables (table and format pairs) are written. */
  static FaultInjector afterTables(int n) {
    return new FaultInjector(n, -1);
  }

  /** Stops the run once {@code n} raw files have moved. */
  static FaultInjector afterMoves(int n) {
    return new FaultInjector(-1, n);
  }

  @Override
  public void tableWritten(LakeTable table, OutputFormat format) {
    if (tables.incrementAndGet() == afterTables) {
      throw new InjectedFault("after " + afterTables + " table(s), the last " + table.tableName() + " as "
          + format.argumentName());
    }
  }

  @Override
  public void fileMoved(String lakePath) {
    if (moves.incrementAndGet() == afterMoves) {
      throw new InjectedFault("after " + afterMoves + " raw file move(s), the last " + lakePath);
    }
  }

  /** The crash. */
  static final class InjectedFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedFault(String where) {
      super("injected fault " + where);
    }
  }

  /**
   * Lands the crash tests' raw files: two days, three runs of the extractor (one with a corrupt page), an
   * incomplete run, and a loose file.
   */
  static void land(RawLake lake) {
    List<String> ids = lake.catalog().playlistIds(2);
    lake.syntheticRun(DAY, ids.get(0), "20261121T060000Z-0000000a", 280, true);
    List<Path> runB = lake.syntheticRun(DAY, ids.get(1), "20261121T061000Z-0000000b", 180, true);
    try {
      Files.writeString(runB.get(1), "{\"href\": \"https://api.spotify.com/v1/playlists/x/items\", \"items\": [{");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    lake.write(RawLayout.TO_PROCESS + "spotify_raw_20261121T101500.json", Fixtures.bytes(Fixtures.JAVA_ITEMS));
    lake.syntheticRun(NEXT_DAY, ids.get(0), "20261122T060000Z-0000000c", 150, true);
    lake.syntheticRun(NEXT_DAY, ids.get(1), "20261122T061000Z-0000000d", 150, false);
  }

  /** Every table in every format, row by row in a fixed order, as a catalog reader sees them. */
  static Map<String, List<String>> tables(String lakeRoot) {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    for (OutputFormat format : OutputFormat.values()) {
      for (LakeTable table : LakeTable.values()) {
        List<String> rows = new ArrayList<>();
        for (Row row : LakeTables.read(lakeRoot, table, format).collectAsList()) {
          rows.add(row.toString());
        }
        rows.sort(null);
        tables.put(table.tableName() + " as " + format.argumentName(), rows);
      }
    }
    return tables;
  }
}
