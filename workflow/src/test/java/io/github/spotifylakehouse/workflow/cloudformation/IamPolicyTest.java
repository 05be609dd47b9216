package io.github.spotifylakehouse.workflow.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.RawLayout;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every role grants named actions on the stack's own resources only, and each role only what it needs. */
class IamPolicyTest {

  private final Template template = Template.stack();

  @Test
  void noWildcardActionAndNoResourceOutsideTheStack() {
    assertThat(template.resourcesOfType("AWS::IAM::Role")).isNotEmpty();
    assertThat(template.resourcesOfType("AWS::IAM::Policy")).as("policies live inline in their role").isEmpty();
    assertThat(template.resourcesOfType("AWS::IAM::ManagedPolicy")).isEmpty();
    assertThat(IamPolicyCheck.problems(template)).isEmpty();
  }

  @Test
  void extractorOnlyLandsRawFilesUsesItsSecretAndWritesItsLogs() {
    Map<String, List<Object>> grants = grants("ExtractorRole");
    assertThat(grants).containsOnlyKeys("s3:PutObject", "s3:GetObject", "s3:ListBucket",
        "secretsmanager:GetSecretValue",
        "secretsmanager:PutSecretValue", "logs:CreateLogStream", "logs:PutLogEvents",
        "sns:Publish", "kms:GenerateDataKey", "kms:Decrypt");
    assertThat(grants.get("sns:Publish")).as("its failures, to the alert topic only")
        .containsExactly(Map.of("Ref", "AlertTopic"));
    assertThat(grants.get("kms:GenerateDataKey")).containsExactly(Map.of("Fn::GetAtt", List.of("AlertKey", "Arn")));
    assertThat(grants.get("secretsmanager:PutSecretValue")).as("only the stack's own secret")
        .containsExactly(Map.of("Ref", "SpotifySecret"));
    assertThat(grants.get("s3:PutObject")).containsExactly(Map.of("Fn::Sub", "${LakeBucket.Arn}/" + RawLayout.TO_PROCESS + "*"));
    assertThat(grants.get("s3:GetObject")).as("a same-day retry reads the manifests that landed")
        .containsExactly(Map.of("Fn::Sub", "${LakeBucket.Arn}/" + RawLayout.TO_PROCESS + "*"),
            Map.of("Fn::Sub", "${LakeBucket.Arn}/" + RawLayout.PROCESSED + "*"));
    assertThat(grants.get("s3:ListBucket")).containsExactly(Map.of("Fn::GetAtt", List.of("LakeBucket", "Arn")));
  }

  @Test
  void crawlersReadTablesAndWriteOnlyPartitionMetadata() {
    Map<String, List<Object>> grants = grants("CrawlerRole");
    assertThat(grants.keySet().stream().filter(a -> a.startsWith("s3:"))).containsExactlyInAnyOrder("s3:GetObject", "s3:ListBucket");
    assertThat(grants.get("s3:GetObject")).containsExactly(Map.of("Fn::Sub", "${LakeBucket.Arn}/" + LakeTable.TRANSFORMED_ROOT + "*"));
    assertThat(grants.keySet()).doesNotContain("glue:CreateTable", "glue:DeleteTable", "glue:DeletePartition",
        "glue:BatchDeletePartition", "glue:DeleteDatabase");
  }

  @Test
  void etlJobReadsAndMovesRawFilesWritesTablesAndReadsOnlyItsArtifacts() {
    Map<String, List<Object>> grants = grants("EtlJobRole");
    String raw = IamPolicyCheck.topLevelName(RawLayout.RAW_ROOT);
    String transformed = IamPolicyCheck.topLevelName(LakeTable.TRANSFORMED_ROOT);
    assertThat(grants.get("s3:DeleteObject")).containsExactlyInAnyOrder(
        Map.of("Fn::Sub", "${LakeBucket.Arn}/" + raw + "*"),
        Map.of("Fn::Sub", "${LakeBucket.Arn}/" + transformed + "*"));
    assertThat(grants.keySet().stream().filter(a -> a.startsWith("secretsmanager:"))).as("no secret").isEmpty();
    // Iceberg's Glue catalog: the database and its tables, never partitions, deletes or other databases
    assertThat(grants.keySet().stream().filter(a -> a.startsWith("glue:"))).containsExactlyInAnyOrder(
        "glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:CreateTable", "glue:UpdateTable");
    String glue = "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:";
    for (String action : List.of("glue:CreateTable", "glue:UpdateTable", "glue:GetTable")) {
      assertThat(grants.get(action)).as(action).containsExactlyInAnyOrder(Map.of("Fn::Sub", glue + "catalog"),
          Map.of("Fn::Sub", glue + "database/${GlueDatabase}"), Map.of("Fn::Sub", glue + "table/${GlueDatabase}/*"));
    }
  }

  @Test
  void etlJobHasWhatGluesS3FileSystemNeedsAndNothingElse() {
    Map<String, List<Object>> grants = grants("EtlJobRole");
    // EMRFS: bucket region, listing with prefix and delimiter, object reads and writes (a move is a copy and
    // a delete), and the clean-up of a failed multipart upload
    assertThat(grants.keySet().stream().filter(a -> a.startsWith("s3:"))).containsExactlyInAnyOrder(
        "s3:GetBucketLocation", "s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject",
        "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts");
    assertThat(grants.get("s3:GetBucketLocation")).containsExactly(Map.of("Fn::GetAtt", List.of("LakeBucket", "Arn")));

    List<Map<String, Object>> listings = IamPolicyCheck.allowStatements(template, "EtlJobRole").values().stream()
        .filter(s -> Template.oneOrMany(s.get("Action")).contains("s3:ListBucket")).collect(Collectors.toList());
    assertThat(listings).as("one listing grant").hasSize(1);
    assertThat(Template.at(listings.get(0), "Condition.StringLike.s3:prefix")).as("only the lake's two prefixes")
        .isEqualTo(List.of(IamPolicyCheck.topLevelName(RawLayout.RAW_ROOT) + "*",
            IamPolicyCheck.topLevelName(LakeTable.TRANSFORMED_ROOT) + "*"));
    assertThat(grants.get("s3:PutObject")).noneMatch(r -> String.valueOf(r).contains("athena-results"));
  }

  @Test
  void scheduleMayOnlyRunTheExtractorAndDeadLetterItsUndeliveredRuns() {
    Map<String, List<Object>> grants = grants("ExtractionScheduleRole");
    assertThat(grants).containsOnlyKeys("lambda:InvokeFunction", "sqs:SendMessage");
    assertThat(grants.get("lambda:InvokeFunction")).containsExactly(Map.of("Fn::GetAtt", List.of("ExtractorFunction", "Arn")));
    assertThat(grants.get("sqs:SendMessage")).containsExactly(Map.of("Fn::GetAtt", List.of("ExtractionDeadLetterQueue", "Arn")));
    Map<String, Object> trust = Template.map(Template.list(Template.at(template.properties("ExtractionScheduleRole"),
        "AssumeRolePolicyDocument.Statement"), "trust").get(0), "trust");
    assertThat(Template.at(trust, "Principal.Service")).isEqualTo("scheduler.amazonaws.com");
    assertThat(Template.at(trust, "Condition.StringEquals.aws:SourceAccount")).as("only this account's schedules")
        .isEqualTo(Map.of("Ref", "AWS::AccountId"));
  }

  @Test
  void bucketPolicyRefusesPlainHttp() {
    Map<String, Object> statement = Template.map(Template.list(
        Template.at(template.properties("LakeBucketPolicy"), "PolicyDocument.Statement"), "statements").get(0), "statement");
    assertThat(statement).containsEntry("Effect", "Deny").containsEntry("Principal", "*");
    assertThat(Template.at(statement, "Condition.Bool")).isEqualTo(Map.of("aws:SecureTransport", "false"));
  }

  @Test
  void findsWildcardsForeignResourcesAndNotAction() {
    List<String> problems = IamPolicyCheck.problems(Template.load(ResourceSpecificationTest.broken("wide-iam.yaml")));

    assertThat(problems).containsExactlyInAnyOrder(
        "WideRole wide/0: wildcard action s3:*",
        "WideRole wide/0: resource outside the stack *",
        "WideRole wide/1: wildcard action logs:Put*",
        "WideRole wide/1: resource outside the stack arn:aws:s3:::someone-elses-bucket/*",
        "WideRole wide/1: resource outside the stack {Fn::Sub=${LakeBucket.Arn}/*}",
        "WideRole wide/2: NotAction/NotResource in an Allow",
        "WideTopicPolicy AnyoneMayDoAnything: wildcard action sns:*");
  }

  /** Action -> resources granted by a role's Allow statements. */
  private Map<String, List<Object>> grants(String role) {
    return IamPolicyCheck.allowStatements(template, role).values().stream()
        .flatMap(s -> Template.oneOrMany(s.get("Action")).stream().map(a -> Map.entry(String.valueOf(a), s)))
        .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.flatMapping(
            e -> Template.oneOrMany(e.getValue().get("Resource")).stream(), Collectors.toList())));
  }
}
