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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy.sh and teardown.sh, run for real with bash against a stand-in {@code aws} command
 * ({@code cloudformation/fake-aws.sh} in the test resources) that records its calls and answers like the CLI,
 * from state files this test sets: no stack yet, a rolled-back stack, a bucket name taken by another account,
 * a low concurrency quota. The scripts must also run on macOS's bash 3.2 and BSD tools, which are not at hand
 * here: {@link ShellPortabilityCheck} scans for what would break there, and CI runs shellcheck.
 */
class DeployScriptsTest {

  private static final String ACCOUNT = "123456789012";
  private static final String ARTIFACT_BUCKET = "spotify-lakehouse-artifacts-" + ACCOUNT + "-eu-west-1";
  private static final List<String> SCRIPTS = List.of("deploy.sh", "teardown.sh", "aws-context.sh",
      "sync-named-queries.sh");

  @TempDir
  Path checkout;

  private Path state;
  private Path bin;

  @BeforeEach
  void fakeCheckoutAndAwsCli() throws Exception {
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

    state = Files.createDirectories(checkout.resolve("aws-state"));
    bin = Files.createDirectories(checkout.resolve("bin"));
    Path aws = bin.resolve("aws");
    Files.copy(Path.of(getClass().getResource("/cloudformation/fake-aws.sh").toURI()), aws);
    Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void deployUploadsContentAddressedJarsAndPassesEveryRequiredParameter() throws Exception {
    Result result = run("deploy.sh", "--skip-build", "--region", "eu-west-1", "--playlist-ids", "a1,b2",
        "--alert-email", "me@example.org");

    assertThat(result.exitCode).as(result.output).isZero();
    List<String> log = calls();
    List<String> uploads = log.stream().filter(c -> c.startsWith("aws s3api put-object")).collect(Collectors.toList());
    assertThat(uploads).hasSize(3);
    assertThat(uploads).noneMatch(c -> c.contains("original-") || c.contains("-sources"));
    assertThat(uploads.get(0)).matches("aws s3api put-object --bucket " + ARTIFACT_BUCKET
        + " --key artifacts/spotify-lakehouse/extractor-[0-9a-f]{16}\\.jar"
        + " --body .*extractor/target/spotify-lakehouse-extractor-0\\.1\\.0-SNAPSHOT\\.jar --expected-bucket-owner " + ACCOUNT);

    String deploy = log.stream().filter(c -> c.startsWith("aws cloudformation deploy")).findFirst().orElseThrow();
    assertThat(deploy).contains("--capabilities CAPABILITY_IAM", "--stack-name spotify-lakehouse",
        "cloudformation/spotify-lakehouse.yaml", "PlaylistIds=a1,b2", "AlertEmail=me@example.org");
    for (String parameter : parametersWithoutDefault()) {
      assertThat(deploy).as("deploy passes " + parameter).containsPattern(" " + parameter + "=\\S+");
    }
    assertThat(result.output).contains("confirm");
  }

  @Test
  void deployCreatesAPrivateTlsOnlyEncryptedVersionedArtifactBucket() throws Exception {
    Result result = run("deploy.sh", "--skip-build", "--region", "eu-west-1", "--playlist-ids", "a1");

    assertThat(result.exitCode).as(result.output).isZero();
    List<String> log = calls();
    assertThat(log).anyMatch(c -> c.equals("aws s3api create-bucket --bucket " + ARTIFACT_BUCKET
        + " --create-bucket-configuration LocationConstraint=eu-west-1"));
    assertThat(call(log, "aws s3api put-public-access-block")).contains("BlockPublicAcls=true",
        "IgnorePublicAcls=true", "BlockPublicPolicy=true", "RestrictPublicBuckets=true");
    assertThat(call(log, "aws s3api put-bucket-encryption")).contains("\"SSEAlgorithm\":\"AES256\"");
    assertThat(call(log, "aws s3api put-bucket-versioning")).contains("Status=Enabled");
    assertThat(call(log, "aws s3api put-bucket-policy")).contains("\"Effect\":\"Deny\"",
        "\"aws:SecureTransport\":\"false\"", "arn:aws:s3:::" + ARTIFACT_BUCKET + "/*");

    // a second deployment finds the bucket and leaves its settings alone
    Files.delete(state.resolve("calls"));
    assertThat(run("deploy.sh", "--skip-build", "--region", "eu-west-1").exitCode).isZero();
    assertThat(calls()).noneMatch(c -> c.startsWith("aws s3api create-bucket") || c.startsWith("aws s3api put-bucket"));
  }

  @Test
  void everyCallOnTheArtifactBucketNamesItsExpectedOwner() throws Exception {
    assertThat(run("deploy.sh", "--skip-build", "--region", "eu-west-1", "--playlist-ids", "a1").exitCode).isZero();
    assertThat(run("teardown.sh", "--region", "eu-west-1", "--delete-artifacts").exitCode).isZero();

    List<String> onArtifacts = calls().stream()
        .filter(c -> c.startsWith("aws s3 ") || c.startsWith("aws s3api "))
        .filter(c -> c.contains(ARTIFACT_BUCKET)).collect(Collectors.toList());
    assertThat(onArtifacts).extracting(c -> c.split(" ")[2]).contains("head-bucket", "put-object",
        "put-bucket-policy", "list-object-versions", "delete-bucket");
    // CreateBucket has no owner condition: the name is free or the call fails
    assertThat(onArtifacts.stream().filter(c -> !c.startsWith("aws s3api create-bucket ")))
        .allMatch(c -> c.contains("--expected-bucket-owner " + ACCOUNT));
    assertThat(calls()).as("the high-level s3 commands take no expected owner").noneMatch(c -> c.startsWith("aws s3 "));
  }

  @Test
  void deployRefusesAnArtifactBucketOwnedByAnotherAccount() throws Exception {
    Files.writeString(state.resolve("foreign-bucket"), "");

    Result result = run("deploy.sh", "--skip-build", "--region", "eu-west-1", "--playlist-ids", "a1");

    assertThat(result.exitCode).isNotZero();
    assertThat(result.output).contains("s3://" + ARTIFACT_BUCKET, "does not belong to account " + ACCOUNT,
        "--artifact-bucket");
    assertThat(calls()).noneMatch(c -> c.startsWith("aws s3api create-bucket") || c.startsWith("aws s3api put-")
        || c.startsWith("aws cloudformation deploy"));
  }

  @Test
  void deployExplainsARolledBackFirstCreationAndDeletesItOnlyWhenTold() throws Exception {
    Files.writeString(state.resolve("stack-status"), "ROLLBACK_COMPLETE");

    Result refused = run("deploy.sh", "--skip-build", "--region", "eu-west-1", "--playlist-ids", "a1");
    assertThat(refused.exitCode).as("no terminal to ask on: never deletes silently").isNotZero();
    assertThat(refused.output).contains("ROLLBACK_COMPLETE", "first creation failed",
        "Specified ReservedConcurrentExecutions", "--delete-rolled-back");
    assertThat(calls()).noneMatch(c -> c.startsWith("aws cloudformation delete-stack")
        || c.startsWith("aws cloudformation deploy"));

    Files.delete(state.resolve("calls"));
    Result deleted = run("deploy.sh", "--skip-build", "--region", "eu-west-1", "--playlist-ids", "a1",
        "--delete-rolled-back");
    assertThat(deleted.exitCode).as(deleted.output).isZero();
    List<String> stackCalls = calls().stream().filter(c -> c.startsWith("aws cloudformation delete-stack")
        || c.startsWith("aws cloudformation wait") || c.startsWith("aws cloudformation deploy"))
        .map(c -> c.split(" --")[0]).collect(Collectors.toList());
    assertThat(stackCalls).containsExactly("aws cloudformation delete-stack",
        "aws cloudformation wait stack-delete-complete", "aws cloudformation deploy");
  }

  @Test
  void deployWillNotCreateAStackTheAccountsConcurrencyQuotaWouldRollBack() throws Exception {
    Files.writeString(state.resolve("unreserved"), "10");

    Result result = run("deploy.sh", "--skip-build", "--region", "eu-west-1", "--playlist-ids", "a1");

    assertThat(result.exitCode).isNotZero();
    assertThat(result.output).contains("unreserved Lambda concurrency is 10", "quota");
    assertThat(calls()).noneMatch(c -> c.startsWith("aws s3api put-object") || c.startsWith("aws cloudformation deploy"));
  }

  @Test
  void deployGivesTheCrawlersSharedLogGroupARetentionOnlyWhenItHasNone() throws Exception {
    Object days = Template.map(Template.stack().parameters().get("LogRetentionDays"), "LogRetentionDays").get("Default");

    assertThat(run("deploy.sh", "--skip-build", "--region", "eu-west-1", "--playlist-ids", "a1").exitCode).isZero();
    assertThat(calls()).contains("aws logs create-log-group --log-group-name /aws-glue/crawlers",
        "aws logs put-retention-policy --log-group-name /aws-glue/crawlers --retention-in-days " + days);

    Files.delete(state.resolve("calls"));
    Files.writeString(state.resolve("crawler-log"), "/aws-glue/crawlers\tNone\n");
    assertThat(run("deploy.sh", "--skip-build", "--region", "eu-west-1", "--parameter", "LogRetentionDays=90").exitCode)
        .isZero();
    assertThat(calls()).noneMatch(c -> c.startsWith("aws logs create-log-group"))
        .contains("aws logs put-retention-policy --log-group-name /aws-glue/crawlers --retention-in-days 90");

    Files.delete(state.resolve("calls"));
    Files.writeString(state.resolve("crawler-log"), "/aws-glue/crawlers\t14\n");
    assertThat(run("deploy.sh", "--skip-build", "--region", "eu-west-1").exitCode).isZero();
    assertThat(calls()).as("a retention someone chose stays").noneMatch(c -> c.startsWith("aws logs put-retention-policy"));
  }

  @Test
  void deployCreatesAStackWithoutPlaylistsWhoseExtractorFindsThem() throws Exception {
    Result result = run("deploy.sh", "--skip-build", "--region", "eu-west-1");

    assertThat(result.exitCode).as(result.output).isZero();
    assertThat(calls()).filteredOn(c -> c.startsWith("aws cloudformation deploy")).singleElement()
        .satisfies(deploy -> assertThat(deploy).doesNotContain("PlaylistIds="));
  }

  @Test
  void teardownKeepsTheLakeUnlessToldAndThenDeletesEveryVersionAfterTheStack() throws Exception {
    Files.writeString(state.resolve("stack-status"), "CREATE_COMPLETE");
    Result keep = run("teardown.sh", "--region", "eu-west-1");
    assertThat(keep.exitCode).as(keep.output).isZero();
    assertThat(keep.output).contains("Kept the lake bucket s3://lake-bucket-abc", "Reattaching a kept lake");
    assertThat(calls()).noneMatch(c -> c.contains("delete-objects") || c.contains("delete-bucket"));

    Files.delete(state.resolve("calls"));
    Files.writeString(state.resolve("stack-status"), "CREATE_COMPLETE");
    Files.writeString(state.resolve("pending-versions"), "");
    Result delete = run("teardown.sh", "--region", "eu-west-1", "--delete-data", "--yes");
    assertThat(delete.exitCode).as(delete.output).isZero();
    List<String> log = calls().stream().filter(c -> !c.startsWith("aws sts")
        && !c.startsWith("aws cloudformation describe-stacks") && !c.startsWith("aws s3api list-object-versions")
        && !c.startsWith("aws s3api head-bucket")).collect(Collectors.toList());
    assertThat(log).containsExactly(
        "aws cloudformation delete-stack --stack-name spotify-lakehouse",
        "aws cloudformation wait stack-delete-complete --stack-name spotify-lakehouse",
        "aws s3api delete-objects --bucket lake-bucket-abc --expected-bucket-owner " + ACCOUNT + " --delete {"
            + " \"Objects\": [ { \"Key\": \"raw_data/processed/a.json\", \"VersionId\": \"v1\" } ], \"Quiet\": true"
            + " } --query Errors[0].Message --output text",
        "aws s3api delete-bucket --bucket lake-bucket-abc --expected-bucket-owner " + ACCOUNT);
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

  @Test
  void theCliPagerIsOffForEveryCall() throws Exception {
    assertThat(run("deploy.sh", "--skip-build", "--region", "eu-west-1", "--playlist-ids", "a1").exitCode).isZero();
    List<String> pagers = Files.readAllLines(state.resolve("pagers"));
    assertThat(pagers).isNotEmpty().allMatch(String::isEmpty);
  }

  @Test
  void scriptsUseNothingThatBash32OrBsdToolsLack() {
    Path dir = Template.repositoryRoot().resolve("cloudformation");
    for (String script : SCRIPTS) {
      assertThat(ShellPortabilityCheck.problems(dir.resolve(script))).as(script).isEmpty();
    }
  }

  @Test
  void portabilityScanFindsEachGnuOrBash4Construct() {
    assertThat(ShellPortabilityCheck.problems(ResourceSpecificationTest.broken("gnu-only.sh"))).containsExactlyInAnyOrder(
        "gnu-only.sh:4: find -printf is GNU only",
        "gnu-only.sh:5: sha256sum without a shasum -a 256 fallback (macOS has only shasum)",
        "gnu-only.sh:6: mapfile/readarray need bash 4",
        "gnu-only.sh:7: associative arrays need bash 4",
        "gnu-only.sh:8: case conversion needs bash 4",
        "gnu-only.sh:9: \"${files[@]}\" of an empty array fails under set -u in bash before 4.4;"
            + " write ${files[@]+\"${files[@]}\"}",
        "gnu-only.sh:11: sed -i takes different arguments in BSD sed");
  }

  private List<String> parametersWithoutDefault() {
    return Template.stack().parameters().entrySet().stream()
        .filter(p -> !((Map<?, ?>) p.getValue()).containsKey("Default")).map(Map.Entry::getKey)
        .collect(Collectors.toList());
  }

  /** The calls the stand-in received, one line each, with any multi-line argument joined by spaces. */
  private List<String> calls() throws IOException {
    Path calls = state.resolve("calls");
    if (!Files.exists(calls)) {
      return List.of();
    }
    List<String> joined = new ArrayList<>();
    for (String line : Files.readAllLines(calls)) {
      if (line.startsWith("aws ") || joined.isEmpty()) {
        joined.add(line);
      } else {
        joined.set(joined.size() - 1, joined.get(joined.size() - 1) + " " + line.strip());
      }
    }
    return joined.stream().map(c -> c.replaceAll("\\s+", " ")).collect(Collectors.toList());
  }

  private static String call(List<String> log, String prefix) {
    return log.stream().filter(c -> c.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no call " + prefix + " in " + log));
  }

  private Result run(String script, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", checkout.resolve("cloudformation").resolve(script).toString()));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(checkout.toFile()).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().put("FAKE_AWS_STATE", state.toString());
    Stream.of("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PAGER").forEach(builder.environment()::remove);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(script + " finished").isTrue();
    return new Result(process.exitValue(), output);
  }

  private record Result(int exitCode, String output) {
  }
}
