package io.github.spotifylakehouse.lake;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Extraction run ids: {@code 20261121T060012Z-1a2b3c4d}, the UTC start time to the second and 32 random
 * bits. They sort by start time (so the latest run of a playlist on a day is the greatest id), hold no
 * spaces or colons (safe in S3 keys and Hive-style paths), and two runs in the same second still differ.
 */
public final class RunId {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern FORMAT = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-f]{8}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunId() {
  }

  /** A new run id for a run starting at {@code start}. */
  public static String create(Instant start) {
    byte[] suffix = new byte[4];
    RANDOM.nextBytes(suffix);
    return STAMP.format(start) + "-" + HexFormat.of().formatHex(suffix);
  }

  /** True when {@code value} has the form of a run id made by {@link #create}. */
  public static boolean isValid(String value) {
    return value != null && FORMAT.matcher(value).matches();
  }
}
