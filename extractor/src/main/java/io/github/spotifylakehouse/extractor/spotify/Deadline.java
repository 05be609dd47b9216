package io.github.spotifylakehouse.extractor.spotify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The moment a run must be over: in Lambda the end of the invocation (its context's remaining time), on the
 * command line {@code EXTRACT_TIME_LIMIT_SECONDS} after the start; or none. Requests and retry waits that
 * could end past it are not begun ({@link DeadlineException}), so a run stops cleanly instead of being
 * killed half-way.
 */
public final class Deadline {

  /**
   * Kept free after the last request: time for the playlist's remaining writes and manifest and for the
   * run to report.
   */
  public static final Duration WRAP_UP = Duration.ofSeconds(5);

  private final Clock clock;
  private final Instant end;

  private Deadline(Clock clock, Instant end) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.end = end;
  }

  /** No deadline: everything is allowed. */
  public static Deadline none(Clock clock) {
    return new Deadline(clock, null);
  }

  /** A deadline {@code timeLeft} from now. */
  public static Deadline after(Duration timeLeft, Clock clock) {
    return new Deadline(clock, clock.instant().plus(Objects.requireNonNull(timeLeft, "timeLeft")));
  }

  /** The end, when there is one. */
  public Optional<Instant> end() {
    return Optional.ofNullable(end);
  }

  /** Time left (never negative); empty without a deadline. */
  public Optional<Duration> remaining() {
    if (end == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(clock.instant(), end);
    return Optional.of(left.isNegative() ? Duration.ZERO : left);
  }

  /** True when at least {@code needed} is left (always without a deadline). */
  public boolean allows(Duration needed) {
    return end == null || !clock.instant().plus(needed).isAfter(end);
  }

  /** {@code 12.3 s}, for messages: what is left, or {@code no deadline}. */
  public String describeRemaining() {
    return remaining().map(Deadline::seconds).orElse("no deadline");
  }

  static String seconds(Duration duration) {
    return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  @Override
  public String toString() {
    return end == null ? "Deadline[none]" : "Deadline[" + end + ", " + describeRemaining() + " left]";
  }
}
