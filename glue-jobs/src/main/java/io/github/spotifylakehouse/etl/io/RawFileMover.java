package io.github.spotifylakehouse.etl.io;

import io.github.spotifylakehouse.etl.io.RawInventory.RawObject;
import io.github.spotifylakehouse.lake.RawLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Moves raw files between stages, keeping their path relative to the stage: consumed files to
 * {@link RawLayout#PROCESSED}, unreadable ones to {@link RawLayout#REJECTED} beside a note saying why.
 * Moves go through Hadoop's {@link FileSystem} (s3a, EMRFS, ...); on an object store a move is a copy and
 * a delete, so many run in parallel. On a local disk they use {@code java.nio} (see {@link #moveLocally}).
 */
public final class RawFileMover {

  /** Object stores copy and delete per move (tens of milliseconds each): many in flight. */
  private static final int OBJECT_STORE_THREADS = 16;
  /** A local rename is a quick metadata update, but each costs a few file-status calls. */
  private static final int LOCAL_THREADS = 8;

  private final LakeFileSystem lake;
  /** Local folders made so far; a folder is made once, and every mover into it waits until it exists. */
  private final Map<java.nio.file.Path, Boolean> createdFolders = new ConcurrentHashMap<>();

  public RawFileMover(LakeFileSystem lake) {
    this.lake = lake;
  }

  /** Moves {@code files} to {@link RawLayout#PROCESSED}; returns how many were moved. */
  public int moveToProcessed(List<RawObject> files) {
    List<Callable<Void>> moves = new ArrayList<>(files.size());
    for (RawObject file : files) {
      Path target = lake.resolve(RawLayout.PROCESSED + file.stagePath());
      moves.add(() -> {
        move(file.path(), target);
        return null;
      });
    }
    Parallel.run("raw-file-mover", moves, lake.isObjectStore() ? OBJECT_STORE_THREADS : LOCAL_THREADS);
    pruneEmptyFolders(files);
    return files.size();
  }

  /**
   * Moves {@code file} to {@link RawLayout#REJECTED} and writes {@code <file>.reason.txt} beside it.
   *
   * @return the rejected file's path relative to the lake root
   */
  public String reject(RawObject file, String reason) {
    String stagePath = file.stagePath();
    Path target = lake.resolve(RawLayout.REJECTED + stagePath);
    Path note = lake.resolve(RawLayout.REJECTED + stagePath + RawLayout.REJECTION_NOTE_SUFFIX);
    String text = "file: " + file.lakePath() + "\n"
        + "rejected_at: " + Instant.now() + "\n"
        + "reason: " + reason + "\n";
    try (OutputStream out = lake.fileSystem().create(note, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to write the rejection note " + note, e);
    }
    move(file.path(), target);
    pruneEmptyFolders(List.of(file));
    return RawLayout.REJECTED + stagePath;
  }

  private void move(Path from, Path to) {
    try {
      if (isLocal()) {
        moveLocally(from, to);
        return;
      }
      FileSystem fs = lake.fileSystem();
      if (fs.rename(from, to)) {
        return;
      }
      // a file of the same run already there (an interrupted earlier move): same bytes, replace it
      if (fs.exists(to) && fs.exists(from) && fs.delete(to, false) && fs.rename(from, to)) {
        return;
      }
      throw new IOException("rename returned false");
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to move " + from + " to " + to, e);
    }
  }

  private boolean isLocal() {
    return "file".equals(lake.root().toUri().getScheme());
  }

  /**
   * A move on a local disk, by {@code java.nio}: Hadoop's local file system forks a {@code chmod} process
   * for every folder it creates and checks four file statuses per rename (2,319 moves of a benchmark run
   * took 1.4 s that way, 0.1 s this way). A checksum file Hadoop may have left beside the file moves along.
   */
  private void moveLocally(Path from, Path to) throws IOException {
    java.nio.file.Path source = Paths.get(from.toUri());
    java.nio.file.Path target = Paths.get(to.toUri());
    try {
      createdFolders.computeIfAbsent(target.getParent(), folder -> {
        try {
          Files.createDirectories(folder);
          return Boolean.TRUE;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    java.nio.file.Path checksum = source.resolveSibling("." + source.getFileName() + ".crc");
    if (Files.exists(checksum)) {
      Files.move(checksum, target.resolveSibling("." + target.getFileName() + ".crc"),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Local folders emptied by the moves are removed up to the stage folder; object stores have none. */
  private void pruneEmptyFolders(List<RawObject> moved) {
    if (!isLocal()) {
      return;
    }
    Set<String> folders = new TreeSet<>((a, b) -> b.length() != a.length() ? b.length() - a.length() : a.compareTo(b));
    for (RawObject file : moved) {
      String relative = file.stagePath();
      int slash = relative.lastIndexOf('/');
      while (slash > 0) {
        relative = relative.substring(0, slash);
        folders.add(file.stage() + relative);
        slash = relative.lastIndexOf('/');
      }
    }
    for (String folder : folders) {
      java.nio.file.Path path = Paths.get(lake.resolve(folder).toUri());
      try {
        Files.deleteIfExists(path);
      } catch (DirectoryNotEmptyException stillUsed) {
        // other runs of that date or playlist are still there: the folder stays
      } catch (IOException e) {
        throw new UncheckedIOException("Failed to remove the emptied raw folder " + path, e);
      }
    }
  }
}
