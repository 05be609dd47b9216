package io.github.spotifylakehouse.workflow.steps;

import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.workflow.PipelineStep;
import io.github.spotifylakehouse.workflow.catalog.LocalCatalog;
import io.github.spotifylakehouse.workflow.s3.S3Endpoint;
import java.time.Duration;
import java.util.List;

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

  @Override
  public void run(StepContext context) {
    S3Endpoint lake = context.lake();
    Console console = context.console();
    var spark = context.spark();
    LocalCatalog catalog = new LocalCatalog(spark, LocalCatalog.DEFAULT_DATABASE);
    long start = System.nanoTime();
    catalog.createDatabase();
    console.detail("metastore %s (embedded Derby) open, database %s (%s)", context.config().metastoreDir(),
        catalog.database(), Console.duration(Duration.ofNanos(System.nanoTime() - start)));
    int partitioned = 0;
    for (LakeTable table : LakeTable.values()) {
      List<String> dates = catalog.icebergPartitions(table);
      console.detail("  %-18s Iceberg, %3d partition%s%s", table.tableName(), dates.size(), dates.size() == 1 ? " " : "s",
          dates.isEmpty() ? "" : " (" + dates.get(0) + (dates.size() > 1 ? " .. " + dates.get(dates.size() - 1) : "")
              + ")");
    }
    for (LakeTable table : LakeTable.values()) {
      start = System.nanoTime();
      LocalCatalog.CatalogTable registered = catalog.register(table, lake.lakeRoot());
      List<String> partitions = registered.partitions();
      if (!partitions.isEmpty()) {
        partitioned++;
      }
      console.detail("  %-18s CSV,     %3d partition%s%s  %s (%s)", table.csvTableName(), partitions.size(),
          partitions.size() == 1 ? " " : "s",
          partitions.isEmpty() ? "" : " (" + partitions.get(0)
              + (partitions.size() > 1 ? " .. " + partitions.get(partitions.size() - 1) : "") + ")",
          registered.location(), Console.duration(Duration.ofNanos(System.nanoTime() - start)));
    }
    if (partitioned == 0) {
      throw new IllegalStateException("no partitions found under " + lake.lakeRoot() + "/"
          + LakeTable.TRANSFORMED_ROOT + ": run the transform step first");
    }
  }
}
