package io.github.spotifylakehouse.workflow.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every name the stack's template uses is defined, and everything it defines is used. */
class TemplateReferencesTest {

  private final Template template = Template.stack();

  @Test
  void everyRefGetAttSubAndConditionResolves() {
    assertThat(ReferenceCheck.danglingReferences(template)).isEmpty();
  }

  @Test
  void everyParameterAndConditionIsUsed() {
    Set<String> used = new TreeSet<>();
    for (String section : new String[] {"Resources", "Outputs", "Conditions"}) {
      Template.eachMapping(template.section(section), map -> {
        String ref = Template.refTarget(map);
        if (ref != null) {
          used.add(ref);
        }
        String sub = Template.sub(map);
        if (sub != null) {
          used.addAll(ReferenceCheck.subVariables(sub));
        }
        if (map.containsKey("Fn::If")) {
          used.add(String.valueOf(Template.list(map.get("Fn::If"), "Fn::If").get(0)));
        }
      });
    }
    template.resources().keySet().forEach(id -> {
      Object condition = template.resource(id).get("Condition");
      if (condition != null) {
        used.add(String.valueOf(condition));
      }
    });

    assertThat(used).as("parameters used").containsAll(template.parameters().keySet());
    assertThat(used).as("conditions used").containsAll(template.conditions().keySet());
  }

  @Test
  void findsRefsSubVariablesGetAttsAndConditionsThatNameNothing() {
    Template broken = Template.load(ResourceSpecificationTest.broken("dangling-sub-getatt-condition.yaml"));

    assertThat(ReferenceCheck.danglingReferences(broken)).containsExactlyInAnyOrder(
        "LakeBucket: Condition HasNme is not defined",
        "Resources.LakeBucket: Fn::If condition HasNam is not defined",
        "Outputs.Raw: Sub variable ${LakeBuckt.Arn} names nothing in \"${LakeBuckt.Arn}/raw_data/ in ${AWS::Region}\"",
        "Outputs.Arn: GetAtt [LakeBukket, Arn] does not name a resource");
    assertThat(ReferenceCheck.danglingReferences(
        Template.load(ResourceSpecificationTest.broken("dangling-reference.yaml"))))
        .containsExactly("Resources.LakeBucketPolicy: Ref LakeBuckt is neither a parameter nor a resource");
  }
}
