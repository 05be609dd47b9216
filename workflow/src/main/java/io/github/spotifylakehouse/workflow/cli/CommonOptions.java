package io.github.spotifylakehouse.workflow.cli;

import io.github.spotifylakehouse.workflow.steps.RunnerConfig;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every subcommand takes: where the lake lives and how Spark runs. */
final class CommonOptions {

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "lakehouse-data",
      description = "Data directory: S3 objects (s3/), metastore, warehouse, logs. Default: ${DEFAULT-VALUE}")
  Path dataDir;

  @Option(names = "--bucket", paramLabel = "NAME", defaultValue = RunnerConfig.DEFAULT_BUCKET,
      description = "Lake bucket. Default: ${DEFAULT-VALUE}")
  String bucket;

  @Option(names = "--s3-endpoint", paramLabel = "URL",
      description = "Use this S3 endpoint instead of starting S3Proxy under the data directory"
          + " (e.g. http://127.0.0.1:9000 or https://s3.eu-west-1.amazonaws.com)")
  URI s3Endpoint;

  @Option(names = "--s3-access-key", paramLabel = "KEY",
      description = "Access key for --s3-endpoint. Default: $AWS_ACCESS_KEY_ID")
  String s3AccessKey;

  @Option(names = "--s3-secret-key", paramLabel = "KEY",
      description = "Secret key for --s3-endpoint. Default: $AWS_SECRET_ACCESS_KEY")
  String s3SecretKey;

  @Option(names = "--s3-region", paramLabel = "REGION",
      description = "Region for S3 clients. Default: $AWS_REGION, else " + RunnerConfig.DEFAULT_REGION)
  String s3Region;

  @Option(names = "--spark-master", paramLabel = "URL", defaultValue = "local[*]",
      description = "Spark master. Default: ${DEFAULT-VALUE}")
  String sparkMaster;

  @Option(names = {"-v", "--verbose"}, description = "Print the detail: the extractor's own log and JSON results"
      + " (else one line per playlist), and the stack trace of a failure")
  boolean verbose;
}
