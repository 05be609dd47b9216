package io.github.spotifylakehouse.workflow.steps;

import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.workflow.PipelineStep;
import io.github.spotifylakehouse.workflow.catalog.LocalCatalog;
import io.github.spotifylakehouse.workflow.lake.LakeStorage;
import java.util.List;

/**
 * Catalog: what the Glue crawlers do in AWS. Registers every table of the lake contract in the local
 * metastore over the job's CSV output and registers its partitions.
 */
final class CatalogStep implements Step {

  @Override
  public PipelineStep id() {
    return PipelineStep.CATALOG;
  }

  @Override
  public void run(StepContext context) {
    LakeStorage lake = context.lake();
    var spark = context.spark();
    LocalCatalog catalog = new LocalCatalog(spark, LocalCatalog.DEFAULT_DATABASE);
    List<LocalCatalog.CatalogTable> tables;
    try (SparkProgress progress = SparkProgress.start(spark, context.console(), "catalog")) {
      tables = catalog.registerAll(lake.lakeRoot());
    }
    context.console().detail("metastore %s, database %s:", context.config().metastoreDir(), catalog.database());
    for (LocalCatalog.CatalogTable table : tables) {
      List<String> partitions = table.partitions();
      context.console().detail("  %-15s %3d partition%s%s  %s", table.table().tableName(), partitions.size(),
          partitions.size() == 1 ? " " : "s",
          partitions.isEmpty() ? "" : " (" + partitions.get(0)
              + (partitions.size() > 1 ? " .. " + partitions.get(partitions.size() - 1) : "") + ")",
          table.location());
    }
    if (tables.stream().allMatch(table -> table.partitions().isEmpty())) {
      throw new IllegalStateException("no partitions found under " + lake.lakeRoot() + "/"
          + LakeTable.TRANSFORMED_ROOT + ": run the transform step first");
    }
  }
}
