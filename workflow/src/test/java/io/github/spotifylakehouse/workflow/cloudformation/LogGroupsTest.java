package io.github.spotifylakehouse.workflow.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every log group the pipeline writes has a retention. The stack owns its Lambda's and its job's groups
 * (named under {@code /spotify-lakehouse/<stack>/}); the crawlers can only write to Glue's account-wide
 * {@code /aws-glue/crawlers}, which the stack must not own (another stack's crawlers share it, and an existing
 * group would fail the creation), so deploy.sh gives it a retention when it has none
 * ({@link DeployScriptsTest}).
 */
class LogGroupsTest {

  private final Template template = Template.stack();

  @Test
  void everyLogGroupOfTheStackHasTheRetentionParameter() {
    List<String> groups = template.resourcesOfType("AWS::Logs::LogGroup");
    assertThat(groups).isNotEmpty();
    for (String group : groups) {
      Map<String, Object> properties = template.properties(group);
      assertThat(Template.refTarget(properties.get("RetentionInDays"))).as(group).isEqualTo("LogRetentionDays");
      assertThat(Template.sub(properties.get("LogGroupName"))).as(group)
          .startsWith("/spotify-lakehouse/${AWS::StackName}/");
    }
  }

  @Test
  void noAccountWideGlueGroupIsOwnedByTheStack() {
    for (String group : template.resourcesOfType("AWS::Logs::LogGroup")) {
      assertThat(String.valueOf(template.properties(group).get("LogGroupName"))).as(group).doesNotContain("/aws-glue/");
    }
  }
}
