package io.github.spotifylakehouse.workflow.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spotifylakehouse.lake.ExtractorEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Lambda is configured with the extractor's own environment variable names and handler, runs one at a
 * time on its schedule, and reports its failures. The extractor
 * cannot share this classpath (it brings Jackson 2.20, Spark needs 2.15), so its names are read from its
 * configuration holder's source, {@code ExtractorEnv.java}.
 */
class ExtractorFunctionTest {

  private static final String EXTRACTOR_SOURCES = "extractor/src/main/java/";
  /** The event the extractor's handler tests read with the Lambda runtime's own serializer. */
  private static final String EXTRACTOR_EVENT = "extractor/src/test/resources/events/scheduled-event.json";
  /** What the stack's schedule sends the handler, filled in with sample values. */
  private static final String SCHEDULE_INPUT_FIXTURE = "events/extraction-schedule-input.json";
  private static final ObjectMapper JSON = new ObjectMapper();
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
  void playlistsAreOptionalSoTheExtractorFindsTheUsersOwn() {
    Map<String, Object> playlists = Template.map(template.parameters().get("PlaylistIds"), "PlaylistIds");
    assertThat(playlists.get("Default")).as("empty: the extractor discovers the user's playlists").isEqualTo("");
    String pattern = (String) playlists.get("AllowedPattern");
    assertThat("").matches(pattern);
    assertThat("me,37i9dQZF1DXcBWIGoYBM5M").matches(pattern);
    assertThat("a1, b2").doesNotMatch(pattern);
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
    assertThat(template.resourcesOfType("AWS::Lambda::Permission")).as("the schedule invokes through its role")
        .isEmpty();
  }

  @Test
  void oneExtractionAtATime() {
    assertThat(function.get("ReservedConcurrentExecutions")).isEqualTo(1);
  }

  @Test
  void aScheduledRunThatFailsForGoodIsReportedToTheAlertTopic() {
    Map<String, Object> config = template.properties(template.onlyResourceOfType("AWS::Lambda::EventInvokeConfig"));
    assertThat(Template.refTarget(config.get("FunctionName"))).isEqualTo("ExtractorFunction");
    assertThat(config.get("Qualifier")).isEqualTo("$LATEST");
    assertThat(Template.refTarget(Template.at(config, "DestinationConfig.OnFailure.Destination"))).isEqualTo("AlertTopic");
    assertThat((Integer) config.get("MaximumRetryAttempts")).isBetween(0, 2);
    assertThat((Integer) config.get("MaximumEventAgeInSeconds")).as("not after the day's transform").isLessThanOrEqualTo(3600);
  }

  @Test
  void anyFailedInvocationRaisesTheErrorsAlarm() {
    Map<String, Object> alarm = template.properties("ExtractorErrorsAlarm");
    assertThat(alarm).containsEntry("Namespace", "AWS/Lambda").containsEntry("MetricName", "Errors")
        .containsEntry("Statistic", "Sum").containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold")
        .containsEntry("Threshold", 1).containsEntry("TreatMissingData", "notBreaching");
    Map<String, Object> dimension = Template.map(Template.list(alarm.get("Dimensions"), "dimensions").get(0), "dimension");
    assertThat(dimension).containsEntry("Name", "FunctionName");
    assertThat(Template.refTarget(dimension.get("Value"))).isEqualTo("ExtractorFunction");
    assertThat(Template.list(alarm.get("AlarmActions"), "actions").stream().map(Template::refTarget))
        .containsExactly("AlertTopic");
  }

  @Test
  void theScheduleSendsTheHandlerAScheduledEventAndDeadLettersWhatItCannotDeliver() throws IOException {
    Map<String, Object> schedule = template.properties(template.onlyResourceOfType("AWS::Scheduler::Schedule"));
    Map<String, Object> target = Template.map(schedule.get("Target"), "Target");
    assertThat(Template.getAtt(target.get("Arn"))).containsExactly("ExtractorFunction", "Arn");
    assertThat(Template.refTarget(schedule.get("ScheduleExpressionTimezone"))).isEqualTo("ExtractScheduleTimezone");

    // what Scheduler sends, with its keywords and the pseudo parameters filled in, is the documented fixture
    String input = Template.sub(target.get("Input"));
    assertThat(input).isNotNull();
    JsonNode expected = JSON.readTree(Files.readString(fixture(SCHEDULE_INPUT_FIXTURE)));
    String rendered = input.replace("${AWS::AccountId}", expected.get("account").asText())
        .replace("${AWS::Region}", expected.get("region").asText())
        .replace("<aws.scheduler.execution-id>", expected.get("id").asText())
        .replace("<aws.scheduler.scheduled-time>", expected.get("time").asText())
        .replace("<aws.scheduler.schedule-arn>", expected.get("resources").get(0).asText());
    assertThat(JSON.readTree(rendered)).isEqualTo(expected);

    // ... and has the fields of the event the extractor's own tests read into the real ScheduledEvent class
    JsonNode extractorFixture = JSON.readTree(Files.readString(Template.repositoryRoot().resolve(EXTRACTOR_EVENT)));
    assertThat(fieldNames(expected)).containsExactlyInAnyOrderElementsOf(fieldNames(extractorFixture));
    assertThat(expected.get("detail-type").asText()).isEqualTo(extractorFixture.get("detail-type").asText());
    assertThat(java.time.Instant.parse(expected.get("time").asText())).isNotNull();

    assertThat(Template.getAtt(Template.at(target, "DeadLetterConfig.Arn"))).containsExactly("ExtractionDeadLetterQueue", "Arn");
    assertThat(Template.map(target.get("RetryPolicy"), "RetryPolicy")).containsKeys("MaximumRetryAttempts",
        "MaximumEventAgeInSeconds");
    Map<String, Object> alarm = template.properties("ExtractionDeadLetterAlarm");
    assertThat(alarm).containsEntry("Namespace", "AWS/SQS").containsEntry("MetricName", "ApproximateNumberOfMessagesVisible");
    assertThat(Template.getAtt(Template.map(Template.list(alarm.get("Dimensions"), "d").get(0), "d").get("Value")))
        .containsExactly("ExtractionDeadLetterQueue", "QueueName");
    assertThat(Template.list(alarm.get("AlarmActions"), "actions").stream().map(Template::refTarget))
        .containsExactly("AlertTopic");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Path fixture(String name) {
    try {
      return Path.of(ExtractorFunctionTest.class.getResource("/cloudformation/" + name).toURI());
    } catch (java.net.URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("Missing test resource cloudformation/" + name, e);
    }
  }
}
