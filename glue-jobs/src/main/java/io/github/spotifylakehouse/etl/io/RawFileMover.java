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
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Moves raw files between stages: consumed files to {@link RawLayout#PROCESSED}, unreadable ones to
 * {@link RawLayout#REJECTED} beside a note saying why. Moves go through Hadoop's {@link FileSystem} (s3a,
 * EMRFS, HDFS, ...) with only what its contract defines: the destination's folder is made first (renaming
 * into a missing folder is undefined: HDFS returns false), and a rename that returns false is an error naming
 * both paths. On an object store a move is a copy and a delete, so many run in parallel. On Hadoop's default
 * local file system they use {@code java.nio} (see {@link #moveLocally}).
 */
public final class RawFileMover {

  /** Object stores copy and delete per move (tens of milliseconds each): many in flight. */
  private static final int OBJECT_STORE_THREADS = 16;
  /** A local rename is a quick metadata update, but each costs a few file-status calls. */
  private static final int LOCAL_THREADS = 8;

  /**
   * A move of one raw file.
   *
   * @param target where it goes, relative to the lake root
   */
  public record Move(RawObject file, String target) {
  }

  private final LakeFileSystem lake;
  /** Folders made so far; a folder is made once, and every mover into it waits until it exists. */
  private final Map<String, Boolean> createdFolders = new ConcurrentHashMap<>();

  public RawFileMover(LakeFileSystem lake) {
    this.lake = lake;
  }

  /** The usual target of a consumed file: the same path under {@link RawLayout#PROCESSED}. */
  public static Move toProcessed(RawObject file) {
    return new Move(file, RawLayout.PROCESSED + file.stagePath());
  }

  /**
   * Runs {@code moves}; {@code afterEach} hears each file's path (relative to the lake root) once it has moved.
   *
   * @return how many files were moved
   */
  public int move(List<Move> moves, Consumer<String> afterEach) {
    List<Callable<Void>> tasks = new ArrayList<>(moves.size());
    for (Move move : moves) {
      tasks.add(() -> {
        move(move.file().path(), lake.resolve(move.target()));
        afterEach.accept(move.file().lakePath());
        return null;
      });
    }
    try {
      Parallel.run("raw-file-mover", tasks, threads());
    } finally {
      pruneEmptyFolders(moves.stream().map(Move::file).toList());
    }
    return moves.size();
  }

  /**
   * A raw file that cannot be used, and why.
   *
   * @param reason why, naming the field, position or page at fault
   */
  public record Rejection(RawObject file, String reason) {
  }

  /**
   * Moves each file to the same path under {@link RawLayout#REJECTED}, after writing
   * {@code <file>.reason.txt} beside it (file, time, reason); {@code afterEach} hears each file's path once it
   * has moved.
   *
   * @return how many files were moved
   */
  public int reject(List<Rejection> rejections, Consumer<String> afterEach) {
    List<Callable<Void>> tasks = new ArrayList<>(rejections.size());
    for (Rejection rejection : rejections) {
      tasks.add(() -> {
        reject(rejection.file(), rejection.reason());
        afterEach.accept(rejection.file().lakePath());
        return null;
      });
    }
    try {
      Parallel.run("raw-file-rejecter", tasks, threads());
    } finally {
      pruneEmptyFolders(rejections.stream().map(Rejection::file).toList());
    }
    return rejections.size();
  }

  private void reject(RawObject file, String reason) {
    String stagePath = file.stagePath();
    Path note = lake.resolve(RawLayout.REJECTED + stagePath + RawLayout.REJECTION_NOTE_SUFFIX);
    String text = "file: " + file.lakePath() + "\n"
        + "rejected_at: " + Instant.now() + "\n"
        + "reason: " + reason + "\n";
    // create() makes missing parent folders, on every file system (FileSystem contract)
    try (OutputStream out = lake.fileSystem().create(note, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to write the rejection note " + note, e);
    }
    move(file.path(), lake.resolve(RawLayout.REJECTED + stagePath));
  }

  /** Threads for moves on this file system. */
  public int threads() {
    return lake.isObjectStore() ? OBJECT_STORE_THREADS : LOCAL_THREADS;
  }

  private void move(Path from, Path to) {
    try {
      if (isDefaultLocal()) {
        moveLocally(from, to);
        return;
      }
      FileSystem fs = lake.fileSystem();
      createFolder(to.getParent());
      if (fs.rename(from, to)) {
        return;
      }
      // a copy of the file already there (a move interrupted between copy and delete): same bytes, replace it
      if (fs.exists(to) && fs.exists(from) && fs.delete(to, false) && fs.rename(from, to)) {
        return;
      }
      throw new IOException("rename returned false (the source is " + (fs.exists(from) ? "" : "not ")
          + "there, the destination is " + (fs.exists(to) ? "" : "not ") + "there)");
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to move " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  private void createFolder(Path folder) throws IOException {
    try {
      createdFolders.computeIfAbsent(folder.toString(), key -> {
        try {
          if (!lake.fileSystem().mkdirs(folder)) {
            throw new IOException("mkdirs returned false for " + folder);
          }
          return Boolean.TRUE;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Hadoop's default local file system (checksummed); any other, the raw local one included, goes through Hadoop. */
  private boolean isDefaultLocal() {
    return lake.fileSystem() instanceof LocalFileSystem;
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
      createdFolders.computeIfAbsent(target.getParent().toString(), folder -> {
        try {
          Files.createDirectories(target.getParent());
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
    if (!isDefaultLocal()) {
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
