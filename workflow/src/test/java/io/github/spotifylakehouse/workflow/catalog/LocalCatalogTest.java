package io.github.spotifylakehouse.workflow.catalog;

import io.github.spotifylakehouse.lake.CsvDialect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.spotifylakehouse.lake.Column;
import io.github.spotifylakehouse.lake.LakeTable;
import org.junit.jupiter.api.Test;

class LocalCatalogTest {

  @Test
  void everyTableIsDeclaredFromTheContract() {
    for (LakeTable table : LakeTable.values()) {
      String ddl = LocalCatalog.createTableStatement("spotify_lakehouse", table, "s3a://bucket");
      assertThat(ddl).startsWith("CREATE TABLE spotify_lakehouse." + table.csvTableName() + " (");
      int previous = -1;
      for (Column column : table.columns()) {
        int at = ddl.indexOf("  " + column.name() + " " + column.type() + " COMMENT ");
        assertThat(at).as(table + "." + column.name()).isGreaterThan(previous);
        previous = at;
      }
      assertThat(ddl).contains("  snapshot_date string COMMENT")
          .contains("PARTITIONED BY (snapshot_date)")
          .endsWith("LOCATION 's3a://bucket/" + table.csvPrefix() + "'");
    }
  }

  @Test
  void readsCsvTheWayTheJobWritesIt() {
    String ddl = LocalCatalog.createTableStatement("db", LakeTable.SONG, "file:/tmp/lake/");
    CsvDialect.OPTIONS.forEach((key, value) ->
        assertThat(ddl).contains("  " + key + " " + LocalCatalog.literal(value)));
    assertThat(LocalCatalog.literal("a'b\\c\nd")).isEqualTo("'a\\'b\\\\c\\nd'");
    assertThat(ddl).contains("USING csv", "header 'true'", "quote '\"'", "escape '\"'", "multiLine 'true'",
        "timestampFormat 'yyyy-MM-dd HH:mm:ss'", "dateFormat 'yyyy-MM-dd'", "enforceSchema 'false'")
        .endsWith("LOCATION 'file:/tmp/lake/transformed_data/song_data/'");
  }

  @Test
  void locationIsTheTablesCsvPrefixUnderTheLakeRoot() {
    assertThat(LocalCatalog.location(LakeTable.ARTIST, "s3a://b")).isEqualTo("s3a://b/" + LakeTable.ARTIST.csvPrefix());
    assertThat(LocalCatalog.location(LakeTable.ARTIST, "s3a://b/")).isEqualTo("s3a://b/" + LakeTable.ARTIST.csvPrefix());
  }

  @Test
  void refusesADatabaseNameThatIsNotAnIdentifier() {
    assertThatThrownBy(() -> LocalCatalog.createTableStatement("drop table x; --", LakeTable.SONG, "s3a://b"))
        .hasMessageContaining("Invalid database name 'drop table x; --'");
  }
}
