package io.github.spotifylakehouse.workflow.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** Options of the transform step. */
final class TransformOptions {

  @Option(names = "--formats", paramLabel = "FORMAT", split = ",", defaultValue = "csv,iceberg",
      description = "Output formats of the job: csv, iceberg (the queries read the Iceberg tables). "
          + "Default: ${DEFAULT-VALUE}")
  List<String> formats;
}
