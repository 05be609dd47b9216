package io.github.spotifylakehouse.etl.io;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;

/**
 * The lake root as a Hadoop path, and the file system behind it. Listing, reading and moving all go through
 * Hadoop's {@link FileSystem}, so a local folder and an S3 bucket behave the same.
 *
 * <p>{@code s3://} is read through s3a wherever no file system is registered for {@code s3} (everywhere but
 * Glue/EMR, whose EMRFS serves {@code s3://} itself).
 */
public final class LakeFileSystem {

  private final Path root;
  private final FileSystem fs;

  private LakeFileSystem(Path root, FileSystem fs) {
    this.root = root;
    this.fs = fs;
  }

  /** Resolves {@code lakeRoot} ({@code s3://}, {@code s3a://}, {@code file:} or a local path). */
  public static LakeFileSystem resolve(String lakeRoot, Configuration conf) {
    Objects.requireNonNull(lakeRoot, "lakeRoot");
    String root = lakeRoot.trim();
    while (root.length() > 1 && root.endsWith("/") && !root.endsWith("://")) {
      root = root.substring(0, root.length() - 1);
    }
    Path path;
    if (root.toLowerCase(Locale.ROOT).startsWith("s3://") && !hasFileSystem("s3", conf)) {
      path = new Path("s3a://" + root.substring("s3://".length()));
    } else if (root.contains("://") || root.startsWith("file:")) {
      path = new Path(root);
    } else {
      path = new Path(new File(root).getAbsoluteFile().toURI());
    }
    try {
      FileSystem fs = path.getFileSystem(conf);
      return new LakeFileSystem(fs.makeQualified(path), fs);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the file system of the lake root " + lakeRoot, e);
    }
  }

  private static boolean hasFileSystem(String scheme, Configuration conf) {
    try {
      FileSystem.getFileSystemClass(scheme, conf);
      return true;
    } catch (UnsupportedFileSystemException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot look up a file system for scheme " + scheme, e);
    }
  }

  /** The qualified lake root, e.g. {@code s3a://bucket/prefix} or {@code file:/data/lake}. */
  public Path root() {
    return root;
  }

  public FileSystem fileSystem() {
    return fs;
  }

  /** {@code relative} (a contract prefix or key, e.g. {@code raw_data/to_process/}) under the root. */
  public Path resolve(String relative) {
    String clean = relative.endsWith("/") ? relative.substring(0, relative.length() - 1) : relative;
    return clean.isEmpty() ? root : new Path(root, clean);
  }

  /** The path of {@code path} relative to the lake root, or null when it is not under it. */
  public String relativize(Path path) {
    String base = root.toUri().getPath();
    String full = path.toUri().getPath();
    String prefix = base.endsWith("/") ? base : base + "/";
    return full.startsWith(prefix) ? full.substring(prefix.length()) : null;
  }

  /** True for object stores, where directories are only key prefixes. */
  public boolean isObjectStore() {
    String scheme = root.toUri().getScheme();
    return scheme != null && scheme.toLowerCase(Locale.ROOT).startsWith("s3");
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
