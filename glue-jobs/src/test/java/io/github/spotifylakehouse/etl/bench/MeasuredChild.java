package io.github.spotifylakehouse.etl.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs another class's {@code main} in this JVM and then reports what the whole process used, read from the
 * operating system: CPU time of every thread (Java and native, so DuckDB's own threads count), peak resident
 * memory ({@code VmHWM} of {@code /proc/self/status}) and the milliseconds from JVM start to {@code main}.
 * {@link EngineComparison} starts both engines this way, each in a fresh JVM, and reads these lines:
 *
 * <pre>
 * java ... MeasuredChild io.github.spotifylakehouse.etl.job.SpotifyEtlJob --lake-root ...
 * measured.jvm_to_main_ms=180
 * measured.main_entered_epoch_ms=1796281200123
 * ...
 * measured.cpu_ms=24650
 * measured.vmhwm_kb=2345678
 * </pre>
 */
public final class MeasuredChild {

  static final String PREFIX = "measured.";

  private MeasuredChild() {
  }

  public static void main(String[] args) throws Throwable {
    long entered = System.currentTimeMillis();
    long jvmToMain = ManagementFactory.getRuntimeMXBean().getUptime();
    if (args.length == 0) {
      throw new IllegalArgumentException("MeasuredChild: give the class whose main to run, then its arguments");
    }
    System.out.println(PREFIX + "jvm_to_main_ms=" + jvmToMain);
    System.out.println(PREFIX + "main_entered_epoch_ms=" + entered);
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    System.out.println(PREFIX + "main_returned_epoch_ms=" + System.currentTimeMillis());
    System.out.println(PREFIX + "cpu_ms=" + ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000);
    System.out.println(PREFIX + "vmhwm_kb=" + statusKb("VmHWM"));
    System.out.flush();
  }

  /** A {@code kB} field of {@code /proc/self/status}, or -1 where there is none (not Linux). */
  static long statusKb(String field) {
    try {
      return ProcStatus.kb(Files.readAllLines(Path.of("/proc/self/status")), field);
    } catch (IOException e) {
      return -1;
    }
  }

  /** Reads {@code /proc/<pid>/status}. */
  static final class ProcStatus {
    private ProcStatus() {
    }

    static long kb(Iterable<String> lines, String field) {
      for (String line : lines) {
        if (line.startsWith(field + ":")) {
          String value = line.substring(field.length() + 1).trim();
          return Long.parseLong(value.split("\\s+")[0]);
        }
      }
      return -1;
    }
  }
}
