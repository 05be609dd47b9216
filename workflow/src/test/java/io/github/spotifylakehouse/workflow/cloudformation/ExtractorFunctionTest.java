package io.github.spotifylakehouse.workflow.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.spotifylakehouse.lake.ExtractorEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Lambda is configured with the extractor's own environment variable names and handler. The extractor
 * cannot share this classpath (it brings Jackson 2.20, Spark needs 2.15), so its names are read from its
 * configuration holder's source, {@code ExtractorEnv.java}.
 */
class ExtractorFunctionTest {

  private static final String EXTRACTOR_SOURCES = "extractor/src/main/java/";
  /** Variables the Lambda runtime's JVM reads, not the extractor. */
  private static final List<String> JVM_VARIABLES = List.of("JAVA_TOOL_OPTIONS");

  private final Template template = Template.stack();
  private final Map<String, Object> function = template.properties("ExtractorFunction");

  @Test
  void environmentUsesTheExtractorsVariableNames() {
    Map<String, Object> variables = Template.map(Template.at(function, "Environment.Variables"), "Variables");

    for (String name : variables.keySet()) {
      if (!JVM_VARIABLES.contains(name)) {
        assertThat(ExtractorEnv.ALL).as(name + " is one of the extractor's variables").contains(name);
      }
    }
    assertThat(Template.refTarget(variables.get(ExtractorEnv.SPOTIFY_PLAYLIST_IDS))).isEqualTo("PlaylistIds");
    assertThat(Template.refTarget(variables.get(ExtractorEnv.LAKE_BUCKET))).isEqualTo("LakeBucket");
    assertThat(Template.refTarget(variables.get(ExtractorEnv.SPOTIFY_SECRET_ARN))).isEqualTo("SpotifySecret");
    assertThat(variables.get(ExtractorEnv.LAKE_PREFIX)).as("the stack's lake is at the bucket root").isEqualTo("");
  }

  @Test
  void noSecretAndNoReservedVariableIsSetInTheTemplate() {
    Map<String, Object> variables = Template.map(Template.at(function, "Environment.Variables"), "Variables");
    assertThat(ExtractorEnv.SECRET).isNotEmpty();
    assertThat(variables).as("secret values come from the secret, not the template")
        .doesNotContainKeys(ExtractorEnv.SECRET.toArray(String[]::new));
    // Lambda sets these itself and refuses them in a function's configuration
    assertThat(variables).doesNotContainKeys(ExtractorEnv.AWS_REGION, ExtractorEnv.AWS_ACCESS_KEY_ID,
        ExtractorEnv.AWS_SECRET_ACCESS_KEY, ExtractorEnv.AWS_SESSION_TOKEN);
  }

  @Test
  void handlerIsAClassOfTheExtractorWithHandleRequest() throws IOException {
    String handler = (String) function.get("Handler");
    assertThat(handler).contains("::");
    String className = handler.substring(0, handler.indexOf("::"));
    String method = handler.substring(handler.indexOf("::") + 2);
    Path source = Template.repositoryRoot().resolve(EXTRACTOR_SOURCES + className.replace('.', '/') + ".java");

    assertThat(source).as("handler class source").isRegularFile();
    assertThat(Files.readString(source)).contains("public ").contains(" " + method + "(");
    assertThat(function.get("Runtime")).isEqualTo("java21");
  }

  @Test
  void runsFromTheUploadedJarAndLogsToItsOwnGroup() {
    assertThat(Template.refTarget(Template.at(function, "Code.S3Bucket"))).isEqualTo("ArtifactBucket");
    assertThat(Template.refTarget(Template.at(function, "Code.S3Key"))).isEqualTo("ExtractorJarKey");
    assertThat(Template.refTarget(Template.at(function, "LoggingConfig.LogGroup"))).isEqualTo("ExtractorLogGroup");
    Map<String, Object> permission = template.properties("ExtractorSchedulePermission");
    assertThat(permission).containsEntry("Principal", "events.amazonaws.com");
    assertThat(Template.getAtt(permission.get("SourceArn"))).containsExactly("ExtractorSchedule", "Arn");
  }
}
