package io.github.spotifylakehouse.workflow.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.spotifylakehouse.workflow.cloudformation.ResourceSpecificationCheck.Violation;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack's template conforms to AWS's CloudFormation resource schemas (see
 * {@link ResourceSpecificationCheck}), and the check is real: small broken templates fail it, each for
 * the reason it was broken.
 */
class ResourceSpecificationTest {

  @TempDir
  Path work;

  @Test
  void stackTemplateConformsToTheResourceSchemas() {
    long start = System.nanoTime();
    List<Violation> violations = ResourceSpecificationCheck.check(Template.stack().path(), work);
    System.out.printf("resource specification check of %s: %d ms%n", Template.STACK_TEMPLATE,
        (System.nanoTime() - start) / 1_000_000);

    assertThat(violations).as("validator findings (errors and warnings)").isEmpty();
  }

  @Test
  void rejectsAnUnknownPropertyName() {
    assertThat(check("misspelled-property.yaml"))
        .anySatisfy(v -> {
          assertThat(v.severity()).isEqualTo("error");
          assertThat(v.message()).contains("'BucketNam' was unexpected");
          assertThat(v.logicalIds()).containsExactly("LakeBucket");
        });
  }

  @Test
  void rejectsAnUnknownNestedPropertyName() {
    assertThat(check("misspelled-nested-property.yaml"))
        .anySatisfy(v -> {
          assertThat(v.severity()).isEqualTo("error");
          assertThat(v.message()).contains("ScriptLocaton");
          assertThat(v.logicalIds()).containsExactly("EtlJob");
        });
  }

  @Test
  void rejectsAListWhereANumberBelongs() {
    assertThat(check("wrong-type-list.yaml"))
        .anySatisfy(v -> {
          assertThat(v.severity()).isEqualTo("error");
          assertThat(v.message()).containsIgnoringCase("memorySize").contains("should be a number");
        });
  }

  @Test
  void rejectsAWordWhereANumberBelongs() {
    assertThat(check("wrong-type-scalar.yaml"))
        .anySatisfy(v -> {
          assertThat(v.severity()).isEqualTo("error");
          assertThat(v.message()).containsIgnoringCase("numberOfWorkers").contains("lots");
        });
  }

  @Test
  void rejectsAnUnknownResourceType() {
    assertThat(check("unknown-resource-type.yaml"))
        .anySatisfy(v -> {
          assertThat(v.severity()).isEqualTo("error");
          assertThat(v.message()).contains("AWS::Glue::Jobs");
        });
  }

  @Test
  void rejectsAReferenceToNothing() {
    assertThat(check("dangling-reference.yaml"))
        .anySatisfy(v -> assertThat(v.message()).contains("LakeBuckt"));
  }

  private List<Violation> check(String brokenTemplate) {
    List<Violation> violations = ResourceSpecificationCheck.check(broken(brokenTemplate), work);
    System.out.println(brokenTemplate + ": " + violations);
    return violations;
  }

  static Path broken(String name) {
    try {
      return Path.of(ResourceSpecificationTest.class.getResource("/cloudformation/broken/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("Missing test resource cloudformation/broken/" + name, e);
    }
  }
}
