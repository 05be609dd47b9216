package io.github.spotifylakehouse.workflow.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Lambda is configured with the extractor's own environment variable names and handler. The extractor
 * cannot share this classpath (it brings Jackson 2.20, Spark needs 2.15), so its names are read from its
 * configuration holder's source, {@code EnvVars.java}.
 */
class ExtractorFunctionTest {

  private static final String EXTRACTOR_SOURCES = "extractor/src/main/java/";
  private static final String ENV_VARS = EXTRACTOR_SOURCES + "io/github/spotifylakehouse/extractor/config/EnvVars.java";
  private static final Pattern CONSTANT = Pattern.compile("public static final String (\\w+) = \"([^\"]+)\";");
  private static final Pattern SECRET_LIST = Pattern.compile("List<String> SECRET = List\\.of\\(([^;]*)\\);");
  /** Variables the Lambda runtime's JVM reads, not the extractor. */
  private static final List<String> JVM_VARIABLES = List.of("JAVA_TOOL_OPTIONS");

  private final Template template = Template.stack();
  private final Map<String, Object> function = template.properties("ExtractorFunction");

  @Test
  void environmentUsesTheExtractorsVariableNames() throws IOException {
    Map<String, String> extractorNames = extractorConstants();
    Map<String, Object> variables = Template.map(Template.at(function, "Environment.Variables"), "Variables");

    for (String name : variables.keySet()) {
      if (!JVM_VARIABLES.contains(name)) {
        assertThat(extractorNames.values()).as(name + " is one of the extractor's EnvVars").contains(name);
      }
    }
    assertThat(Template.refTarget(variables.get(extractorNames.get("SPOTIFY_PLAYLIST_IDS")))).isEqualTo("PlaylistIds");
    assertThat(Template.refTarget(variables.get(extractorNames.get("LAKE_BUCKET")))).isEqualTo("LakeBucket");
    assertThat(Template.refTarget(variables.get(extractorNames.get("SPOTIFY_SECRET_ARN")))).isEqualTo("SpotifySecret");
    assertThat(variables.get(extractorNames.get("LAKE_PREFIX"))).as("the stack's lake is at the bucket root").isEqualTo("");
  }

  @Test
  void noSecretAndNoReservedVariableIsSetInTheTemplate() throws IOException {
    String source = Files.readString(Template.repositoryRoot().resolve(ENV_VARS));
    Matcher secretList = SECRET_LIST.matcher(source);
    assertThat(secretList.find()).as("EnvVars.SECRET in " + ENV_VARS).isTrue();
    Map<String, String> constants = extractorConstants();
    Map<String, Object> variables = Template.map(Template.at(function, "Environment.Variables"), "Variables");
    for (String constant : secretList.group(1).split(",")) {
      String name = constants.get(constant.trim());
      assertThat(name).as("EnvVars." + constant.trim()).isNotNull();
      assertThat(variables).as("secret values come from the secret, not the template").doesNotContainKey(name);
    }
    // Lambda sets these itself and refuses them in a function's configuration
    assertThat(variables).doesNotContainKeys("AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
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

  /** Constant name -> variable name, from the extractor's EnvVars source. */
  private static Map<String, String> extractorConstants() throws IOException {
    String source = Files.readString(Template.repositoryRoot().resolve(ENV_VARS));
    Map<String, String> constants = new LinkedHashMap<>();
    Matcher matcher = CONSTANT.matcher(source);
    while (matcher.find()) {
      constants.put(matcher.group(1), matcher.group(2));
    }
    assertThat(constants).as("constants in " + ENV_VARS)
        .containsKeys("SPOTIFY_PLAYLIST_IDS", "LAKE_BUCKET", "LAKE_PREFIX", "SPOTIFY_SECRET_ARN");
    return constants;
  }
}
