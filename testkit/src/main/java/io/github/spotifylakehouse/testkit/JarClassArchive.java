package io.github.spotifylakehouse.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class-data archive of a jar run as a child JVM ({@code java -jar}), beside it ({@code <jar>.<digest>.jsa}):
 * the classes an earlier run of the jar loaded, mapped already parsed and verified (S3Proxy's start on two cores:
 * about 1.0 s -> 0.6 s). With no archive yet, the child records one as it exits ({@code -XX:ArchiveClassesAtExit})
 * into a pending file that becomes the archive only when the child exited cleanly. Its name is a digest of the JDK
 * and of the jar's path, size and time, so a new jar or JDK gets a new archive; a JVM that is not HotSpot, or a
 * folder that cannot be written, runs the child without one. Used by {@link S3ProxyProcess} and the local runner's
 * extractor.
 */
public final class JarClassArchive {

  private static final JarClassArchive NONE = new JarClassArchive(List.of(), null, null);
  /** The exit status of a JVM stopped by {@link Process#destroy()} (SIGTERM). */
  private static final int TERMINATED = 143;
  /**
   * The JVM's own messages about the archive off: recording one warns of every class it cannot keep (on the child's
   * standard output, which the local runner prints), and an archive it cannot map only makes the start slower.
   */
  private static final String QUIET = "-Xlog:cds*=off";

  private final List<String> options;
  private final Path pending;
  private final Path file;

  private JarClassArchive(List<String> options, Path pending, Path file) {
    this.options = options;
    this.pending = pending;
    this.file = file;
  }

  /** The archive of {@code jar}: mapped when it exists, recorded by this child when it does not. */
  public static JarClassArchive of(Path jar) {
    if (!SharedClasses.hotSpot() || !Files.isWritable(jar.toAbsolutePath().getParent())) {
      return NONE;
    }
    Path absolute = jar.toAbsolutePath().normalize();
    Path file = absolute.resolveSibling(absolute.getFileName() + "."
        + SharedClasses.digest(List.of(absolute.toString())) + ".jsa");
    if (Files.isRegularFile(file)) {
      return new JarClassArchive(List.of(QUIET, "-XX:SharedArchiveFile=" + file), null, file);
    }
    Path pending = file.resolveSibling(file.getFileName() + ".pending-" + ProcessHandle.current().pid() + "-"
        + System.nanoTime());
    return new JarClassArchive(List.of(QUIET, "-XX:ArchiveClassesAtExit=" + pending), pending, file);
  }

  /**
   * The jar to run for {@code jar} when each build writes it anew (the extractor's shaded jar): a copy named by a
   * digest of its content, in {@code <jar>.by-content/} beside it, made when missing. The JVM maps an archive only
   * for the jar file it was recorded with (same size and time), so the archive of {@link #of} the copy lasts as
   * long as the jar's content: the build's jars are reproducible. Copies and archives of other contents there are
   * deleted. When the folder cannot be written, {@code jar} itself.
   */
  public static Path byContent(Path jar) {
    Path dir = jar.toAbsolutePath().normalize().resolveSibling(jar.getFileName() + ".by-content");
    try {
      String name = contentDigest(jar) + ".jar";
      Path copy = dir.resolve(name);
      if (!Files.isRegularFile(copy)) {
        Files.createDirectories(dir);
        try (Stream<Path> others = Files.list(dir)) {
          for (Path other : others.toList()) {
            Files.deleteIfExists(other);
          }
        }
        // a rename, so that no child runs a half-written copy
        Path pending = dir.resolve(name + ".pending-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Files.copy(jar, pending);
        Files.move(pending, copy, StandardCopyOption.ATOMIC_MOVE);
      }
      return copy;
    } catch (IOException | UncheckedIOException e) {
      System.err.println("Running " + jar + " itself, without a class-data archive (cannot keep a copy in " + dir
          + "): " + e);
      return jar;
    }
  }

  private static String contentDigest(Path jar) throws IOException {
    try (InputStream in = Files.newInputStream(jar)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        sha.update(buffer, 0, read);
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** The child JVM's options, before {@code -jar}: none, the archive to map, or where to record one. */
  public List<String> options() {
    return options;
  }

  /**
   * After the child exited: a pending archive of a clean exit (status 0, or stopped by SIGTERM) becomes the
   * archive; any other is deleted.
   */
  public void completed(Process child) {
    if (pending == null) {
      return;
    }
    try {
      boolean clean = !child.isAlive() && (child.exitValue() == 0 || child.exitValue() == TERMINATED);
      if (clean && Files.isRegularFile(pending) && Files.size(pending) > 0) {
        // a rename, so that no child maps a half-written archive
        Files.move(pending, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      // the archive only makes later starts faster: failing to keep it never fails the child's user
      System.err.println("The class-data archive " + file + " was not kept (the next run records one again): " + e);
    } finally {
      try {
        Files.deleteIfExists(pending);
      } catch (IOException e) {
        System.err.println("Cannot delete " + pending + " (it is never mapped): " + e);
      }
    }
  }
}
