package io.github.spotifylakehouse.workflow.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.spotifylakehouse.workflow.PipelineStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The AWS pipeline runs the local runner's steps ({@link PipelineStep}) in the same order: EXTRACT is the
 * Lambda on its EventBridge Scheduler schedule, then the Glue Workflow chains TRANSFORM (the job) and CATALOG (the
 * crawlers, when the job succeeded), and QUERY is the Athena named queries.
 */
class WorkflowGraphTest {

  private static final Pattern DAILY_CRON = Pattern.compile("cron\\((\\d+) (\\d+) \\* \\* \\? \\*\\)");

  private final Template template = Template.stack();

  @Test
  void awsStepsFollowThePipelineStepOrder() {
    List<PipelineStep> aws = new ArrayList<>();
    assertThat(Template.refTarget(extractorScheduleTarget())).isNull();
    assertThat(Template.getAtt(extractorScheduleTarget())).containsExactly("ExtractorFunction", "Arn");
    aws.add(PipelineStep.EXTRACT);
    aws.addAll(workflowChain());
    assertThat(template.resourcesOfType("AWS::Athena::NamedQuery")).as("named queries").isNotEmpty();
    aws.add(PipelineStep.QUERY);

    assertThat(aws).containsExactlyElementsOf(Arrays.asList(PipelineStep.values()));
  }

  @Test
  void startTriggerIsTheScheduleOrTheManifestEventNeverBoth() {
    Map<String, Object> conditions = template.conditions();
    assertThat(conditions.get("StartOnSchedule")).isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "TransformStart"), "SCHEDULE")));
    assertThat(conditions.get("StartOnManifest")).isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "TransformStart"), "MANIFEST_EVENT")));

    Map<String, String> conditionByType = startTriggers().stream().collect(Collectors.toMap(
        id -> (String) template.properties(id).get("Type"), id -> String.valueOf(template.resource(id).get("Condition"))));
    assertThat(conditionByType).containsExactlyInAnyOrderEntriesOf(
        Map.of("SCHEDULED", "StartOnSchedule", "EVENT", "StartOnManifest"));
    for (String id : List.of("ManifestLandedRule", "ManifestEventsRole")) {
      assertThat(template.resource(id).get("Condition")).as(id).isEqualTo("StartOnManifest");
    }
  }

  @Test
  void defaultTransformScheduleRunsAfterTheDefaultExtractSchedule() {
    // the Glue trigger's cron is UTC; the extraction's is in its own time zone, UTC by default
    assertThat(Template.map(template.parameters().get("ExtractScheduleTimezone"), "tz")).containsEntry("Default", "UTC");
    assertThat(minuteOfDay("TransformSchedule")).isGreaterThan(minuteOfDay("ExtractSchedule"));
  }

  /** The steps the Glue Workflow runs, following its triggers from the start trigger(s). */
  private List<PipelineStep> workflowChain() {
    List<PipelineStep> chain = new ArrayList<>();
    Set<String> current = new LinkedHashSet<>();
    for (String trigger : startTriggers()) {
      current.addAll(actions(trigger));
    }
    Set<String> visited = new LinkedHashSet<>();
    while (!current.isEmpty()) {
      assertThat(visited).as("a cycle in the workflow").doesNotContainAnyElementsOf(current);
      visited.addAll(current);
      Set<PipelineStep> steps = current.stream().map(this::stepOf).collect(Collectors.toSet());
      assertThat(steps).as("one step per stage of the workflow: " + current).hasSize(1);
      chain.add(steps.iterator().next());
      Set<String> next = new LinkedHashSet<>();
      for (String trigger : conditionalTriggers()) {
        List<String> watched = watchedJobs(trigger);
        if (!watched.isEmpty() && current.containsAll(watched)) {
          next.addAll(actions(trigger));
        }
      }
      current = next;
    }
    assertThat(visited).as("the workflow runs the job and every crawler")
        .containsAll(template.resourcesOfType("AWS::Glue::Crawler"))
        .containsAll(template.resourcesOfType("AWS::Glue::Job"));
    return chain;
  }

  private PipelineStep stepOf(String logicalId) {
    switch (template.type(logicalId)) {
      case "AWS::Glue::Job":
        return PipelineStep.TRANSFORM;
      case "AWS::Glue::Crawler":
        return PipelineStep.CATALOG;
      default:
        throw new AssertionError("No pipeline step runs as " + template.type(logicalId) + " (" + logicalId + ")");
    }
  }

  private List<String> triggersOfWorkflow() {
    return template.resourcesOfType("AWS::Glue::Trigger").stream()
        .filter(id -> "Workflow".equals(Template.refTarget(template.properties(id).get("WorkflowName"))))
        .collect(Collectors.toList());
  }

  private List<String> startTriggers() {
    return triggersOfWorkflow().stream()
        .filter(id -> List.of("SCHEDULED", "EVENT", "ON_DEMAND").contains(template.properties(id).get("Type")))
        .collect(Collectors.toList());
  }

  private List<String> conditionalTriggers() {
    List<String> conditional = triggersOfWorkflow().stream()
        .filter(id -> "CONDITIONAL".equals(template.properties(id).get("Type"))).collect(Collectors.toList());
    assertThat(triggersOfWorkflow()).as("every trigger of the workflow starts it or is conditional")
        .hasSize(startTriggers().size() + conditional.size());
    return conditional;
  }

  /** Jobs whose SUCCEEDED state a conditional trigger waits for (all of them: Logical AND). */
  private List<String> watchedJobs(String trigger) {
    Map<String, Object> predicate = Template.map(template.properties(trigger).get("Predicate"), trigger + ".Predicate");
    List<Object> conditions = Template.list(predicate.get("Conditions"), trigger + " conditions");
    if (conditions.size() > 1) {
      assertThat(predicate.get("Logical")).as(trigger).isEqualTo("AND");
    }
    return conditions.stream().map(condition -> {
      Map<String, Object> c = Template.map(condition, trigger + " condition");
      assertThat(c).as(trigger + " fires on success only").containsEntry("State", "SUCCEEDED")
          .containsEntry("LogicalOperator", "EQUALS");
      return Template.refTarget(c.get("JobName"));
    }).collect(Collectors.toList());
  }

  private List<String> actions(String trigger) {
    return Template.list(template.properties(trigger).get("Actions"), trigger + ".Actions").stream().map(action -> {
      Map<String, Object> a = Template.map(action, trigger + " action");
      Object target = a.containsKey("JobName") ? a.get("JobName") : a.get("CrawlerName");
      String id = Template.refTarget(target);
      assertThat(id).as(trigger + " action " + a + " refers to a resource of the stack").isNotNull();
      return id;
    }).collect(Collectors.toList());
  }

  private Object extractorScheduleTarget() {
    String schedule = template.onlyResourceOfType("AWS::Scheduler::Schedule");
    Map<String, Object> properties = template.properties(schedule);
    assertThat(Template.refTarget(properties.get("ScheduleExpression"))).isEqualTo("ExtractSchedule");
    assertThat(template.resourcesOfType("AWS::Events::Rule")).as("no second schedule as an EventBridge rule")
        .noneMatch(id -> template.properties(id).containsKey("ScheduleExpression"));
    return Template.at(properties, "Target.Arn");
  }

  private int minuteOfDay(String parameter) {
    String cron = String.valueOf(Template.map(template.parameters().get(parameter), parameter).get("Default"));
    Matcher matcher = DAILY_CRON.matcher(cron);
    assertThat(matcher.matches()).as(parameter + " default is a daily cron: " + cron).isTrue();
    return Integer.parseInt(matcher.group(2)) * 60 + Integer.parseInt(matcher.group(1));
  }
}
