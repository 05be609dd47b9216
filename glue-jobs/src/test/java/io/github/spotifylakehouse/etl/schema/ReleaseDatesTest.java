package io.github.spotifylakehouse.etl.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReleaseDatesTest {

  @Test
  void yearAndMonthPrecisionBecomeTheFirstDayOfThePeriod() {
    assertThat(ReleaseDates.firstDay("1981", "year")).isEqualTo(LocalDate.of(1981, 1, 1));
    assertThat(ReleaseDates.firstDay("1981-12", "month")).isEqualTo(LocalDate.of(1981, 12, 1));
    assertThat(ReleaseDates.firstDay("1981-12-15", "day")).isEqualTo(LocalDate.of(1981, 12, 15));
  }

  @Test
  void aCoarserPrecisionWinsAndWithoutOneTheTextDecides() {
    assertThat(ReleaseDates.firstDay("2008-05-17", "year")).isEqualTo(LocalDate.of(2008, 1, 1));
    assertThat(ReleaseDates.firstDay("2008-05-17", "month")).isEqualTo(LocalDate.of(2008, 5, 1));
    assertThat(ReleaseDates.firstDay("2008-05", null)).isEqualTo(LocalDate.of(2008, 5, 1));
    assertThat(ReleaseDates.firstDay("2008", null)).isEqualTo(LocalDate.of(2008, 1, 1));
  }

  @Test
  void whatNamesNoDateIsNull() {
    assertThat(ReleaseDates.firstDay(null, "day")).isNull();
    assertThat(ReleaseDates.firstDay("", "day")).isNull();
    assertThat(ReleaseDates.firstDay("0000", "year")).isNull();
    assertThat(ReleaseDates.firstDay("1981-13", "month")).isNull();
    assertThat(ReleaseDates.firstDay("2023-02-30", "day")).isNull();
    assertThat(ReleaseDates.firstDay("19xx", "year")).isNull();
    assertThat(ReleaseDates.firstDay("1981/12/15", "day")).isNull();
  }
}
