package io.github.spotifylakehouse.workflow.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CloudFormationValidatePlugin;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.cloudformation.include.CfnInclude;

/**
 * Checks a template against AWS's published CloudFormation resource schemas with aws-cdk-lib, the way a
 * CDK app that includes it would be checked before deployment:
 *
 * <ol>
 *   <li>{@link CfnInclude} loads the template into the typed L1 constructs generated from the
 *       CloudFormation resource specification: it fails on a {@code Ref}, {@code GetAtt}, {@code Sub}
 *       or {@code Condition} that names nothing, and at synthesis the L1 validators reject a property
 *       of the wrong type.</li>
 *   <li>AWS's CloudFormation validator ({@code @aws/cloudformation-validate}, bundled in aws-cdk-lib and
 *       plugged in as {@link CloudFormationValidatePlugin}) checks the synthesized template against the
 *       resource provider schemas (unknown resource types and property names, types, allowed values,
 *       patterns, required properties) and its lint rules. CfnInclude alone keeps an unknown property
 *       as an override without complaint; the validator is what rejects it.</li>
 * </ol>
 *
 * <p>Both run in Node.js, which jsii starts next to the JVM; one validator engine is shared per JVM
 * because starting it is the slow part.
 */
final class ResourceSpecificationCheck {

  /** Makes the validator's findings errors that fail synthesis, not warnings. */
  private static final String STRICT_VALIDATION_FLAG = "@aws-cdk/core:validateAgainstDefaultRules";
  private static final String REPORT_FILE = "validation-report.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static CloudFormationValidatePlugin plugin;

  private ResourceSpecificationCheck() {
  }

  /**
   * A finding.
   *
   * @param rule the validator's rule id (e.g. {@code F3002}), or {@code CfnInclude} / {@code synth}
   * @param severity {@code error} or {@code warning}
   * @param message what is wrong, naming the property
   * @param logicalIds the resources concerned (may be empty)
   */
  record Violation(String rule, String severity, String message, List<String> logicalIds) {
    @Override
    public String toString() {
      return "[" + rule + " " + severity + "] " + logicalIds + " " + message;
    }
  }

  private static synchronized CloudFormationValidatePlugin plugin() {
    if (plugin == null) {
      requireNode();
      plugin = new CloudFormationValidatePlugin();
    }
    return plugin;
  }

  /** jsii's own error for a missing {@code node} is a bare IOException; say what to install instead. */
  private static void requireNode() {
    String hint = "The CloudFormation resource-specification check runs AWS's validator in Node.js (through"
        + " jsii): install Node.js 18 or newer (Debian: apt-get install nodejs) and put 'node' on the PATH";
    try {
      Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      String version = new String(node.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!node.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || node.exitValue() != 0) {
        throw new IllegalStateException(hint + "; 'node --version' said: " + version.strip());
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(hint + "; 'node' could not be started: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(hint, e);
    }
  }

  /** Every finding for the template at {@code template}; empty when it conforms. */
  static List<Violation> check(Path template, Path workDir) {
    Path outdir = workDir.resolve("cdk.out");
    App app = App.Builder.create()
        .outdir(outdir.toString())
        .context(Map.of(STRICT_VALIDATION_FLAG, true))
        .build();
    Validations.of(app).addPlugins(plugin());
    Stack stack = new Stack(app, "SpotifyLakehouse");
    try {
      CfnInclude.Builder.create(stack, "Template").templateFile(template.toString()).build();
    } catch (RuntimeException e) {
      return List.of(new Violation("CfnInclude", "error", firstLine(e), List.of()));
    }
    try {
      app.synth();
    } catch (RuntimeException e) {
      List<Violation> reported = readReport(outdir.resolve(REPORT_FILE));
      return reported.isEmpty() ? List.of(new Violation("synth", "error", firstLine(e), List.of())) : reported;
    }
    // warnings do not fail synthesis; the report still lists them
    return readReport(outdir.resolve(REPORT_FILE));
  }

  private static List<Violation> readReport(Path report) {
    List<Violation> violations = new ArrayList<>();
    if (!Files.isRegularFile(report)) {
      return violations;
    }
    try {
      JsonNode root = JSON.readTree(report.toFile());
      for (JsonNode pluginReport : root.path("pluginReports")) {
        for (JsonNode violation : pluginReport.path("violations")) {
          List<String> ids = new ArrayList<>();
          for (JsonNode construct : violation.path("violatingConstructs")) {
            String id = construct.path("cloudFormationResource").path("logicalId").asText("");
            if (!id.isEmpty()) {
              ids.add(id);
            }
          }
          violations.add(new Violation(violation.path("ruleName").asText(), violation.path("severity").asText(),
              violation.path("description").asText(), ids));
        }
      }
      return violations;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the validation report " + report, e);
    }
  }

  private static String firstLine(RuntimeException e) {
    // jsii appends the Node.js error and its stack to the message
    String message = String.valueOf(e.getMessage());
    for (String tail : List.of("\n@jsii/kernel", "\n\u00ab", "\n    at ")) {
      int at = message.indexOf(tail);
      message = at > 0 ? message.substring(0, at) : message;
    }
    return message.trim();
  }
}
