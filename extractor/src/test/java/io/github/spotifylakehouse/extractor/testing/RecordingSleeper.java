package io.github.spotifylakehouse.extractor.testing;

import io.github.spotifylakehouse.extractor.spotify.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the waits asked for, and does not wait (but moves a test clock by them, when given one). */
public final class RecordingSleeper implements Sleeper {

  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final MutableClock clock;

  public RecordingSleeper() {
    this(null);
  }

  /** A sleeper that advances {@code clock} by each wait, as really waiting would. */
  public RecordingSleeper(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
    if (clock != null) {
      clock.advance(duration);
    }
  }

  public List<Duration> waits() {
    return List.copyOf(waits);
  }
}
