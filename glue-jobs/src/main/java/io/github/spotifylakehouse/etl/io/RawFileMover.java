package io.github.spotifylakehouse.etl.io;

import io.github.spotifylakehouse.etl.io.RawInventory.RawObject;
import io.github.spotifylakehouse.lake.RawLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Moves raw files between stages, keeping their path relative to the stage: consumed files to
 * {@link RawLayout#PROCESSED}, unreadable ones to {@link RawLayout#REJECTED} beside a note saying why. On
 * an object store a move is a copy and a delete, so moves run in parallel.
 */
public final class RawFileMover {

  private static final int THREADS = 16;

  private final LakeLocation lake;
  private final Set<Path> createdFolders = ConcurrentHashMap.newKeySet();

  public RawFileMover(LakeLocation lake) {
    this.lake = lake;
  }

  /** Moves {@code files} to {@link RawLayout#PROCESSED}; returns how many were moved. */
  public int moveToProcessed(List<RawObject> files) {
    List<Runnable> moves = new ArrayList<>(files.size());
    for (RawObject file : files) {
      Path target = lake.resolve(RawLayout.PROCESSED + file.stagePath());
      moves.add(() -> move(file.path(), target));
    }
    runAll(moves);
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
    FileSystem fs = lake.fileSystem();
    try {
      Path parent = to.getParent();
      if (!lake.isObjectStore() && createdFolders.add(parent) && !folders().mkdirs(parent)) {
        throw new IOException("cannot create " + parent);
      }
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

  /**
   * Where folders are made: on a local disk the raw file system, whose mkdirs without a permission does not
   * fork a {@code chmod} per folder as the checksummed one does (hundreds of processes per run).
   */
  private FileSystem folders() {
    FileSystem fs = lake.fileSystem();
    return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
  }

  /** Local folders emptied by the moves are removed up to the stage folder; object stores have none. */
  private void pruneEmptyFolders(List<RawObject> moved) {
    if (lake.isObjectStore()) {
      return;
    }
    FileSystem fs = lake.fileSystem();
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
    try {
      for (String folder : folders) {
        Path path = lake.resolve(folder);
        if (fs.exists(path) && fs.listStatus(path).length == 0) {
          fs.delete(path, false);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to remove emptied raw folders under " + lake, e);
    }
  }

  private static void runAll(List<Runnable> tasks) {
    if (tasks.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, tasks.size()), r -> {
      Thread t = new Thread(r, "raw-file-mover");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>(tasks.size());
      for (Runnable task : tasks) {
        futures.add(pool.submit(task));
      }
      RuntimeException failure = null;
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          RuntimeException cause = e.getCause() instanceof RuntimeException re ? re
              : new IllegalStateException("A raw file move failed", e.getCause());
          if (failure == null) {
            failure = cause;
          } else {
            failure.addSuppressed(cause);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while moving raw files", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
