package io.github.spotifylakehouse.workflow.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of the query step. */
final class QueryOptions {

  @Option(names = "--query", paramLabel = "NAME",
      description = "Run only this query (a file name of sql/queries without .sql); repeatable. Default: all")
  List<String> queries = new ArrayList<>();
}
