package io.github.spotifylakehouse.etl.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A raw file's bytes as the parser gets them: read straight from the local disk, or through Hadoop's file system
 * elsewhere, with the same result either way, whole or cut one byte past the limit.
 */
class RawFileReaderTest {

  @TempDir
  Path dir;

  /** The local file system, as the job has it on a local master. */
  private static Configuration local() {
    return new Configuration();
  }

  /** A file system that is not Hadoop's local one (as an object store's is not): read through Hadoop's streams. */
  private static Configuration throughHadoop() {
    Configuration conf = new Configuration();
    conf.set("fs.file.impl", HdfsLikeLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return conf;
  }

  private static RawFileReader.Input input(Path file, long maxBytes) throws IOException {
    long length = Files.exists(file) ? Files.size(file) : 0;
    return new RawFileReader.Input(file.toUri().toString(), "raw_data/to_process/" + file.getFileName(), "2026-03-01",
        "P", "r1", 0, length, maxBytes);
  }

  @Test
  void aLocalFileIsReadWholeAsThroughHadoop() throws IOException {
    byte[] content = new byte[300_001];
    new Random(7).nextBytes(content);
    Path file = Files.write(dir.resolve("page-00000.json"), content);
    Path empty = Files.write(dir.resolve("empty.json"), new byte[0]);

    assertThat(RawFileReader.readAtMost(input(file, 1 << 20), local())).isEqualTo(content);
    assertThat(RawFileReader.readAtMost(input(file, 1 << 20), throughHadoop())).isEqualTo(content);
    assertThat(RawFileReader.readAtMost(input(empty, 1 << 20), local())).isEmpty();
    assertThat(RawFileReader.readAtMost(input(empty, 1 << 20), throughHadoop())).isEmpty();
  }

  @Test
  void aFileOverTheLimitIsReadOneBytePastItEitherWay() throws IOException {
    byte[] content = new byte[50_000];
    new Random(11).nextBytes(content);
    Path file = Files.write(dir.resolve("page-00001.json"), content);
    byte[] expected = Arrays.copyOf(content, 1_000);

    assertThat(RawFileReader.readAtMost(input(file, 999), local())).isEqualTo(expected);
    assertThat(RawFileReader.readAtMost(input(file, 999), throughHadoop())).isEqualTo(expected);
    // exactly at the limit: whole, nothing more to find
    assertThat(RawFileReader.readAtMost(input(file, 50_000), local())).isEqualTo(content);
  }

  @Test
  void aFileChangedSinceTheListingIsReadAsItIsNowNotAsListed() throws IOException {
    Path file = Files.writeString(dir.resolve("page-00002.json"), "{\"items\": []}");
    RawFileReader.Input listed = input(file, 1 << 20);
    Files.writeString(file, "{\"items\": [], \"next\": null}");

    assertThat(RawFileReader.readLocal(file, 1 << 20)).isEqualTo(Files.readAllBytes(file));
    assertThat(RawFileReader.readAtMost(listed, local())).isEqualTo(Files.readAllBytes(file));
    // grown past the limit: the limit's worth, so that the caller rejects it as too large
    assertThat(RawFileReader.readLocal(file, 20)).hasSize(20);
  }

  @Test
  void aFileGoneSinceTheListingFailsNamingIt() throws IOException {
    Path gone = dir.resolve("gone.json");

    assertThatThrownBy(() -> RawFileReader.readAtMost(input(gone, 1 << 20), local()))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining(gone.toString());
  }
}
