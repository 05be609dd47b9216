package io.github.spotifylakehouse.workflow.cloudformation;

import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.RawLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Least privilege, checked statement by statement in every role of a template: an Allow names its
 * actions one by one (no {@code *} anywhere, no {@code NotAction}) and only resources of the stack: the
 * lake bucket or one of its data prefixes, the Spotify secret, the Glue database and its tables, the
 * workflow, the stack's log groups, its alert topic, key and queue, the extractor function, and the two
 * uploaded Glue artifacts. The one exception is the fixed log group every Glue crawler writes to. Resource
 * policies (bucket, topic, queue and key policies) are held to the first rule too: no wildcard action in
 * an Allow.
 */
final class IamPolicyCheck {

  private static final String GLUE_ARN = "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:";
  private static final Set<String> ALLOWED_SUBS = Set.of(
      "${LakeBucket.Arn}/" + RawLayout.TO_PROCESS + "*",
      "${LakeBucket.Arn}/" + RawLayout.PROCESSED + "*",
      "${LakeBucket.Arn}/" + RawLayout.RAW_ROOT + "*",
      "${LakeBucket.Arn}/" + LakeTable.TRANSFORMED_ROOT + "*",
      // EMRFS also reads the folder's own key and writes a <folder>_$folder$ marker beside it
      "${LakeBucket.Arn}/" + topLevelName(RawLayout.RAW_ROOT) + "*",
      "${LakeBucket.Arn}/" + topLevelName(LakeTable.TRANSFORMED_ROOT) + "*",
      GLUE_ARN + "catalog",
      GLUE_ARN + "database/${GlueDatabase}",
      GLUE_ARN + "table/${GlueDatabase}/*",
      GLUE_ARN + "workflow/${Workflow}",
      "arn:${AWS::Partition}:s3:::${ArtifactBucket}/${GlueJobsJarKey}",
      "arn:${AWS::Partition}:s3:::${ArtifactBucket}/${GlueScriptKey}",
      // crawlers always log here; no setting moves it
      "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws-glue/crawlers:*");

  /** Types whose {@code Fn::GetAtt X.Arn} names a resource of the stack a role may be granted. */
  private static final Set<String> GRANTABLE_BY_ARN = Set.of("AWS::Logs::LogGroup", "AWS::KMS::Key",
      "AWS::SQS::Queue", "AWS::Lambda::Function");
  /** Types whose {@code Ref} is an ARN a role may be granted. */
  private static final Set<String> GRANTABLE_BY_REF = Set.of("AWS::SecretsManager::Secret", "AWS::SNS::Topic");
  /** Resource policies, by type, and where their document is. */
  private static final Map<String, String> RESOURCE_POLICIES = Map.of(
      "AWS::S3::BucketPolicy", "PolicyDocument",
      "AWS::SNS::TopicPolicy", "PolicyDocument",
      "AWS::SQS::QueuePolicy", "PolicyDocument",
      "AWS::KMS::Key", "KeyPolicy");

  private IamPolicyCheck() {
  }

  /** {@code raw_data/} -> {@code raw_data}: the name of a top-level prefix. */
  static String topLevelName(String prefix) {
    if (!prefix.endsWith("/") || prefix.indexOf('/') != prefix.length() - 1) {
      throw new IllegalArgumentException("Not a top-level prefix: " + prefix);
    }
    return prefix.substring(0, prefix.length() - 1);
  }

  /** One message per offending action or resource, naming the role and statement. */
  static List<String> problems(Template template) {
    List<String> problems = new ArrayList<>();
    for (String role : template.resourcesOfType("AWS::IAM::Role")) {
      for (Map.Entry<String, Map<String, Object>> statement : allowStatements(template, role).entrySet()) {
        String where = role + " " + statement.getKey();
        Map<String, Object> s = statement.getValue();
        if (s.containsKey("NotAction") || s.containsKey("NotResource")) {
          problems.add(where + ": NotAction/NotResource in an Allow");
        }
        for (Object action : Template.oneOrMany(s.getOrDefault("Action", List.of()))) {
          if (!(action instanceof String) || ((String) action).contains("*")) {
            problems.add(where + ": wildcard action " + action);
          }
        }
        for (Object resource : Template.oneOrMany(s.getOrDefault("Resource", List.of()))) {
          if (!isStackResource(template, resource)) {
            problems.add(where + ": resource outside the stack " + resource);
          }
        }
      }
    }
    for (String id : template.resources().keySet()) {
      String document = RESOURCE_POLICIES.get(template.type(id));
      if (document == null) {
        continue;
      }
      List<Object> statements = Template.oneOrMany(
          Template.at(template.properties(id), document + ".Statement"));
      for (int i = 0; i < statements.size(); i++) {
        Map<String, Object> statement = Template.map(statements.get(i), id + " statement " + i);
        if (!"Allow".equals(statement.get("Effect"))) {
          continue;
        }
        String where = id + " " + statement.getOrDefault("Sid", String.valueOf(i));
        if (statement.containsKey("NotAction") || statement.containsKey("NotPrincipal")) {
          problems.add(where + ": NotAction/NotPrincipal in an Allow");
        }
        for (Object action : Template.oneOrMany(statement.getOrDefault("Action", List.of()))) {
          if (!(action instanceof String) || ((String) action).contains("*")) {
            problems.add(where + ": wildcard action " + action);
          }
        }
      }
    }
    return problems;
  }

  /** The Allow statements of a role's inline policies, keyed {@code policy/Sid-or-index}. */
  static Map<String, Map<String, Object>> allowStatements(Template template, String role) {
    Map<String, Map<String, Object>> statements = new java.util.LinkedHashMap<>();
    for (Object policy : Template.oneOrMany(template.properties(role).getOrDefault("Policies", List.of()))) {
      Map<String, Object> p = Template.map(policy, role + " policy");
      List<Object> list = Template.oneOrMany(Template.at(p, "PolicyDocument.Statement"));
      for (int i = 0; i < list.size(); i++) {
        Map<String, Object> statement = Template.map(list.get(i), role + " statement " + i);
        if ("Allow".equals(statement.get("Effect"))) {
          statements.put(p.get("PolicyName") + "/" + statement.getOrDefault("Sid", String.valueOf(i)), statement);
        }
      }
    }
    return statements;
  }

  private static boolean isStackResource(Template template, Object resource) {
    String ref = Template.refTarget(resource);
    if (ref != null) {
      return template.resources().containsKey(ref) && GRANTABLE_BY_REF.contains(template.type(ref));
    }
    List<String> getAtt = Template.getAtt(resource);
    if (getAtt != null) {
      String id = getAtt.get(0);
      return getAtt.get(1).equals("Arn") && template.resources().containsKey(id)
          && (id.equals("LakeBucket") || GRANTABLE_BY_ARN.contains(template.type(id)));
    }
    String sub = Template.sub(resource);
    return sub != null && ALLOWED_SUBS.contains(sub);
  }
}
