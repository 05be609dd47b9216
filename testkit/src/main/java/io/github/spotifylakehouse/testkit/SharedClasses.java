package io.github.spotifylakehouse.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Runs a Java program in a child JVM with an application class-data-sharing archive (AppCDS) of the library
 * jars on its class path: the JVM maps the classes already parsed and verified instead of reading, parsing and
 * verifying thousands of Spark, Hadoop and Scala classes again. On two cores that is seconds of every short
 * Spark run (see the glue-jobs README's performance notes).
 *
 * <p>The archive covers only the jars under {@code --stable-root} (the local Maven repository): they never
 * change in place, so one archive serves every later run. They go first on the child's class path; the
 * project's own classes and jars, rebuilt by each build, come after them and load as usual (a JVM may append
 * entries to the class path its archive was made with). The archive's name is a digest of the JDK and of those
 * jars (path, size, modification time): a new JDK or another dependency version gets a new archive, and an
 * archive that does not match is never used.
 *
 * <p>With no archive yet, the run records the classes it loads ({@code -XX:DumpLoadedClassList}) and, when it
 * ended well, the archive is made from that list ({@code -Xshare:dump}, JDK 17's static archive: 20-60 s on
 * two cores, once). A failed or killed run makes none, and the next run records again.
 *
 * <pre>
 * java -cp CLASSPATH io.github.spotifylakehouse.testkit.SharedClasses --archive-dir DIR --stable-root DIR \
 *      [--enabled true|false] -- [JVM options...] MAIN_CLASS [arguments...]
 * </pre>
 *
 * <p>The child gets this JVM's class path (reordered: stable jars first), inherits its input and output, and
 * its exit status becomes this JVM's. With {@code --enabled false} the child runs with no archive; use that with a
 * flight recording or a Java agent that transforms classes: JDK 17.0.15 crashed (SIGSEGV in
 * {@code KlassFactory::check_shared_class_file_load_hook}) when JFR's class-file hook met archived classes.
 */
public final class SharedClasses {

  /** Options that keep the archive's own notes (classes it cannot hold, and why) off the program's output. */
  private static final List<String> QUIET = List.of("-Xlog:cds=error", "-Xlog:cds+dynamic=error",
      "-Xlog:gc+verify=error");

  private SharedClasses() {
  }

  /**
   * How to start a JVM with the archive.
   *
   * @param jvmOptions the options that map the archive, or record the class list (empty when disabled)
   * @param classPath the class path to give it: the stable jars first, then every other entry, in order
   * @param stableJars the jars the archive covers
   * @param archive the archive that is used, or made after this run
   * @param recording whether this run records the class list the archive is made from ({@link #complete})
   */
  public record Launch(List<String> jvmOptions, String classPath, List<String> stableJars, Path archive,
                       boolean recording) {

    /** The class list a recording run writes. */
    Path classList() {
      return classListOf(archive);
    }

    /**
     * After the child exited with {@code status}: a recording run that ended well has the archive made from its
     * class list. Returns whether an archive is in place.
     */
    public boolean complete(int status) throws IOException, InterruptedException {
      if (!recording) {
        return Files.isRegularFile(archive);
      }
      Path list = classList();
      Path pending = archive.resolveSibling(archive.getFileName() + ".pending-" + ProcessHandle.current().pid());
      try {
        if (status != 0 || !Files.isRegularFile(list)) {
          return false;
        }
        List<String> dump = new ArrayList<>(List.of(javaCommand(), "-Xshare:dump",
            "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + pending));
        dump.addAll(QUIET);
        dump.addAll(List.of("-cp", String.join(File.pathSeparator, stableJars)));
        Process process = new ProcessBuilder(dump).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.MINUTES)) {
          process.destroyForcibly();
          throw new IOException("Making the class-data archive took over 10 minutes: " + dump);
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(pending)) {
          throw new IOException("Making the class-data archive failed (exit " + process.exitValue() + "): " + dump);
        }
        // a rename, so that no run maps a half-written archive
        Files.move(pending, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
      } finally {
        Files.deleteIfExists(list);
        Files.deleteIfExists(pending);
      }
    }
  }

  /**
   * The launch of a JVM with {@code classPath}: the archive in {@code archiveDir} for the jars of
   * {@code classPath} under {@code stableRoot}, and whether it exists yet.
   */
  public static Launch prepare(Path archiveDir, Path stableRoot, String classPath) {
    List<String> stable = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    Path root = stableRoot.toAbsolutePath().normalize();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path path = Path.of(entry).toAbsolutePath().normalize();
      if (path.startsWith(root) && entry.endsWith(".jar") && Files.isRegularFile(path)) {
        stable.add(path.toString());
      } else {
        rest.add(entry);
      }
    }
    List<String> ordered = new ArrayList<>(stable);
    ordered.addAll(rest);
    String orderedPath = String.join(File.pathSeparator, ordered);
    Path archive = archiveDir.toAbsolutePath().resolve("classes-" + digest(stable) + ".jsa");
    if (stable.isEmpty() || !hotSpot()) {
      // nothing to archive, or a JVM without HotSpot's archive options (OpenJ9 has its own class sharing)
      return new Launch(List.of(), orderedPath, List.of(), archive, false);
    }
    try {
      Files.createDirectories(archiveDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the class-data archive folder " + archiveDir, e);
    }
    if (Files.isRegularFile(archive)) {
      List<String> options = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive));
      options.addAll(QUIET);
      return new Launch(List.copyOf(options), orderedPath, List.copyOf(stable), archive, false);
    }
    return new Launch(List.of("-XX:DumpLoadedClassList=" + classListOf(archive)), orderedPath,
        List.copyOf(stable), archive, true);
  }

  /** The launch as it is when sharing is off: the class path as given, no options. */
  public static Launch disabled(String classPath) {
    return new Launch(List.of(), classPath, List.of(), Path.of("none"), false);
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    int separator = Arrays.asList(args).indexOf("--");
    if (separator < 0 || separator == args.length - 1) {
      throw new IllegalArgumentException("Usage: SharedClasses --archive-dir DIR --stable-root DIR "
          + "[--enabled true|false] -- [JVM options...] MAIN_CLASS [arguments...]; got " + Arrays.toString(args));
    }
    CommandLine options = new CommandLine("SharedClasses", Set.of("archive-dir", "stable-root", "enabled"),
        Arrays.copyOfRange(args, 0, separator));
    String classPath = System.getProperty("java.class.path");
    String archiveDir = options.text("archive-dir", null);
    String stableRoot = options.text("stable-root", null);
    if (archiveDir == null || stableRoot == null) {
      throw new IllegalArgumentException("SharedClasses: --archive-dir and --stable-root are required");
    }
    Launch launch = Boolean.parseBoolean(options.text("enabled", "true"))
        ? prepare(Path.of(archiveDir), Path.of(stableRoot), classPath) : disabled(classPath);
    List<String> command = new ArrayList<>();
    command.add(javaCommand());
    command.addAll(launch.jvmOptions());
    List<String> rest = Arrays.asList(args).subList(separator + 1, args.length);
    // JVM options come before the main class: the first argument that does not start with '-' (a -cp is refused)
    int main = 0;
    while (main < rest.size() && rest.get(main).startsWith("-")) {
      if (rest.get(main).equals("-cp") || rest.get(main).equals("-classpath")) {
        throw new IllegalArgumentException("SharedClasses gives the child its own class path: drop " + rest.get(main));
      }
      main++;
    }
    command.addAll(rest.subList(0, main));
    command.add("-cp");
    command.add(launch.classPath());
    command.addAll(rest.subList(main, rest.size()));

    Process child = new ProcessBuilder(command).inheritIO().start();
    int status;
    try {
      status = child.waitFor();
    } catch (InterruptedException e) {
      child.destroy();
      throw e;
    }
    if (launch.recording() && status == 0) {
      System.err.println("Making the class-data archive of the library jars for later runs (once, up to a minute): "
          + launch.archive());
    }
    try {
      launch.complete(status);
    } catch (IOException e) {
      // the archive only makes later runs faster: failing to make it never fails this one
      System.err.println("No class-data archive made (later runs load classes as usual): " + e.getMessage());
    }
    System.exit(status);
  }

  /** Where a recording run of this JVM's launch writes the class list the archive is made from. */
  private static Path classListOf(Path archive) {
    return archive.resolveSibling(archive.getFileName() + ".classes-" + ProcessHandle.current().pid());
  }

  /** Whether this JVM is HotSpot, whose archive options the children get. */
  static boolean hotSpot() {
    String vm = System.getProperty("java.vm.name", "");
    return vm.contains("HotSpot") || vm.contains("OpenJDK");
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** 16 hex digits naming an archive of {@code jars} for this JDK: their paths, sizes and times, and the JDK. */
  static String digest(List<String> jars) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      update(sha, System.getProperty("java.home"));
      update(sha, System.getProperty("java.vm.version"));
      for (String jar : jars) {
        Path path = Path.of(jar);
        update(sha, jar);
        update(sha, Long.toString(Files.size(path)));
        update(sha, Long.toString(Files.getLastModifiedTime(path).toMillis()));
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read a class-path jar's attributes", e);
    }
  }

  private static void update(MessageDigest sha, String value) {
    sha.update(value.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }
}
