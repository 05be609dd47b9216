package io.github.spotifylakehouse.workflow.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.spotifylakehouse.lake.Column;
import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.workflow.query.SqlFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * QuickSight from the stack, only when a principal is given: an Athena data source on the project's workgroup,
 * and data sets over the view {@code song_enriched} and every Iceberg table with the contract's columns, owned
 * by that principal.
 */
class QuickSightTest {

  private static final Pattern SELECT_ITEM = Pattern.compile("^\\s{2}(?:.*\\sAS\\s+|[a-z]+\\.)([a-z_]+),?$");

  private final Template template = Template.stack();

  @Test
  void everyQuickSightResourceExistsOnlyWithAPrincipal() {
    assertThat(template.conditions().get("HasQuickSight")).isEqualTo(Map.of("Fn::Not",
        List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "QuickSightPrincipalArn"), "")))));
    assertThat(Template.map(template.parameters().get("QuickSightPrincipalArn"), "parameter"))
        .containsEntry("Default", "");
    List<String> quickSight = new ArrayList<>(template.resourcesOfType("AWS::QuickSight::DataSource"));
    quickSight.addAll(template.resourcesOfType("AWS::QuickSight::DataSet"));
    assertThat(quickSight).hasSize(2 + LakeTable.values().length);
    for (String id : quickSight) {
      assertThat(template.resource(id).get("Condition")).as(id).isEqualTo("HasQuickSight");
      List<Object> permissions = Template.list(template.properties(id).get("Permissions"), id + " permissions");
      assertThat(permissions).as(id).singleElement().satisfies(p -> {
        Map<String, Object> permission = Template.map(p, id + " permission");
        assertThat(Template.refTarget(permission.get("Principal"))).isEqualTo("QuickSightPrincipalArn");
        assertThat(Template.list(permission.get("Actions"), "actions")).isNotEmpty()
            .allSatisfy(a -> assertThat((String) a).startsWith("quicksight:").doesNotContain("*"));
      });
    }
  }

  @Test
  void theDataSourceIsAthenaOnTheStacksWorkgroup() {
    Map<String, Object> source = template.properties(template.onlyResourceOfType("AWS::QuickSight::DataSource"));
    assertThat(source.get("Type")).isEqualTo("ATHENA");
    assertThat(Template.refTarget(Template.at(source, "DataSourceParameters.AthenaParameters.WorkGroup")))
        .isEqualTo("AthenaWorkGroup");
  }

  @Test
  void dataSetsReadTheViewAndEveryIcebergTableWithTheContractsColumns() {
    Map<String, Map<String, String>> dataSets = dataSets();
    Map<String, String> view = new LinkedHashMap<>();
    for (String column : viewColumns()) {
      view.put(column, null);
    }
    assertThat(dataSets).containsKey("song_enriched");
    assertThat(dataSets.get("song_enriched").keySet()).containsExactlyElementsOf(view.keySet());
    for (LakeTable table : LakeTable.values()) {
      Map<String, String> expected = new LinkedHashMap<>();
      for (Column column : table.columns()) {
        expected.put(column.name(), quickSightType(column.type()));
      }
      expected.put(LakeTable.PARTITION_COLUMN, "DATETIME");
      assertThat(dataSets.get(table.tableName())).as(table.tableName()).containsExactlyEntriesOf(expected);
    }
  }

  /** QuickSight's input column type of a contract type. */
  private static String quickSightType(String type) {
    return switch (type) {
      case "string" -> "STRING";
      case "int", "bigint" -> "INTEGER";
      case "boolean" -> "BOOLEAN";
      case "date", "timestamp" -> "DATETIME";
      default -> throw new AssertionError("no QuickSight type for " + type);
    };
  }

  /** Table or view name -> its input columns (name -> type), of every data set. */
  private Map<String, Map<String, String>> dataSets() {
    Map<String, Map<String, String>> sets = new LinkedHashMap<>();
    for (String id : template.resourcesOfType("AWS::QuickSight::DataSet")) {
      Map<String, Object> physical = Template.map(template.properties(id).get("PhysicalTableMap"), id + " tables");
      assertThat(physical).as(id).hasSize(1);
      Map<String, Object> relational = Template.map(Template.map(physical.values().iterator().next(), id)
          .get("RelationalTable"), id + " RelationalTable");
      assertThat(Template.getAtt(relational.get("DataSourceArn"))).containsExactly("QuickSightDataSource", "Arn");
      assertThat(relational.get("Catalog")).isEqualTo("AwsDataCatalog");
      assertThat(Template.refTarget(relational.get("Schema"))).isEqualTo("GlueDatabase");
      Map<String, String> columns = new LinkedHashMap<>();
      for (Object column : Template.list(relational.get("InputColumns"), id + " columns")) {
        Map<String, Object> c = Template.map(column, id + " column");
        columns.put((String) c.get("Name"), (String) c.get("Type"));
      }
      sets.put((String) relational.get("Name"), columns);
    }
    return sets;
  }

  /** The output columns of the view, in order, read from its select list (one item per line). */
  private static List<String> viewColumns() {
    SqlFile view = SqlFile.views().stream().filter(v -> v.name().equals("song_enriched")).findFirst().orElseThrow();
    String select = view.text().substring(view.text().indexOf("SELECT"), view.text().indexOf("\nFROM"));
    List<String> columns = new ArrayList<>();
    for (String line : select.split("\n")) {
      Matcher m = SELECT_ITEM.matcher(line);
      if (m.matches()) {
        columns.add(m.group(1));
      }
    }
    assertThat(columns).hasSizeGreaterThan(10);
    return columns;
  }
}
