package io.github.spotifylakehouse.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LakeTableTest {

  @Test
  void tablesHaveTheIssuedNamesAndPrefixes() {
    assertThat(Arrays.stream(LakeTable.values()).map(LakeTable::tableName))
        .containsExactly("album", "artist", "song", "song_artist", "playlist_track", "playlist");
    assertThat(LakeTable.ALBUM.csvPrefix()).isEqualTo("transformed_data/album_data/");
    assertThat(LakeTable.ALBUM.csvTableName()).isEqualTo("album_csv");
    assertThat(LakeTable.SONG_ARTIST.icebergPrefix()).isEqualTo("transformed_data/iceberg/song_artist/");
  }

  @Test
  void keysArePartOfTheColumnsAndThePartitionIsNot() {
    for (LakeTable table : LakeTable.values()) {
      assertThat(table.columnNames()).containsAll(table.keyColumns())
          .doesNotContain(LakeTable.PARTITION_COLUMN).doesNotHaveDuplicates();
    }
    assertThat(LakeTable.SONG.column("song_added").type()).isEqualTo("timestamp");
    assertThat(LakeTable.PLAYLIST.column("followers").type()).isEqualTo("bigint");
    assertThat(LakeTable.ALBUM.ddl()).startsWith("album_id string, album_name string, album_type string, "
        + "release_date date");
  }

  @Test
  void icebergIdentifiersAreCatalogDatabaseAndTable() {
    assertThat(LakeCatalog.identifier(LakeCatalog.DATABASE, LakeTable.PLAYLIST))
        .isEqualTo("lakehouse.spotify_lakehouse.playlist");
    assertThat(LakeCatalog.TABLE_PROPERTIES).containsEntry("format-version", "2");
    assertThatThrownBy(() -> LakeCatalog.identifier("Bad-Db", LakeTable.SONG)).hasMessageContaining("'Bad-Db'");
  }

  @Test
  void unknownNamesFailNamingTheValue() {
    assertThat(LakeTable.byName("SONG")).isEqualTo(LakeTable.SONG);
    assertThatThrownBy(() -> LakeTable.byName("tracks")).hasMessageContaining("'tracks'")
        .hasMessageContaining("album, artist, song, song_artist, playlist_track, playlist");
    assertThatThrownBy(() -> LakeTable.ARTIST.column("popularity"))
        .hasMessage("Table artist has no column 'popularity'");
    assertThatThrownBy(() -> new Column("Bad-Name", "string", "")).hasMessageContaining("'Bad-Name'");
    assertThatThrownBy(() -> new Column("x", "varchar", "")).hasMessageContaining("'varchar'");
  }
}
