package io.github.spotifylakehouse.workflow.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.RawLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lake bucket protects raw data, which cannot be fetched again for past days: it is versioned, keeps
 * consumed raw files unless told otherwise, and expires only what can be recreated or was looked at (the
 * prefixes are {@link RawLayout}'s).
 */
class LakeBucketTest {

  private final Template template = Template.stack();
  private final Map<String, Object> bucket = template.properties("LakeBucket");

  @Test
  void isVersionedAndKeptWhenTheStackGoes() {
    assertThat(Template.at(bucket, "VersioningConfiguration.Status")).isEqualTo("Enabled");
    // kept on deletion and replacement; only the rollback of the creation that made it removes it (empty)
    assertThat(template.resource("LakeBucket")).containsEntry("DeletionPolicy", "RetainExceptOnCreate")
        .containsEntry("UpdateReplacePolicy", "Retain");
  }

  @Test
  void consumedRawFilesAreKeptForeverByDefaultAndExpireOnlyWhenAsked() {
    Map<String, Object> parameter = Template.map(template.parameters().get("ProcessedRawRetentionDays"), "p");
    assertThat(parameter).as("0, the default, keeps them forever").containsEntry("Default", 0)
        .containsEntry("MinValue", 0).containsEntry("Type", "Number");

    // 0 means "no rule", through a condition (a referenced Number parameter is a string)
    assertThat(template.conditions().get("ExpireProcessedRaw")).isEqualTo(Map.of("Fn::Not",
        List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "ProcessedRawRetentionDays"), "0")))));
    Map<String, Object> processed = rule("expire-processed-raw");
    assertThat(processed.get("Prefix")).isEqualTo(RawLayout.PROCESSED);
    assertThat(Template.refTarget(processed.get("ExpirationInDays"))).isEqualTo("ProcessedRawRetentionDays");
    assertThat(conditionOf("expire-processed-raw")).isEqualTo("ExpireProcessedRaw");
  }

  @Test
  void rejectedFilesExpireAfterTheirParameterAndNoncurrentVersionsAfterTheirs() {
    Map<String, Object> rejected = rule("expire-rejected-raw");
    assertThat(rejected.get("Prefix")).isEqualTo(RawLayout.REJECTED);
    assertThat(Template.refTarget(rejected.get("ExpirationInDays"))).isEqualTo("RejectedRawRetentionDays");
    assertThat(conditionOf("expire-rejected-raw")).isNull();

    Map<String, Object> noncurrent = rule("expire-noncurrent-versions");
    assertThat(noncurrent).doesNotContainKey("Prefix");
    assertThat(Template.refTarget(Template.at(noncurrent, "NoncurrentVersionExpiration.NoncurrentDays")))
        .isEqualTo("NoncurrentVersionRetentionDays");
    assertThat(noncurrent.get("ExpiredObjectDeleteMarker")).as("markers left alone once their versions expired")
        .isEqualTo(true);
    assertThat(Template.at(rule("abort-incomplete-multipart-uploads"), "AbortIncompleteMultipartUpload.DaysAfterInitiation"))
        .isNotNull();
  }

  @Test
  void nothingLandingOrDerivedExpiresByAge() {
    // raw_data/to_process/ holds runs still being written or waiting for the job, which handles stale ones;
    // tables are recomputed only from raw files, so they are not expired either
    for (Map<String, Object> rule : lifecycleRules(template).values()) {
      assertThat(rule.get("Prefix")).as(String.valueOf(rule.get("Id")))
          .isNotIn(RawLayout.TO_PROCESS, RawLayout.RAW_ROOT, LakeTable.TRANSFORMED_ROOT, "");
    }
  }

  @Test
  void sendsObjectEventsToEventBridgeWhateverStartsTheWorkflow() {
    // the "succeeded with rejected files" alert reads them, not only the manifest trigger
    assertThat(Template.at(bucket, "NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled"))
        .isEqualTo(true);
  }

  private Map<String, Object> rule(String id) {
    Map<String, Object> rule = lifecycleRules(template).get(id);
    assertThat(rule).as("lifecycle rule " + id).isNotNull();
    assertThat(rule.get("Status")).as(id).isEqualTo("Enabled");
    return rule;
  }

  private String conditionOf(String id) {
    for (Object entry : rawRules(template)) {
      Map<String, Object> map = Template.map(entry, "rule");
      if (map.containsKey("Fn::If")) {
        List<Object> branches = Template.list(map.get("Fn::If"), "Fn::If");
        if (id.equals(Template.map(branches.get(1), "rule").get("Id"))) {
          assertThat(Template.refTarget(branches.get(2))).as("no rule otherwise").isEqualTo("AWS::NoValue");
          return String.valueOf(branches.get(0));
        }
      }
    }
    return null;
  }

  /** The lake bucket's lifecycle rules by Id, a conditional rule as the rule it adds when its condition holds. */
  static Map<String, Map<String, Object>> lifecycleRules(Template template) {
    Map<String, Map<String, Object>> rules = new LinkedHashMap<>();
    for (Object entry : rawRules(template)) {
      Map<String, Object> rule = Template.map(entry, "rule");
      if (rule.containsKey("Fn::If")) {
        rule = Template.map(Template.list(rule.get("Fn::If"), "Fn::If").get(1), "rule");
      }
      rules.put(String.valueOf(rule.get("Id")), rule);
    }
    return rules;
  }

  private static List<Object> rawRules(Template template) {
    return new ArrayList<>(Template.list(
        Template.at(template.properties("LakeBucket"), "LifecycleConfiguration.Rules"), "rules"));
  }
}
