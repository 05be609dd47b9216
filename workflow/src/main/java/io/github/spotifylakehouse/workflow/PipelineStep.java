package io.github.spotifylakehouse.workflow;

/**
 * The pipeline's steps in the order they run, locally and in AWS. The local runner executes them in
 * this order; a test checks that the Glue Workflow in {@code cloudformation/} chains the same steps the
 * same way, so the two cannot drift.
 */
public enum PipelineStep {

  /** Spotify Web API to raw JSON. AWS: the extractor Lambda on its EventBridge schedule. */
  EXTRACT("extract", "Spotify Web API -> raw_data/to_process/ (extractor Lambda)"),
  /** Raw JSON to tables. AWS: the Glue ETL job, started by the workflow's first trigger. */
  TRANSFORM("transform", "raw_data/ -> transformed_data/ (Glue ETL job)"),
  /** Tables and partitions into the catalog. AWS: the crawlers, on the job's success. */
  CATALOG("catalog", "transformed_data/ -> catalog tables and partitions (Glue crawler; the job commits the Iceberg tables)"),
  /** The analytics queries. AWS: the Athena named queries in the workgroup. */
  QUERY("query", "catalog -> answers (Athena named queries)");

  private final String command;
  private final String description;

  PipelineStep(String command, String description) {
    this.command = command;
    this.description = description;
  }

  /** Name of the step's subcommand in the command-line tool. */
  public String command() {
    return command;
  }

  /** One line for logs and help. */
  public String description() {
    return description;
  }
}
