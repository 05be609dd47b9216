package io.github.spotifylakehouse.workflow.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy.sh and teardown.sh, run for real with bash against a stand-in {@code aws} command that records
 * its calls and answers like the CLI for an account with no stack yet.
 */
class DeployScriptsTest {

  @TempDir
  Path checkout;

  private Path calls;
  private Path bin;

  @BeforeEach
  void fakeCheckoutAndAwsCli() throws IOException {
    Path root = Template.repositoryRoot();
    Files.createDirectories(checkout.resolve("cloudformation/glue"));
    for (String file : List.of("deploy.sh", "teardown.sh", "aws-context.sh", "spotify-lakehouse.yaml",
        "glue/placeholder.scala")) {
      Files.copy(root.resolve("cloudformation").resolve(file), checkout.resolve("cloudformation").resolve(file));
    }
    Files.createDirectories(checkout.resolve("extractor/target"));
    Files.createDirectories(checkout.resolve("glue-jobs/target"));
    Files.writeString(checkout.resolve("extractor/target/spotify-lakehouse-extractor-0.1.0-SNAPSHOT.jar"), "shaded");
    Files.writeString(checkout.resolve("extractor/target/original-spotify-lakehouse-extractor-0.1.0-SNAPSHOT.jar"), "x");
    Files.writeString(checkout.resolve("glue-jobs/target/spotify-lakehouse-glue-jobs-0.1.0-SNAPSHOT.jar"), "job");
    Files.writeString(checkout.resolve("glue-jobs/target/spotify-lakehouse-glue-jobs-0.1.0-SNAPSHOT-sources.jar"), "y");

    calls = checkout.resolve("aws-calls.txt");
    bin = Files.createDirectories(checkout.resolve("bin"));
    Path aws = bin.resolve("aws");
    Files.writeString(aws, String.join("\n",
        "#!/usr/bin/env bash",
        "echo \"aws $*\" >> '" + calls + "'",
        "case \"$*\" in",
        "  'sts get-caller-identity'*) echo 123456789012 ;;",
        "  'cloudformation describe-stacks --stack-name spotify-lakehouse') [[ -f '" + checkout.resolve("stack") + "' ]] || exit 254 ;;",
        "  *\"OutputKey=='LakeBucketName'\"*) echo lake-bucket-abc ;;",
        "  'cloudformation deploy'*) touch '" + checkout.resolve("stack") + "' ;;",
        "  's3api head-bucket'*|'s3api head-object'*) exit 254 ;;",
        "  's3api list-objects-v2'*) echo 0 ;;",
        "esac",
        "exit 0", ""));
    Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void deployUploadsContentAddressedJarsAndPassesEveryRequiredParameter() throws Exception {
    Result result = run("deploy.sh", "--skip-build", "--region", "eu-west-1", "--playlist-ids", "a1,b2");

    assertThat(result.exitCode).as(result.output).isZero();
    List<String> log = Files.readAllLines(calls);
    assertThat(log).anyMatch(c -> c.startsWith("aws s3api create-bucket --bucket spotify-lakehouse-artifacts-123456789012-eu-west-1"
        + " --create-bucket-configuration LocationConstraint=eu-west-1"));
    List<String> uploads = log.stream().filter(c -> c.startsWith("aws s3 cp")).collect(Collectors.toList());
    assertThat(uploads).hasSize(3);
    assertThat(uploads).noneMatch(c -> c.contains("original-") || c.contains("-sources"));
    assertThat(uploads.get(0)).matches(".*extractor/target/spotify-lakehouse-extractor-0\\.1\\.0-SNAPSHOT\\.jar "
        + "s3://spotify-lakehouse-artifacts-123456789012-eu-west-1/artifacts/spotify-lakehouse/extractor-[0-9a-f]{16}\\.jar");

    String deploy = log.stream().filter(c -> c.startsWith("aws cloudformation deploy")).findFirst().orElseThrow();
    assertThat(deploy).contains("--capabilities CAPABILITY_IAM", "--stack-name spotify-lakehouse",
        "cloudformation/spotify-lakehouse.yaml", "PlaylistIds=a1,b2");
    for (String parameter : parametersWithoutDefault()) {
      assertThat(deploy).as("deploy passes " + parameter).containsPattern(" " + parameter + "=\\S+");
    }
  }

  @Test
  void deployRefusesToCreateAStackWithoutPlaylists() throws Exception {
    Result result = run("deploy.sh", "--skip-build", "--region", "eu-west-1");

    assertThat(result.exitCode).isNotZero();
    assertThat(result.output).contains("pass --playlist-ids");
    assertThat(Files.readAllLines(calls)).noneMatch(c -> c.startsWith("aws cloudformation deploy"));
  }

  @Test
  void teardownKeepsTheLakeUnlessToldAndThenDeletesItAfterTheStack() throws Exception {
    Files.writeString(checkout.resolve("stack"), "");
    Result keep = run("teardown.sh", "--region", "eu-west-1");
    assertThat(keep.exitCode).as(keep.output).isZero();
    assertThat(keep.output).contains("Kept the lake bucket s3://lake-bucket-abc");
    assertThat(Files.readAllLines(calls)).noneMatch(c -> c.startsWith("aws s3 rm"));

    Files.delete(calls);
    Result delete = run("teardown.sh", "--region", "eu-west-1", "--delete-data", "--yes");
    assertThat(delete.exitCode).as(delete.output).isZero();
    List<String> log = Files.readAllLines(calls).stream().filter(c -> !c.startsWith("aws sts")
        && !c.startsWith("aws cloudformation describe-stacks")).collect(Collectors.toList());
    assertThat(log).containsExactly(
        "aws cloudformation delete-stack --stack-name spotify-lakehouse",
        "aws cloudformation wait stack-delete-complete --stack-name spotify-lakehouse",
        "aws s3 rm s3://lake-bucket-abc --recursive --only-show-errors",
        "aws s3api delete-bucket --bucket lake-bucket-abc");
  }

  @Test
  void bothScriptsExplainThemselves() throws Exception {
    for (String script : List.of("deploy.sh", "teardown.sh")) {
      Result help = run(script, "--help");
      assertThat(help.exitCode).isZero();
      assertThat(help.output).startsWith("Usage: cloudformation/" + script);
      Result wrong = run(script, "--no-such-option");
      assertThat(wrong.exitCode).isNotZero();
      assertThat(wrong.output).contains("unknown argument '--no-such-option'");
    }
  }

  private List<String> parametersWithoutDefault() {
    return Template.stack().parameters().entrySet().stream()
        .filter(p -> !((Map<?, ?>) p.getValue()).containsKey("Default")).map(Map.Entry::getKey)
        .collect(Collectors.toList());
  }

  private Result run(String script, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", checkout.resolve("cloudformation").resolve(script).toString()));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(checkout.toFile()).redirectErrorStream(true);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().remove("AWS_REGION");
    builder.environment().remove("AWS_DEFAULT_REGION");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(script + " finished").isTrue();
    return new Result(process.exitValue(), output);
  }

  private record Result(int exitCode, String output) {
  }
}
