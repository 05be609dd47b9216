package io.github.spotifylakehouse.workflow.steps;

import io.github.spotifylakehouse.etl.io.Parallel;
import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.workflow.PipelineStep;
import io.github.spotifylakehouse.workflow.catalog.LocalCatalog;
import io.github.spotifylakehouse.workflow.s3.S3Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Catalog: what the Glue crawler does in AWS. Registers every table's CSV copy in the local metastore over the
 * job's CSV output with its partitions, and shows the Iceberg tables the job registered (the ones the queries
 * read).
 */
final class CatalogStep implements LocalStep {

  @Override
  public PipelineStep id() {
    return PipelineStep.CATALOG;
  }

  /** How long the Iceberg tables' listing may take (six small metadata queries). */
  private static final Duration LIST_TIMEOUT = Duration.ofMinutes(5);

  @Override
  public void run(StepContext context) throws Exception {
    S3Endpoint lake = context.lake();
    Console console = context.console();
    var spark = context.spark();
    LocalCatalog catalog = new LocalCatalog(spark, LocalCatalog.DEFAULT_DATABASE);
    long start = System.nanoTime();
    catalog.createDatabase();
    console.detail("metastore %s (embedded Derby) open, database %s (%s)", context.config().metastoreDir(),
        catalog.database(), Console.duration(Duration.ofNanos(System.nanoTime() - start)));
    // the Iceberg tables are listed while the CSV copies are registered (two catalogs, each with its own lock)
    FutureTask<Map<LakeTable, List<String>>> iceberg = Parallel.start("iceberg-partitions", () -> {
      Map<LakeTable, List<String>> dates = new EnumMap<>(LakeTable.class);
      for (LakeTable table : LakeTable.values()) {
        dates.put(table, catalog.icebergPartitions(table));
      }
      return dates;
    });
    List<String> csvLines = new ArrayList<>();
    int partitioned = 0;
    for (LakeTable table : LakeTable.values()) {
      start = System.nanoTime();
      LocalCatalog.CatalogTable registered = catalog.register(table, lake.lakeRoot());
      List<String> partitions = registered.partitions();
      if (!partitions.isEmpty()) {
        partitioned++;
      }
      csvLines.add(String.format("  %-18s CSV,     %s  %s (%s)", table.csvTableName(), describe(partitions),
          registered.location(), Console.duration(Duration.ofNanos(System.nanoTime() - start))));
    }
    Map<LakeTable, List<String>> icebergDates;
    try {
      icebergDates = iceberg.get(LIST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    for (LakeTable table : LakeTable.values()) {
      console.detail("  %-18s Iceberg, %s", table.tableName(), describe(icebergDates.get(table)));
    }
    csvLines.forEach(line -> console.detail("%s", line));
    if (partitioned == 0) {
      throw new IllegalStateException("no partitions found under " + lake.lakeRoot() + "/"
          + LakeTable.TRANSFORMED_ROOT + ": run the transform step first");
    }
  }

  /** {@code N partitions (first .. last)}, aligned. */
  private static String describe(List<String> dates) {
    return String.format("%3d partition%s%s", dates.size(), dates.size() == 1 ? " " : "s",
        dates.isEmpty() ? "" : " (" + dates.get(0) + (dates.size() > 1 ? " .. " + dates.get(dates.size() - 1) : "")
            + ")");
  }
}
