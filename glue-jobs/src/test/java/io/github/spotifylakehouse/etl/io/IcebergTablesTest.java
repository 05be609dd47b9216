package io.github.spotifylakehouse.etl.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.spotifylakehouse.etl.IcebergMetadata;
import io.github.spotifylakehouse.etl.LakeTables;
import io.github.spotifylakehouse.etl.TestSpark;
import io.github.spotifylakehouse.lake.LakeCatalog;
import io.github.spotifylakehouse.lake.LakeTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Iceberg writes on the local catalog: exact dates replaced, one commit each, nothing of a failed write. */
class IcebergTablesTest {

  private static final LocalDate D1 = LocalDate.of(2026, 3, 1);
  private static final LocalDate D2 = LocalDate.of(2026, 3, 2);
  private static final LocalDate D3 = LocalDate.of(2026, 3, 3);

  private final SparkSession spark = TestSpark.session();
  private final String database = LakeTables.newDatabase();

  @TempDir
  Path lakeDir;

  @BeforeEach
  void createTable() {
    IcebergTables.createDatabase(spark, database);
    IcebergTables.create(spark, database, LakeTable.ARTIST, lake());
  }

  private LakeFileSystem lake() {
    return LakeFileSystem.resolve(lakeDir.toString(), spark.sparkContext().hadoopConfiguration());
  }

  private Dataset<Row> artists(Object... dateIdName) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < dateIdName.length; i += 3) {
      rows.add(RowFactory.create(dateIdName[i + 1], dateIdName[i + 2], "https://open.spotify.com/artist/"
          + dateIdName[i + 1], dateIdName[i].toString()));
    }
    return spark.createDataFrame(rows, LakeTables.schema(LakeTable.ARTIST));
  }

  private List<String> contents() {
    return LakeTables.readIceberg(database, LakeTable.ARTIST).orderBy("snapshot_date", "artist_id").collectAsList()
        .stream().map(r -> r.get(3) + " " + r.getString(0) + " " + r.getString(1)).collect(Collectors.toList());
  }

  private List<Long> snapshots() {
    return IcebergMetadata.snapshots(spark, database, LakeTable.ARTIST);
  }

  @Test
  void theTableIsTheContractsTypedPartitionedByDateFormatVersion2AtItsPrefix() {
    var schema = LakeTables.readIceberg(database, LakeTable.ARTIST).schema();
    assertThat(schema.fieldNames()).containsExactly("artist_id", "artist_name", "artist_url", "snapshot_date");
    assertThat(schema.apply("snapshot_date").dataType()).isEqualTo(DataTypes.DateType);
    assertThat(IcebergMetadata.properties(spark, database, LakeTable.ARTIST))
        .containsEntry("format-version", "2").containsEntry("write.distribution-mode", "none");
    String location = spark.sql("DESCRIBE TABLE EXTENDED " + LakeCatalog.identifier(database, LakeTable.ARTIST))
        .where("col_name = 'Location'").first().getString(1);
    assertThat(location).isEqualTo(lake().resolve(LakeTable.ARTIST.icebergPrefix()).toString());
    assertThat(spark.sql("DESCRIBE TABLE EXTENDED " + LakeCatalog.identifier(database, LakeTable.ARTIST))
        .collectAsList()).extracting(r -> r.getString(0) + "=" + r.getString(1))
        .containsSubsequence("# Partition Information=", "# col_name=data_type", "snapshot_date=date");
    // creating again leaves the table as it is
    IcebergTables.create(spark, database, LakeTable.ARTIST, lake());
    assertThat(snapshots()).isEmpty();
  }

  @Test
  void eachWriteReplacesExactlyItsDatesInOneCommitEmptyDatesIncluded() {
    IcebergTables.replaceDates(artists(D1, "a", "Alpha", D1, "b", "Beta", D2, "c", "Gamma"), database,
        LakeTable.ARTIST, List.of(D1, D2));
    assertThat(snapshots()).hasSize(1);
    assertThat(contents()).containsExactly("2026-03-01 a Alpha", "2026-03-01 b Beta", "2026-03-02 c Gamma");

    // D1 recomputed with one row, D2 recomputed with none, D3 new: one commit, D2 emptied by it
    IcebergTables.replaceDates(artists(D1, "a", "Alpha (renamed)", D3, "d", "Delta"), database, LakeTable.ARTIST,
        List.of(D1, D2, D3));
    assertThat(snapshots()).hasSize(2);
    assertThat(contents()).containsExactly("2026-03-01 a Alpha (renamed)", "2026-03-03 d Delta");

    // a date not computed stays as it was
    IcebergTables.replaceDates(artists(D2, "e", "Epsilon"), database, LakeTable.ARTIST, List.of(D2));
    assertThat(contents()).containsExactly("2026-03-01 a Alpha (renamed)", "2026-03-02 e Epsilon",
        "2026-03-03 d Delta");
    assertThat(spark.sql("SELECT operation FROM " + LakeCatalog.identifier(database, LakeTable.ARTIST)
        + ".snapshots ORDER BY committed_at").collectAsList()).extracting(r -> r.getString(0))
        .containsExactly("overwrite", "overwrite", "overwrite");
  }

  @Test
  void aWriteThatFailsBeforeItsCommitLeavesTheTableExactlyAsItWas() throws IOException {
    IcebergTables.replaceDates(artists(D1, "a", "Alpha", D2, "b", "Beta"), database, LakeTable.ARTIST,
        List.of(D1, D2));
    List<Long> before = snapshots();
    List<String> rows = contents();
    List<String> dataFiles = dataFiles();

    // the new rows' task fails while writing: Spark aborts, Iceberg commits nothing and removes what it wrote
    Dataset<Row> failing = artists(D1, "x", "Xi", D2, "y", "boom").withColumn("artist_name",
        when(col("artist_name").equalTo("boom"), raise_error(lit("stopped before the commit")))
            .otherwise(col("artist_name")));
    assertThatThrownBy(() -> IcebergTables.replaceDates(failing, database, LakeTable.ARTIST, List.of(D1, D2)))
        .hasStackTraceContaining("stopped before the commit");

    assertThat(snapshots()).isEqualTo(before);
    assertThat(contents()).isEqualTo(rows);
    assertThat(dataFiles()).isEqualTo(dataFiles);
  }

  @Test
  void withoutTheCatalogAnIcebergRunFailsNamingTheSetting() {
    SparkSession bare = spark.newSession();
    bare.conf().unset("spark.sql.catalog." + LakeCatalog.SPARK_CATALOG);
    assertThatThrownBy(() -> IcebergTables.requireCatalog(bare))
        .hasMessageContaining("spark.sql.catalog.lakehouse").hasMessageContaining("--datalake-formats iceberg");
  }

  private List<String> dataFiles() throws IOException {
    Path data = lakeDir.resolve(LakeTable.ARTIST.icebergPrefix()).resolve("data");
    try (Stream<Path> files = Files.walk(data)) {
      return files.filter(Files::isRegularFile).map(p -> data.relativize(p).toString())
          .filter(name -> !name.contains("/.") && !name.startsWith(".")).sorted().collect(Collectors.toList());
    }
  }
}
