package io.github.spotifylakehouse.workflow.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotRuleTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

  @Test
  void aGivenDateWins() {
    LocalDate given = LocalDate.of(2025, 1, 1);
    assertThat(SnapshotRule.choose(Optional.of(given), true, TODAY, List.of(TODAY))).isEqualTo(given);
    assertThat(SnapshotRule.choose(Optional.of(given), false, TODAY, List.of())).isEqualTo(given);
  }

  @Test
  void realSpotifyIsAlwaysTodaySoASecondRunMergesIntoTodaysSnapshot() {
    assertThat(SnapshotRule.choose(Optional.empty(), false, TODAY, List.of(TODAY))).isEqualTo(TODAY);
    assertThat(SnapshotRule.choose(Optional.empty(), false, TODAY, List.of(TODAY.plusDays(3)))).isEqualTo(TODAY);
  }

  @Test
  void theEmulatorStartsTodayThenBuildsATimeSeries() {
    assertThat(SnapshotRule.choose(Optional.empty(), true, TODAY, List.of())).isEqualTo(TODAY);
    assertThat(SnapshotRule.choose(Optional.empty(), true, TODAY, List.of(TODAY.minusDays(10))))
        .isEqualTo(TODAY);
    assertThat(SnapshotRule.choose(Optional.empty(), true, TODAY, List.of(TODAY))).isEqualTo(TODAY.plusDays(1));
    assertThat(SnapshotRule.choose(Optional.empty(), true, TODAY,
        List.of(TODAY.minusDays(1), TODAY.plusDays(1), TODAY))).isEqualTo(TODAY.plusDays(2));
  }
}
