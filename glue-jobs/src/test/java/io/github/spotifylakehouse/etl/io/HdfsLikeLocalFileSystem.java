package io.github.spotifylakehouse.etl.io;

import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The raw local file system with HDFS's rename: it returns false, changing nothing, when the source is missing,
 * the destination's parent folder does not exist or the destination already exists. Hadoop's file system
 * contract leaves renaming into a missing folder undefined: the local file system falls back to a copy that
 * makes the folder, S3A has no folders, HDFS refuses.
 */
public final class HdfsLikeLocalFileSystem extends RawLocalFileSystem {

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    Path parent = dst.getParent();
    if (!exists(src) || parent != null && !(exists(parent) && getFileStatus(parent).isDirectory()) || exists(dst)) {
      return false;
    }
    return super.rename(src, dst);
  }
}
