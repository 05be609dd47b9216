package io.github.spotifylakehouse.workflow.cloudformation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds every name a template uses ({@code Ref}, {@code Fn::GetAtt}, the variables of {@code Fn::Sub},
 * conditions in {@code Condition} and {@code Fn::If}, {@code DependsOn}) that it does not define.
 */
final class ReferenceCheck {

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

  private ReferenceCheck() {
  }

  /** One message per dangling name, naming where it is used; empty when every name resolves. */
  static List<String> danglingReferences(Template template) {
    Set<String> parameters = template.parameters().keySet();
    Set<String> resources = template.resources().keySet();
    Set<String> conditions = template.conditions().keySet();
    List<String> problems = new ArrayList<>();

    for (String id : resources) {
      Map<String, Object> resource = template.resource(id);
      Object condition = resource.get("Condition");
      if (condition != null && !conditions.contains(String.valueOf(condition))) {
        problems.add(id + ": Condition " + condition + " is not defined");
      }
      for (Object dependency : Template.oneOrMany(resource.getOrDefault("DependsOn", List.of()))) {
        if (!resources.contains(String.valueOf(dependency))) {
          problems.add(id + ": DependsOn " + dependency + " is not a resource");
        }
      }
    }

    for (String section : List.of("Resources", "Outputs", "Conditions")) {
      for (Map.Entry<String, Object> entry : template.section(section).entrySet()) {
        String where = section + "." + entry.getKey();
        Template.eachMapping(entry.getValue(), map -> {
          String ref = Template.refTarget(map);
          if (ref != null && !parameters.contains(ref) && !resources.contains(ref) && !ref.startsWith("AWS::")) {
            problems.add(where + ": Ref " + ref + " is neither a parameter nor a resource");
          }
          List<String> getAtt = Template.getAtt(map);
          if (getAtt != null && (getAtt.size() != 2 || !resources.contains(getAtt.get(0)))) {
            problems.add(where + ": GetAtt " + getAtt + " does not name a resource");
          }
          if (map.containsKey("Fn::Sub")) {
            problems.addAll(subProblems(where, map.get("Fn::Sub"), parameters, resources));
          }
          if (map.containsKey("Fn::If")) {
            Object name = Template.list(map.get("Fn::If"), where + " Fn::If").get(0);
            if (!conditions.contains(String.valueOf(name))) {
              problems.add(where + ": Fn::If condition " + name + " is not defined");
            }
          }
          if (map.size() == 1 && map.containsKey("Condition") && section.equals("Conditions")
              && !conditions.contains(String.valueOf(map.get("Condition")))) {
            problems.add(where + ": Condition " + map.get("Condition") + " is not defined");
          }
        });
      }
    }
    return problems;
  }

  /** Every variable a Fn::Sub string uses, without its attribute ({@code LakeBucket.Arn} -> {@code LakeBucket}). */
  static Set<String> subVariables(String text) {
    Set<String> names = new LinkedHashSet<>();
    Matcher matcher = SUB_VARIABLE.matcher(text);
    while (matcher.find()) {
      names.add(matcher.group(1).trim());
    }
    return names;
  }

  private static List<String> subProblems(String where, Object argument, Set<String> parameters,
                                          Set<String> resources) {
    String text;
    Set<String> local = Set.of();
    if (argument instanceof String) {
      text = (String) argument;
    } else {
      List<Object> form = Template.list(argument, where + " Fn::Sub");
      text = String.valueOf(form.get(0));
      local = Template.map(form.get(1), where + " Fn::Sub variables").keySet();
    }
    List<String> problems = new ArrayList<>();
    for (String variable : subVariables(text)) {
      String name = variable.contains(".") && !variable.startsWith("AWS::")
          ? variable.substring(0, variable.indexOf('.')) : variable;
      boolean attribute = variable.contains(".") && !variable.startsWith("AWS::");
      boolean known = local.contains(variable) || name.startsWith("AWS::") || resources.contains(name)
          || (!attribute && parameters.contains(name));
      if (!known) {
        problems.add(where + ": Sub variable ${" + variable + "} names nothing in \"" + text + "\"");
      }
    }
    return problems;
  }
}
