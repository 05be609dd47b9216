package io.github.spotifylakehouse.workflow.steps;

import io.github.spotifylakehouse.workflow.PipelineStep;
import io.github.spotifylakehouse.workflow.catalog.LocalCatalog;
import io.github.spotifylakehouse.workflow.query.QueryRunner;
import io.github.spotifylakehouse.workflow.query.SqlFile;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Query: creates the views and runs every analytics query (the Athena named queries of the stack) on
 * Spark SQL against the local catalog, printing each answer as a table.
 */
final class QueryStep implements LocalStep {

  /** Rows printed per query; the rest are counted (the queries are for Athena too, where all rows show). */
  static final int PRINTED_ROWS = 25;

  @Override
  public PipelineStep id() {
    return PipelineStep.QUERY;
  }

  @Override
  public void run(StepContext context) {
    List<SqlFile> queries = selected(context.config().queries());
    var spark = context.spark();
    Console console = context.console();
    List<String> missing = new LocalCatalog(spark, LocalCatalog.DEFAULT_DATABASE).missingTables();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("the catalog has no table " + String.join(", ", missing) + " in database "
          + LocalCatalog.DEFAULT_DATABASE + ": run the catalog step first");
    }
    QueryRunner runner = new QueryRunner(spark, LocalCatalog.DEFAULT_DATABASE);
    for (SqlFile view : SqlFile.views()) {
      long start = System.nanoTime();
      runner.createView(view);
      console.detail("view %s created (%s): %s", view.name(),
          Console.duration(Duration.ofNanos(System.nanoTime() - start)), view.description());
    }
    for (SqlFile query : queries) {
      QueryRunner.QueryResult result = runner.run(query);
      console.line("");
      console.detail("%s: %s", query.name(), query.description());
      int rows = result.rows().size();
      console.raw(result.render(PRINTED_ROWS));
      console.detail("(%d row%s%s, %s)", rows, rows == 1 ? "" : "s",
          rows > PRINTED_ROWS ? ", first " + PRINTED_ROWS + " shown" : "", Console.duration(result.duration()));
    }
    console.line("");
  }

  /** The queries named in {@code names} (all when empty); fails on a name that is not a query file. */
  static List<SqlFile> selected(Set<String> names) {
    List<SqlFile> all = SqlFile.queries();
    Set<String> known = all.stream().map(SqlFile::name).collect(Collectors.toCollection(TreeSet::new));
    for (String name : new TreeSet<>(names)) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException("Unknown query '" + name + "'; known: " + String.join(", ", known));
      }
    }
    return all.stream().filter(query -> names.isEmpty() || names.contains(query.name())).toList();
  }
}
