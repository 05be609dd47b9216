package io.github.spotifylakehouse.workflow.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Athena runs exactly the SQL the local runner runs: one named query per file in
 * {@code workflow/src/main/resources/sql/queries/} and {@code sql/views/}, with the file's text (without
 * its final newline), and none besides. {@code cloudformation/sync-named-queries.sh} writes them.
 */
class NamedQueriesTest {

  private static final String SQL = "workflow/src/main/resources/sql/";

  private final Template template = Template.stack();

  @Test
  void everySqlFileIsANamedQueryWithTheSameText() throws IOException {
    Map<String, String> files = sqlFiles();
    assertThat(files.keySet()).as("query files").anyMatch(f -> f.startsWith("queries/"));
    assertThat(files.keySet()).as("view files").anyMatch(f -> f.startsWith("views/"));

    Map<String, Map<String, Object>> queries = namedQueriesByName();
    for (Map.Entry<String, String> file : files.entrySet()) {
      String name = file.getKey().substring(file.getKey().indexOf('/') + 1, file.getKey().length() - ".sql".length());
      Map<String, Object> query = queries.get(name);
      assertThat(query).as("named query for " + SQL + file.getKey()
          + " (run cloudformation/sync-named-queries.sh)").isNotNull();
      assertThat(query.get("QueryString")).as("QueryString of " + name + " == " + SQL + file.getKey()
          + " (run cloudformation/sync-named-queries.sh)").isEqualTo(withoutFinalNewlines(file.getValue()));
      assertThat((String) query.get("Description")).contains(SQL + file.getKey());
      assertThat(Template.refTarget(query.get("Database"))).isEqualTo("GlueDatabase");
      assertThat(Template.refTarget(query.get("WorkGroup"))).isEqualTo("AthenaWorkGroup");
    }
    assertThat(queries.keySet()).as("named queries without a file")
        .containsExactlyInAnyOrderElementsOf(files.keySet().stream()
            .map(f -> f.substring(f.indexOf('/') + 1, f.length() - ".sql".length())).collect(Collectors.toList()));
  }

  @Test
  void generatorAgreesTheTemplateIsUpToDate() throws Exception {
    Path script = Template.repositoryRoot().resolve("cloudformation/sync-named-queries.sh");
    Process process = new ProcessBuilder("bash", script.toString(), "--check").redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("generator finished").isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("up to date");
  }

  /** Path relative to the sql folder ({@code queries/x.sql}) -> text. */
  private static Map<String, String> sqlFiles() throws IOException {
    Path sql = Template.repositoryRoot().resolve(SQL);
    Map<String, String> files = new TreeMap<>();
    for (String kind : List.of("queries", "views")) {
      Path dir = sql.resolve(kind);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> list = Files.list(dir)) {
        for (Path file : list.filter(f -> f.toString().endsWith(".sql")).collect(Collectors.toList())) {
          files.put(kind + "/" + file.getFileName(), Files.readString(file, StandardCharsets.UTF_8));
        }
      }
    }
    return files;
  }

  private Map<String, Map<String, Object>> namedQueriesByName() {
    Map<String, Map<String, Object>> byName = new TreeMap<>();
    for (String id : template.resourcesOfType("AWS::Athena::NamedQuery")) {
      Map<String, Object> properties = template.properties(id);
      assertThat(byName.put((String) properties.get("Name"), properties)).as("duplicate name " + properties.get("Name")).isNull();
    }
    return byName;
  }

  private static String withoutFinalNewlines(String text) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '\n') {
      end--;
    }
    return text.substring(0, end);
  }
}
