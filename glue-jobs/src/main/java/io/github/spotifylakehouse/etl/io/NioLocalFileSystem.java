package io.github.spotifylakehouse.etl.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}, with its checksum files) whose permission changes go through
 * Java's own file API instead of a {@code chmod} process. Without Hadoop's native library (which Spark's Maven
 * artifacts do not bring), {@link RawLocalFileSystem} starts one process for every file and folder it
 * creates: about 400 processes in one local run of the job on the benchmark's corpus, each a fork of a JVM with
 * a large heap. Set as {@code fs.file.impl} for local runs ({@link #sparkKey}); object stores are not affected, and
 * on a file system without POSIX permissions Hadoop's own way is kept.
 */
public final class NioLocalFileSystem extends LocalFileSystem {

  /** The Hadoop setting that picks the {@code file:} implementation. */
  public static final String IMPL_KEY = "fs.file.impl";

  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  public NioLocalFileSystem() {
    super(new Raw());
  }

  /** The Spark setting ({@code spark.hadoop.fs.file.impl}) that makes Spark's Hadoop use this file system. */
  public static String sparkKey() {
    return "spark.hadoop." + IMPL_KEY;
  }

  /** The raw file system underneath, with {@link #setPermission} through {@code java.nio}. */
  static final class Raw extends RawLocalFileSystem {

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      if (!POSIX) {
        super.setPermission(p, permission);
        return;
      }
      java.nio.file.Path file = pathToFile(p).toPath();
      try {
        Files.setPosixFilePermissions(file, posix(permission));
      } catch (NoSuchFileException e) {
        FileNotFoundException missing = new FileNotFoundException("No such file or directory: " + p);
        missing.initCause(e);
        throw missing;
      }
    }

    static Set<PosixFilePermission> posix(FsPermission permission) {
      Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
      add(set, permission.getUserAction(), PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);
      add(set, permission.getGroupAction(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE);
      add(set, permission.getOtherAction(), PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);
      return set;
    }

    private static void add(Set<PosixFilePermission> set, FsAction action, PosixFilePermission read,
                            PosixFilePermission write, PosixFilePermission execute) {
      if (action.implies(FsAction.READ)) {
        set.add(read);
      }
      if (action.implies(FsAction.WRITE)) {
        set.add(write);
      }
      if (action.implies(FsAction.EXECUTE)) {
        set.add(execute);
      }
    }
  }
}
