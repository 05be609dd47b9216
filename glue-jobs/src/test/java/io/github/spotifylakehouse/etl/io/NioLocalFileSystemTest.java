package io.github.spotifylakehouse.etl.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioLocalFileSystemTest {

  @TempDir
  Path dir;

  private FileSystem fileSystem() throws IOException {
    Configuration conf = new Configuration(false);
    conf.set(NioLocalFileSystem.IMPL_KEY, NioLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return FileSystem.get(dir.toUri(), conf);
  }

  @Test
  void isWhatFileUrisResolveToWhenConfigured() throws IOException {
    try (FileSystem fs = fileSystem()) {
      assertThat(fs).isInstanceOf(NioLocalFileSystem.class);
    }
  }

  @Test
  void setsPermissionsOfFoldersAndFilesItCreates() throws IOException {
    try (FileSystem fs = fileSystem()) {
      org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(dir.resolve("a/b").toUri());
      assertThat(fs.mkdirs(folder, new FsPermission((short) 0750))).isTrue();
      org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(folder, "part-0.csv");
      try (OutputStream out = fs.create(file, new FsPermission((short) 0640), false, 4096, (short) 1, 1 << 20,
          null)) {
        out.write("a,b\n".getBytes(StandardCharsets.UTF_8));
      }
      fs.setPermission(file, new FsPermission((short) 0604));

      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))))
          .isEqualTo("rwxr-x---");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/part-0.csv"))))
          .isEqualTo("rw----r--");
      assertThat(Files.readString(dir.resolve("a/b/part-0.csv"))).isEqualTo("a,b\n");
      // the checksum file that Hadoop's local file system keeps beside the data
      assertThat(dir.resolve("a/b/.part-0.csv.crc")).exists();
    }
  }

  @Test
  void aMissingFileIsNamed() throws IOException {
    try (FileSystem fs = fileSystem()) {
      org.apache.hadoop.fs.Path missing = new org.apache.hadoop.fs.Path(dir.resolve("nothing-here").toUri());
      assertThatThrownBy(() -> fs.setPermission(missing, new FsPermission((short) 0644)))
          .isInstanceOf(FileNotFoundException.class)
          .hasMessageContaining("nothing-here");
    }
  }
}
