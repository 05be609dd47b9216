package io.github.spotifylakehouse.workflow.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spotifylakehouse.lake.JobOutcome;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every way the daily pipeline can go wrong reaches one alert topic, with a message that says what happened:
 * the job's failed states, a crawler failure, and the job's "succeeded with rejected files" signal, which is
 * a summary landing under {@link JobOutcome}'s prefix. The topic is encrypted with a key that EventBridge and
 * CloudWatch may use, and only the stack's own rules and alarms may publish to it.
 */
class AlertsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.-]+)>");

  private final Template template = Template.stack();

  @Test
  void everyJobOutcomeButPlainSuccessAlerts() {
    for (JobOutcome outcome : JobOutcome.values()) {
      if (outcome == JobOutcome.SUCCEEDED) {
        assertThat(rulesOnSummaryPrefix(outcome.summaryPrefix())).as("a plain success is not alerted").isEmpty();
      } else if (outcome.exitStatus() != 0) {
        // a non-zero exit fails the Glue run, which the job-state rule reports
        assertThat(Template.list(Template.at(pattern("EtlJobAlertRule"), "detail.state"), "states"))
            .as(outcome.label()).contains("FAILED");
      } else {
        assertThat(rulesOnSummaryPrefix(outcome.summaryPrefix())).as(outcome.label() + " succeeds but alerts")
            .containsExactly("RejectedFilesAlertRule");
      }
    }
  }

  @Test
  void rejectedFilesSignalIsASummaryLandingUnderItsOutcomesPrefixInTheLakeBucket() {
    Map<String, Object> pattern = pattern("RejectedFilesAlertRule");
    assertThat(pattern.get("source")).isEqualTo(List.of("aws.s3"));
    assertThat(pattern.get("detail-type")).isEqualTo(List.of("Object Created"));
    assertThat(Template.list(Template.at(pattern, "detail.bucket.name"), "bucket").stream().map(Template::refTarget))
        .containsExactly("LakeBucket");
    String prefix = JobOutcome.SUCCEEDED_WITH_REJECTED_FILES.summaryPrefix();
    assertThat(keyPrefixes("RejectedFilesAlertRule")).containsExactly(prefix);
    // the other outcomes' summaries do not match it
    for (JobOutcome other : JobOutcome.values()) {
      if (other != JobOutcome.SUCCEEDED_WITH_REJECTED_FILES) {
        assertThat(other.summaryPrefix() + "20261121T060012Z-1a2b3c4d.json").doesNotStartWith(prefix);
      }
    }
    assertThat(Template.at(template.properties("LakeBucket"),
        "NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled")).isEqualTo(true);
  }

  @Test
  void jobRuleWatchesOnlyThisStacksJobAndItsThreeFailedStates() {
    Map<String, Object> pattern = pattern("EtlJobAlertRule");
    assertThat(pattern.get("source")).isEqualTo(List.of("aws.glue"));
    assertThat(pattern.get("detail-type")).isEqualTo(List.of("Glue Job State Change"));
    assertThat(Template.list(Template.at(pattern, "detail.jobName"), "jobs").stream().map(Template::refTarget))
        .containsExactly("EtlJob");
    assertThat(Template.at(pattern, "detail.state")).isEqualTo(List.of("FAILED", "TIMEOUT", "STOPPED"));
  }

  @Test
  void crawlerRuleWatchesEveryCrawlerOfTheStackAndNoOther() {
    Map<String, Object> pattern = pattern("CrawlerAlertRule");
    assertThat(pattern.get("source")).isEqualTo(List.of("aws.glue"));
    assertThat(pattern.get("detail-type")).isEqualTo(List.of("Glue Crawler State Change"));
    assertThat(Template.list(Template.at(pattern, "detail.crawlerName"), "crawlers").stream().map(Template::refTarget))
        .containsExactlyInAnyOrderElementsOf(template.resourcesOfType("AWS::Glue::Crawler"));
    assertThat(Template.at(pattern, "detail.state")).isEqualTo(List.of("Failed"));
  }

  @Test
  void everyAlertRuleSaysWhatHappenedInPlainText() throws Exception {
    List<String> rules = alertRules();
    assertThat(rules).containsExactlyInAnyOrder("EtlJobAlertRule", "CrawlerAlertRule", "RejectedFilesAlertRule");
    for (String rule : rules) {
      Map<String, Object> transformer = Template.map(Template.at(alertTarget(rule), "InputTransformer"), rule);
      Map<String, Object> paths = Template.map(transformer.get("InputPathsMap"), rule + " paths");
      String text = Template.sub(transformer.get("InputTemplate"));
      assertThat(text).as(rule + " template is a Sub string").isNotNull();

      Set<String> used = new TreeSet<>();
      Matcher placeholders = PLACEHOLDER.matcher(text);
      while (placeholders.find()) {
        used.add(placeholders.group(1));
      }
      assertThat(used).as(rule + ": every placeholder is mapped, every mapping shown")
          .containsExactlyInAnyOrderElementsOf(paths.keySet());
      assertThat(paths.values()).as(rule).allMatch(p -> String.valueOf(p).startsWith("$."));

      // EventBridge sends the template with the values filled in: it must be one JSON string
      String rendered = text.replace("${AWS::StackName}", "spotify-lakehouse")
          .replaceAll(PLACEHOLDER.pattern(), "value with \\\\\"quotes\\\\\"");
      JsonNode message = JSON.readTree(rendered);
      assertThat(message.isTextual()).as(rule + " renders as a JSON string: " + rendered).isTrue();
      assertThat(message.asText()).contains("spotify-lakehouse", "runbook");
    }
    assertThat(Template.list(Template.at(pattern("EtlJobAlertRule"), "detail.state"), "states")).isNotEmpty();
    assertThat(Template.map(Template.at(alertTarget("EtlJobAlertRule"), "InputTransformer.InputPathsMap"), "paths"))
        .containsEntry("message", "$.detail.message").containsEntry("run", "$.detail.jobRunId");
    assertThat(Template.map(Template.at(alertTarget("CrawlerAlertRule"), "InputTransformer.InputPathsMap"), "paths"))
        .containsEntry("error", "$.detail.errorMessage");
    assertThat(Template.map(Template.at(alertTarget("RejectedFilesAlertRule"), "InputTransformer.InputPathsMap"), "paths"))
        .containsEntry("key", "$.detail.object.key");
  }

  @Test
  void onlyTheStacksRulesMayPublishToTheTopic() {
    Map<String, Object> statement = topicPolicyStatement("events.amazonaws.com");
    assertThat(statement.get("Action")).isEqualTo("sns:Publish");
    assertThat(Template.refTarget(statement.get("Resource"))).isEqualTo("AlertTopic");
    List<String> sources = Template.list(Template.at(statement, "Condition.ArnEquals.aws:SourceArn"), "sources").stream()
        .map(Template::getAtt).map(g -> g.get(0) + "." + g.get(1)).collect(Collectors.toList());
    assertThat(sources).containsExactlyInAnyOrderElementsOf(
        alertRules().stream().map(r -> r + ".Arn").collect(Collectors.toList()));
  }

  @Test
  void onlyTheStacksAlarmsMayPublishToTheTopicAndEveryAlarmDoes() {
    Map<String, Object> statement = topicPolicyStatement("cloudwatch.amazonaws.com");
    assertThat(statement.get("Action")).isEqualTo("sns:Publish");
    List<String> sources = Template.list(Template.at(statement, "Condition.ArnEquals.aws:SourceArn"), "sources").stream()
        .map(Template::getAtt).map(g -> g.get(0)).collect(Collectors.toList());
    List<String> alarms = template.resourcesOfType("AWS::CloudWatch::Alarm");
    assertThat(sources).containsExactlyInAnyOrderElementsOf(alarms);
    for (String alarm : alarms) {
      assertThat(Template.list(template.properties(alarm).get("AlarmActions"), alarm).stream().map(Template::refTarget))
          .as(alarm).containsExactly("AlertTopic");
    }
  }

  @Test
  void topicIsEncryptedWithAStackKeyThatEventBridgeMayUse() {
    Map<String, Object> topic = template.properties("AlertTopic");
    assertThat(Template.getAtt(topic.get("KmsMasterKeyId"))).as("not alias/aws/sns: its policy cannot admit EventBridge")
        .containsExactly("AlertKey", "Arn");
    Map<String, Object> key = template.properties("AlertKey");
    assertThat(key.get("EnableKeyRotation")).isEqualTo(true);
    Map<String, Object> services = Template.list(Template.at(key, "KeyPolicy.Statement"), "statements").stream()
        .map(s -> Template.map(s, "statement"))
        .filter(s -> s.get("Principal") instanceof Map && Template.map(s.get("Principal"), "p").containsKey("Service"))
        .findFirst().orElseThrow();
    assertThat(Template.oneOrMany(Template.at(services, "Principal.Service")))
        .contains("events.amazonaws.com", "cloudwatch.amazonaws.com");
    assertThat(Template.oneOrMany(services.get("Action"))).containsExactlyInAnyOrder("kms:GenerateDataKey", "kms:Decrypt");
  }

  @Test
  void emailSubscriptionOnlyWhenAnAddressIsGiven() {
    assertThat(Template.map(template.parameters().get("AlertEmail"), "AlertEmail")).containsEntry("Default", "");
    assertThat(template.conditions().get("HasAlertEmail"))
        .isEqualTo(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "AlertEmail"), "")))));
    List<String> subscriptions = template.resourcesOfType("AWS::SNS::Subscription");
    assertThat(subscriptions).hasSize(1);
    assertThat(template.resource(subscriptions.get(0))).containsEntry("Condition", "HasAlertEmail");
    Map<String, Object> subscription = template.properties(subscriptions.get(0));
    assertThat(subscription).containsEntry("Protocol", "email");
    assertThat(Template.refTarget(subscription.get("Endpoint"))).isEqualTo("AlertEmail");
    assertThat(Template.refTarget(subscription.get("TopicArn"))).isEqualTo("AlertTopic");
  }

  /** Events rules with a target on the alert topic. */
  private List<String> alertRules() {
    return template.resourcesOfType("AWS::Events::Rule").stream().filter(id -> Template.list(
            template.properties(id).get("Targets"), id).stream()
        .anyMatch(t -> "AlertTopic".equals(Template.refTarget(Template.map(t, "target").get("Arn")))))
        .collect(Collectors.toList());
  }

  private Map<String, Object> alertTarget(String rule) {
    List<Object> targets = Template.list(template.properties(rule).get("Targets"), rule + ".Targets");
    assertThat(targets).as(rule + " has one target").hasSize(1);
    Map<String, Object> target = Template.map(targets.get(0), rule + " target");
    assertThat(Template.refTarget(target.get("Arn"))).as(rule + " target").isEqualTo("AlertTopic");
    return target;
  }

  private Map<String, Object> pattern(String rule) {
    return Template.map(template.properties(rule).get("EventPattern"), rule + ".EventPattern");
  }

  /** The {@code prefix} filters of a rule's {@code detail.object.key}. */
  private List<String> keyPrefixes(String rule) {
    Map<String, Object> detail = Template.map(pattern(rule).get("detail"), rule + " detail");
    if (!(detail.get("object") instanceof Map)) {
      return List.of();
    }
    return Template.list(Template.at(detail, "object.key"), rule + " key").stream()
        .map(k -> Template.map(k, "key filter").get("prefix")).filter(p -> p != null).map(String::valueOf)
        .collect(Collectors.toList());
  }

  /** Alert rules that fire on summaries landing under {@code summaryPrefix}. */
  private List<String> rulesOnSummaryPrefix(String summaryPrefix) {
    return alertRules().stream()
        .filter(rule -> keyPrefixes(rule).stream().anyMatch(p -> (summaryPrefix + "run.json").startsWith(p)))
        .collect(Collectors.toList());
  }

  private Map<String, Object> topicPolicyStatement(String service) {
    return Template.list(Template.at(template.properties("AlertTopicPolicy"), "PolicyDocument.Statement"), "s")
        .stream().map(s -> Template.map(s, "statement"))
        .filter(s -> service.equals(Template.at(s, "Principal.Service"))).findFirst()
        .orElseThrow(() -> new AssertionError("no topic policy statement for " + service));
  }
}
