package io.github.spotifylakehouse.workflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.spotifylakehouse.workflow.PipelineStep;
import io.github.spotifylakehouse.workflow.steps.RunnerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SpotifyLakehouseCliTest {

  @TempDir
  Path temp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int execute(Map<String, String> env, String... args) {
    return SpotifyLakehouseCli.execute(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void subcommandsAreRunEveryPipelineStepInOrderAndReport() {
    CommandLine cli = SpotifyLakehouseCli.commandLine(Map.of(), System.out, System.err);
    List<String> expected = new java.util.ArrayList<>(List.of("run"));
    Arrays.stream(PipelineStep.values()).map(PipelineStep::command).forEach(expected::add);
    expected.add("report");
    assertThat(cli.getSubcommands().keySet()).containsExactlyElementsOf(expected);
    assertThat(execute(Map.of(), "--help")).isZero();
    assertThat(out()).contains("run", "extract", "transform", "catalog", "query", "report");
  }

  @Test
  void eachSubcommandTakesOnlyTheOptionsOfItsSteps() {
    CommandLine cli = SpotifyLakehouseCli.commandLine(Map.of(), System.out, System.err);
    assertThat(options(cli, "run")).contains("--data-dir", "--source", "--snapshot-date", "--formats", "--query");
    assertThat(options(cli, "extract")).contains("--source", "--playlist-sizes", "--snapshot-date")
        .doesNotContain("--formats", "--query");
    assertThat(options(cli, "transform")).contains("--formats", "--snapshot-date").doesNotContain("--source");
    assertThat(options(cli, "catalog")).contains("--data-dir").doesNotContain("--source", "--formats", "--query");
    assertThat(options(cli, "query")).contains("--query").doesNotContain("--source");
    assertThat(options(cli, "report")).contains("--data-dir", "--verbose")
        .doesNotContain("--source", "--formats", "--query", "--snapshot-date");
  }

  private static List<String> options(CommandLine cli, String subcommand) {
    return cli.getSubcommands().get(subcommand).getCommandSpec().options().stream()
        .map(option -> option.longestName()).collect(Collectors.toList());
  }

  @Test
  void withoutASubcommandItIsAUsageError() {
    assertThat(execute(Map.of())).isEqualTo(2);
    assertThat(err()).contains("Missing subcommand");
    assertThat(execute(Map.of(), "run", "--source", "SOMEWHERE")).isEqualTo(2);
    assertThat(err()).contains("--source");
  }

  @Test
  void anS3EndpointWithoutKeysIsAUsageError() {
    assertThat(execute(Map.of(), "extract", "--data-dir", temp.toString(), "--s3-endpoint", "http://127.0.0.1:9"))
        .isEqualTo(2);
    assertThat(err()).contains("An S3 endpoint (http://127.0.0.1:9) needs an access key and a secret key");
    assertThat(out()).doesNotContain("[1/1]");
  }

  @Test
  void optionsWinOverEnvironmentWhichWinsOverDefaults() {
    CommandLine cli = SpotifyLakehouseCli.commandLine(
        Map.of("AWS_ACCESS_KEY_ID", "env-key", "AWS_SECRET_ACCESS_KEY", "env-secret", "AWS_REGION", "eu-west-1"),
        System.out, System.err);
    cli.parseArgs("run", "--data-dir", temp.toString(), "--s3-endpoint", "http://127.0.0.1:9000", "--s3-secret-key",
        "option-secret", "--playlist-sizes", "3,2", "--snapshot-date", "2026-01-02", "--query", "playlist_overlap");
    RunnerConfig config = ((StepCommand) cli.getSubcommands().get("run").getCommand()).config();
    assertThat(config.dataDir()).isEqualTo(temp.toAbsolutePath());
    assertThat(config.s3Endpoint()).contains(URI.create("http://127.0.0.1:9000"));
    assertThat(config.s3AccessKey()).isEqualTo("env-key");
    assertThat(config.s3SecretKey()).isEqualTo("option-secret");
    assertThat(config.s3Region()).isEqualTo("eu-west-1");
    assertThat(config.playlistSizes()).containsExactly(3, 2);
    assertThat(config.snapshotDate()).contains(LocalDate.of(2026, 1, 2));
    assertThat(config.queries()).containsExactly("playlist_overlap");
    assertThat(config.bucket()).isEqualTo(RunnerConfig.DEFAULT_BUCKET);
    assertThat(config.source()).isEqualTo(RunnerConfig.Source.AUTO);
    assertThat(config.formats()).containsExactly("csv", "iceberg");
    assertThat(config.verbose()).isFalse();
    assertThat(config.dashboardFile()).isEqualTo(temp.toAbsolutePath().resolve("report").resolve("index.html"));
    cli.parseArgs("report", "--data-dir", temp.toString(), "--verbose");
    assertThat(((StepCommand) cli.getSubcommands().get("report").getCommand()).config().verbose()).isTrue();
  }

  @Test
  void reportWithoutACatalogSaysToRunThePipelineFirstAndStartsNothing() {
    Path fresh = temp.resolve("fresh");
    int exit = execute(Map.of(), "report", "--data-dir", fresh.toString());
    assertThat(exit).isEqualTo(1);
    assertThat(out()).contains("spotify-lakehouse: FAILED: Step 'query' failed: there is no catalog in " + fresh
        + " to draw the dashboard from: run the pipeline first (mvn -B -ntp -q -Plocal-run -DskipTests verify,"
        + " or the run command)");
    assertThat(fresh).doesNotExist();
  }

  @Test
  void anUnreachableS3EndpointFailsTheFirstStepWithItsName() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    int exit = execute(Map.of(), "extract", "--data-dir", temp.toString(), "--source", "EMULATOR",
        "--s3-endpoint", "http://127.0.0.1:" + closedPort, "--s3-access-key", "a", "--s3-secret-key", "b");
    assertThat(exit).isEqualTo(1);
    assertThat(out()).contains("[1/1] extract FAILED after")
        .contains("spotify-lakehouse: FAILED: Step 'extract' failed: S3 endpoint http://127.0.0.1:" + closedPort
            + " is unreachable");
  }

  @Test
  void spotifyAsSourceNeedsItsCredentials() {
    int exit = execute(Map.of("SPOTIFY_CLIENT_ID", "id"), "extract", "--data-dir", temp.toString(),
        "--source", "SPOTIFY");
    assertThat(exit).isEqualTo(1);
    assertThat(out()).contains("Step 'extract' failed: --source spotify needs the environment variables"
        + " SPOTIFY_CLIENT_SECRET, SPOTIFY_REFRESH_TOKEN");
  }

  @Test
  void anUnknownQueryNameFailsTheQueryStepBeforeSparkStarts() {
    int exit = execute(Map.of(), "query", "--data-dir", temp.toString(), "--query", "no_such_query",
        "--s3-endpoint", "http://127.0.0.1:1", "--s3-access-key", "a", "--s3-secret-key", "b");
    assertThat(exit).isEqualTo(1);
    assertThat(out()).contains("Step 'query' failed: Unknown query 'no_such_query'");
  }
}
