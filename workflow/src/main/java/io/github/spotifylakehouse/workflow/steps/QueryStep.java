package io.github.spotifylakehouse.workflow.steps;

import io.github.spotifylakehouse.etl.io.Parallel;
import io.github.spotifylakehouse.etl.job.PlanExecution;
import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.workflow.PipelineStep;
import io.github.spotifylakehouse.workflow.catalog.LocalCatalog;
import io.github.spotifylakehouse.workflow.query.QueryRunner;
import io.github.spotifylakehouse.workflow.query.SqlFile;
import io.github.spotifylakehouse.workflow.report.Dashboard;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Query: creates the views and runs every analytics query (the Athena named queries of the stack) on
 * Spark SQL against the local catalog, printing each answer as a table, then draws the answers as the
 * dashboard ({@link Dashboard}, {@link RunnerConfig#dashboardFile()}).
 */
final class QueryStep implements LocalStep {

  /** Rows printed per query; the rest are counted (the queries are for Athena too, where all rows show). */
  static final int PRINTED_ROWS = 25;

  /** Queries run at once. */
  private static final int QUERY_THREADS = 2;

  private final boolean printTables;

  QueryStep() {
    this(true);
  }

  /** @param printTables print each answer as a table; else one line per query (the report command) */
  QueryStep(boolean printTables) {
    this.printTables = printTables;
  }

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
          + LocalCatalog.DEFAULT_DATABASE + ": run the transform step first (the job creates and commits the Iceberg "
          + "tables the queries read)");
    }
    // a small lake's queries run interpreted, as the job's small runs do: compiling them costs more than they run
    long tableBytes = context.lake().stats(LakeTable.TRANSFORMED_ROOT).bytes();
    try (PlanExecution execution = PlanExecution.choose(spark, tableBytes)) {
      if (execution.interpreted()) {
        console.detail("tables %s, under %s: queries interpreted, not compiled", Console.bytes(tableBytes),
            Console.bytes(PlanExecution.INTERPRET_BELOW_BYTES));
      }
      runQueries(context, queries);
    }
  }

  private void runQueries(StepContext context, List<SqlFile> queries) {
    Console console = context.console();
    QueryRunner runner = new QueryRunner(context.spark(), LocalCatalog.DEFAULT_DATABASE);
    for (SqlFile view : SqlFile.views()) {
      long start = System.nanoTime();
      runner.createView(view);
      console.detail("view %s created (%s): %s", view.name(),
          Console.duration(Duration.ofNanos(System.nanoTime() - start)), view.description());
    }
    // two at a time, as Athena runs them side by side: one query's planning overlaps the other's tasks
    List<QueryRunner.QueryResult> results = Parallel.run("query",
        queries.stream().<Callable<QueryRunner.QueryResult>>map(query -> () -> runner.run(query)).toList(),
        QUERY_THREADS);
    for (QueryRunner.QueryResult result : results) {
      SqlFile query = result.query();
      int rows = result.rows().size();
      if (!printTables) {
        console.detail("%s: %d row%s (%s)", query.name(), rows, rows == 1 ? "" : "s",
            Console.duration(result.duration()));
        continue;
      }
      console.line("");
      console.detail("%s: %s", query.name(), query.description());
      console.raw(result.render(PRINTED_ROWS));
      console.detail("(%d row%s%s, %s)", rows, rows == 1 ? "" : "s",
          rows > PRINTED_ROWS ? ", first " + PRINTED_ROWS + " shown" : "", Console.duration(result.duration()));
    }
    if (printTables) {
      console.line("");
    }
    writeDashboard(context, results);
  }

  /** Draws the answers (each query ran once) as the dashboard; not after --query, which ran only some. */
  private static void writeDashboard(StepContext context, List<QueryRunner.QueryResult> results) {
    RunnerConfig config = context.config();
    if (!config.queries().isEmpty()) {
      context.console().detail("dashboard left as it was: --query ran only some queries (the report command"
          + " draws it from all)");
      return;
    }
    List<LocalDate> snapshots;
    try {
      snapshots = context.lake().snapshotDates();
    } catch (RuntimeException e) {
      snapshots = List.of(); // the header then lists none; the cards do not need them
    }
    Dashboard.Written written = Dashboard.write(config.dashboardFile(), new Dashboard.Input(results,
        Instant.now(config.clock()), config.dataDir().toString(), snapshots));
    context.console().detail("dashboard drawn: %s (%s)", written.cards(), Console.bytes(written.bytes()));
    context.dashboard(written.file());
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
