package io.github.spotifylakehouse.workflow.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spotifylakehouse.lake.Column;
import io.github.spotifylakehouse.lake.JobParameters;
import io.github.spotifylakehouse.lake.LakeTable;
import io.github.spotifylakehouse.lake.RawLayout;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The CSV catalog in the template is the lake contract's: one table per {@link LakeTable} (its CSV copy,
 * {@link LakeTable#csvTableName()}), laid out as the job writes it, all under one crawler; and the bucket's
 * prefixes are {@link RawLayout}'s. (The Iceberg tables are the job's: see {@code GlueJobTest}.)
 */
class GlueCatalogTest {

  /** Where the job writes, as a Sub string: the job's {@code --lake-root} plus a table's prefix. */
  private static final String LAKE_ROOT = "s3://${LakeBucket}";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Template template = Template.stack();

  @Test
  void oneTablePerLakeTableNamedAsTheContractSays() {
    assertThat(tables().keySet()).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(LakeTable.values()).map(LakeTable::csvTableName).collect(Collectors.toList()));
    for (String id : template.resourcesOfType("AWS::Glue::Table")) {
      assertThat(Template.refTarget(template.properties(id).get("DatabaseName"))).as(id).isEqualTo("GlueDatabase");
    }
    assertThat(Template.map(template.parameters().get("DatabaseName"), "DatabaseName"))
        .containsEntry("Default", "spotify_lakehouse");
  }

  @Test
  void columnsAreTheContractsInOrderAsStringsWithTheLogicalTypeInTheComment() {
    for (LakeTable table : LakeTable.values()) {
      List<Object> columns = Template.list(
          Template.at(tableInput(table), "StorageDescriptor.Columns"), table.tableName() + " columns");
      assertThat(columns).as(table.tableName()).hasSameSizeAs(table.columns());
      for (int i = 0; i < columns.size(); i++) {
        Map<String, Object> column = Template.map(columns.get(i), table.tableName() + " column " + i);
        Column expected = table.columns().get(i);
        assertThat(column.get("Name")).as(table.tableName() + " column " + i).isEqualTo(expected.name());
        assertThat(column.get("Type")).as(table.tableName() + "." + expected.name())
            .isEqualTo(catalogType(expected));
        assertThat(column.get("Comment")).as(table.tableName() + "." + expected.name() + " comment")
            .isEqualTo(expected.type() + ": " + expected.description());
      }
    }
  }

  /**
   * The catalog type of a column of the CSV tables. Athena's OpenCSVSerDe reads DATE only as days since
   * the epoch and TIMESTAMP only as epoch milliseconds, and fails on an empty field in a numeric column
   * (the job writes null as an empty field), so every column is a string and the queries CAST.
   */
  static String catalogType(Column column) {
    return "string";
  }

  @Test
  void partitionedBySnapshotDateAsAString() {
    for (LakeTable table : LakeTable.values()) {
      List<Object> keys = Template.list(tableInput(table).get("PartitionKeys"), table.tableName() + " partition keys");
      assertThat(keys).as(table.tableName()).hasSize(1);
      Map<String, Object> key = Template.map(keys.get(0), "partition key");
      assertThat(key.get("Name")).isEqualTo(LakeTable.PARTITION_COLUMN);
      assertThat(key.get("Type")).isEqualTo(LakeTable.PARTITION_TYPE);
    }
  }

  @Test
  void tablesReadTheJobsCsvOutputWithQuotesAndAHeader() {
    Map<String, Object> jobArguments = Template.map(template.properties("EtlJob").get("DefaultArguments"), "args");
    assertThat(Template.sub(jobArguments.get("--" + JobParameters.LAKE_ROOT))).isEqualTo(LAKE_ROOT);

    for (LakeTable table : LakeTable.values()) {
      Map<String, Object> input = tableInput(table);
      assertThat(Template.sub(Template.at(input, "StorageDescriptor.Location"))).as(table.tableName())
          .isEqualTo(LAKE_ROOT + "/" + table.csvPrefix());
      assertThat(Template.at(input, "StorageDescriptor.SerdeInfo.SerializationLibrary"))
          .isEqualTo("org.apache.hadoop.hive.serde2.OpenCSVSerde");
      Map<String, Object> serde = Template.map(Template.at(input, "StorageDescriptor.SerdeInfo.Parameters"), "serde");
      assertThat(serde).containsEntry("separatorChar", ",").containsEntry("quoteChar", "\"");
      // RFC 4180 doubles a quote; a backslash in a name must stay a backslash
      assertThat(serde.get("escapeChar")).isNotIn(",", "\"", "\\");
      assertThat(Template.at(input, "StorageDescriptor.InputFormat")).isEqualTo("org.apache.hadoop.mapred.TextInputFormat");
      assertThat(Template.map(input.get("Parameters"), "parameters"))
          .containsEntry("skip.header.line.count", "1").containsEntry("classification", "csv");
      assertThat(input.get("TableType")).isEqualTo("EXTERNAL_TABLE");
    }
  }

  @Test
  void oneCrawlerAddsPartitionsOfEveryCsvTableFromTheTableDefinitions() throws Exception {
    assertThat(template.resourcesOfType("AWS::Glue::Crawler")).as("one crawler for all CSV tables").hasSize(1);
    Map<String, String> tableIdsByName = tables();
    List<String> crawled = template.resourcesOfType("AWS::Glue::Crawler").stream().flatMap(crawler -> {
      Map<String, Object> properties = template.properties(crawler);
      assertThat(Template.refTarget(Template.list(properties.get("Classifiers"), "classifiers").get(0)))
          .as(crawler).isEqualTo("CsvClassifier");
      assertThat(Template.map(properties.get("SchemaChangePolicy"), "policy"))
          .as(crawler + " leaves the defined schema alone")
          .containsEntry("UpdateBehavior", "LOG").containsEntry("DeleteBehavior", "LOG");
      List<Object> targets = Template.list(Template.at(properties, "Targets.CatalogTargets"), crawler + " targets");
      assertThat(Template.map(properties.get("Targets"), "targets")).as(crawler + " crawls tables, not folders")
          .containsOnlyKeys("CatalogTargets");
      return targets.stream().flatMap(target -> {
        Map<String, Object> catalogTarget = Template.map(target, crawler + " target");
        assertThat(Template.refTarget(catalogTarget.get("DatabaseName"))).isEqualTo("GlueDatabase");
        return Template.list(catalogTarget.get("Tables"), "tables").stream().map(Template::refTarget);
      });
    }).collect(Collectors.toList());
    assertThat(crawled).as("tables crawled, once each").containsExactlyInAnyOrderElementsOf(tableIdsByName.values());

    for (String crawler : template.resourcesOfType("AWS::Glue::Crawler")) {
      JsonNode configuration = JSON.readTree((String) template.properties(crawler).get("Configuration"));
      assertThat(configuration.at("/CrawlerOutput/Partitions/AddOrUpdateBehavior").asText()).as(crawler)
          .isEqualTo("InheritFromTable");
    }
  }

  @Test
  void csvClassifierExpectsAHeaderAndQuotedFields() {
    Map<String, Object> classifier = Template.map(template.properties("CsvClassifier").get("CsvClassifier"), "csv");
    assertThat(classifier).containsEntry("ContainsHeader", "PRESENT").containsEntry("QuoteSymbol", "\"")
        .containsEntry("Delimiter", ",");
  }

  @Test
  void bucketPrefixesAreTheRawLayouts() {
    assertThat(LakeBucketTest.lifecycleRules(template).values().stream().map(rule -> rule.get("Prefix")))
        .contains(RawLayout.PROCESSED, RawLayout.REJECTED)
        .doesNotContain(RawLayout.TO_PROCESS, RawLayout.RAW_ROOT, LakeTable.TRANSFORMED_ROOT);

    Object key = Template.at(template.properties("ManifestLandedRule"), "EventPattern.detail.object.key");
    assertThat(Template.map(Template.list(key, "key").get(0), "key pattern").get("wildcard"))
        .isEqualTo(RawLayout.TO_PROCESS + "*/" + RawLayout.MANIFEST_FILE);
  }

  /** Table name -> logical id. */
  private Map<String, String> tables() {
    return template.resourcesOfType("AWS::Glue::Table").stream().collect(Collectors.toMap(
        id -> (String) Template.at(template.properties(id), "TableInput.Name"), id -> id));
  }

  private Map<String, Object> tableInput(LakeTable table) {
    String id = tables().get(table.csvTableName());
    assertThat(id).as("table " + table.csvTableName()).isNotNull();
    return Template.map(template.properties(id).get("TableInput"), id + ".TableInput");
  }
}
