package io.github.spotifylakehouse.workflow.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.spotifylakehouse.etl.job.JobArguments;
import io.github.spotifylakehouse.lake.OutputFormat;
import io.github.spotifylakehouse.lake.JobParameters;
import io.github.spotifylakehouse.lake.LakeCatalog;
import io.github.spotifylakehouse.lake.LakeTable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Glue job runs the project's Spark job the way Glue 5.1 runs a JVM job, with Glue's own Iceberg and the
 * contract's Spark catalog as Iceberg's Glue catalog, and the arguments the template gives it are accepted by
 * the job's own parser, {@link JobArguments#parse}.
 */
class GlueJobTest {

  private static final String MAIN_CLASS = "io.github.spotifylakehouse.etl.job.SpotifyEtlJob";
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]+)}");
  /** Arguments Glue adds to every run of a job (names as Glue passes them). */
  private static final List<String> GLUE_ADDED = List.of("--JOB_ID", "j_0123456789abcdef", "--JOB_RUN_ID",
      "jr_0123456789abcdef", "--JOB_NAME", "spotify-lakehouse-etl", "--TempDir", "s3://aws-glue-assets-example/temporary/");

  private final Template template = Template.stack();
  private final Map<String, Object> job = template.properties("EtlJob");

  @Test
  void isAGlue5JvmJobWhoseClassIsTheSparkJobsMain() throws Exception {
    assertThat(job.get("GlueVersion")).isEqualTo("5.1");
    assertThat(Template.at(job, "Command.Name")).isEqualTo("glueetl");
    assertThat(Template.sub(Template.at(job, "Command.ScriptLocation"))).isEqualTo("s3://${ArtifactBucket}/${GlueScriptKey}");
    Map<String, Object> arguments = defaultArguments();
    assertThat(arguments).containsEntry("--job-language", "scala").containsEntry("--class", MAIN_CLASS);
    assertThat(Template.sub(arguments.get("--extra-jars"))).isEqualTo("s3://${ArtifactBucket}/${GlueJobsJarKey}");

    Class<?> main = Class.forName(MAIN_CLASS, false, getClass().getClassLoader());
    Method method = main.getMethod("main", String[].class);
    assertThat(Modifier.isStatic(method.getModifiers())).as(MAIN_CLASS + ".main is static").isTrue();
    assertThat(Template.at(job, "ExecutionProperty.MaxConcurrentRuns")).as("one run at a time").isEqualTo(1);
  }

  @Test
  void retriesOnceAndStopsAfterTheTimeoutParameter() {
    // a retry is safe only because a run recomputes whole dates and moves raw files last
    assertThat(job.get("MaxRetries")).isEqualTo(1);
    assertThat(Template.refTarget(job.get("Timeout"))).isEqualTo("GlueJobTimeoutMinutes");
    Map<String, Object> timeout = Template.map(template.parameters().get("GlueJobTimeoutMinutes"), "timeout");
    assertThat(timeout.get("Type")).isEqualTo("Number");
    assertThat((Integer) timeout.get("Default")).as("minutes: long enough for a daily run, short enough to"
        + " stop a stuck one well before the next day's").isBetween(15, 240);
  }

  @Test
  void logsToTheStacksOwnGroupsWithRetentionNotGluesAccountWideOnes() {
    // Glue 5.0 writes a job's logs to <prefix>/output and <prefix>/error when --custom-logGroup-prefix is set
    // (instead of the account-wide /aws-glue/jobs/output and /aws-glue/jobs/error)
    String prefix = Template.sub(defaultArguments().get("--custom-logGroup-prefix"));
    assertThat(prefix).isNotNull().doesNotStartWith("/aws-glue/");
    List<String> groups = template.resourcesOfType("AWS::Logs::LogGroup").stream()
        .map(id -> Template.sub(template.properties(id).get("LogGroupName"))).collect(Collectors.toList());
    assertThat(groups).contains(prefix + "/output", prefix + "/error");
    assertThat(defaultArguments()).as("continuous logging is Glue 4.0's mechanism (/aws-glue/jobs/logs-v2)")
        .doesNotContainKeys("--enable-continuous-cloudwatch-log", "--continuous-log-logGroup");
  }

  @Test
  void defaultArgumentsAreAcceptedByTheJobsParserForEveryAllowedFormat() {
    List<Object> formats = Template.list(
        Template.map(template.parameters().get("OutputFormats"), "OutputFormats").get("AllowedValues"), "formats");
    assertThat(formats).isNotEmpty();
    for (Object value : formats) {
      List<String> args = renderedArguments(Map.of("OutputFormats", String.valueOf(value)));
      JobArguments parsed = JobArguments.parse(args.toArray(String[]::new));

      assertThat(parsed.lakeRoot()).as(args.toString()).isEqualTo("s3://example-lake-bucket");
      assertThat(parsed.formats().stream().map(OutputFormat::argumentName).collect(Collectors.toList()))
          .as(args.toString()).containsExactlyInAnyOrder(String.valueOf(value).split(","));
    }
  }

  @Test
  void icebergIsGluesOwnAndTheContractsCatalogIsIcebergsGlueCatalogOverTheLakesIcebergPrefix() {
    Map<String, Object> arguments = defaultArguments();
    assertThat(arguments).containsEntry("--datalake-formats", "iceberg");
    assertThat(Template.refTarget(arguments.get("--" + JobParameters.DATABASE))).isEqualTo("GlueDatabase");
    // Glue accepts one --conf key; the others follow inside its value, each as " --conf key=value"
    String conf = Template.sub(arguments.get("--conf"));
    assertThat(conf).as("--conf is a Sub string").isNotNull();
    Map<String, String> settings = new LinkedHashMap<>();
    for (String setting : ("--conf " + conf.trim()).split("\\s*--conf\\s+")) {
      if (!setting.isBlank()) {
        int equals = setting.indexOf('=');
        assertThat(equals).as("a key=value setting: " + setting).isPositive();
        assertThat(settings.put(setting.substring(0, equals), setting.substring(equals + 1).trim()))
            .as("set once: " + setting).isNull();
      }
    }
    String catalog = "spark.sql.catalog." + LakeCatalog.SPARK_CATALOG;
    assertThat(settings).containsExactlyInAnyOrderEntriesOf(Map.of(
        "spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions",
        catalog, "org.apache.iceberg.spark.SparkCatalog",
        catalog + ".catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog",
        catalog + ".warehouse", "s3://${LakeBucket}/" + LakeTable.ICEBERG_ROOT,
        catalog + ".io-impl", "org.apache.iceberg.aws.s3.S3FileIO"));
    assertThat(Template.map(template.parameters().get("OutputFormats"), "OutputFormats"))
        .containsEntry("Default", "csv,iceberg");
  }

  @Test
  void everyJobArgumentTheTemplateSetsIsOneTheJobDefines() {
    List<String> own = defaultArguments().keySet().stream()
        .filter(name -> !isGlueArgument(name)).map(name -> name.substring(2)).collect(Collectors.toList());
    assertThat(JobParameters.ALL).containsAll(own);
    assertThat(own).contains(JobParameters.LAKE_ROOT, JobParameters.FORMATS);
  }

  @Test
  void theParserTheseChecksRelyOnRejectsAMissingLakeRoot() {
    List<String> args = renderedArguments(Map.of("OutputFormats", "csv"));
    int at = args.indexOf("--" + JobParameters.LAKE_ROOT);
    args.remove(at + 1);
    args.remove(at);

    assertThatThrownBy(() -> JobArguments.parse(args.toArray(String[]::new)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--" + JobParameters.LAKE_ROOT);
  }

  private static boolean isGlueArgument(String name) {
    return List.of("--job-language", "--class", "--extra-jars", "--job-bookmark-option", "--custom-logGroup-prefix",
        "--datalake-formats", "--conf").contains(name);
  }

  private Map<String, Object> defaultArguments() {
    return Template.map(job.get("DefaultArguments"), "EtlJob.DefaultArguments");
  }

  /** The arguments a run receives: Glue's own, then the job's defaults with sample parameter values. */
  private List<String> renderedArguments(Map<String, String> parameterValues) {
    List<String> args = new ArrayList<>(GLUE_ADDED);
    for (Map.Entry<String, Object> entry : defaultArguments().entrySet()) {
      args.add(entry.getKey());
      args.add(render(entry.getValue(), parameterValues));
    }
    return args;
  }

  private String render(Object value, Map<String, String> parameterValues) {
    Map<String, String> samples = new LinkedHashMap<>(parameterValues);
    samples.putIfAbsent("LakeBucket", "example-lake-bucket");
    samples.putIfAbsent("AWS::StackName", "spotify-lakehouse");
    samples.putIfAbsent("GlueDatabase", "spotify_lakehouse");
    if (value instanceof String) {
      return (String) value;
    }
    String ref = Template.refTarget(value);
    if (ref != null) {
      return sample(ref, samples);
    }
    String sub = Template.sub(value);
    if (sub != null) {
      Matcher matcher = SUB_VARIABLE.matcher(sub);
      StringBuilder out = new StringBuilder();
      while (matcher.find()) {
        matcher.appendReplacement(out, Matcher.quoteReplacement(sample(matcher.group(1), samples)));
      }
      return matcher.appendTail(out).toString();
    }
    throw new AssertionError("Cannot render job argument value " + value);
  }

  private String sample(String name, Map<String, String> samples) {
    if (samples.containsKey(name)) {
      return samples.get(name);
    }
    Object parameter = template.parameters().get(name);
    if (parameter != null && Template.map(parameter, name).get("Default") != null) {
      return String.valueOf(Template.map(parameter, name).get("Default"));
    }
    return "example-" + name.toLowerCase().replace("::", "-");
  }
}
