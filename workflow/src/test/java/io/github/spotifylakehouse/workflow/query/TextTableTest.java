package io.github.spotifylakehouse.workflow.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

  @Test
  void alignsTextLeftAndNumbersRight() {
    String table = TextTable.render(List.of("name", "songs", "share"), List.of(
        Arrays.asList("Alpha", 12L, new BigDecimal("66.7")),
        Arrays.asList("Beta, the Band", 3L, null)));
    assertThat(table).isEqualTo(String.join("\n",
        " name           | songs | share",
        "----------------+-------+------",
        " Alpha          |    12 |  66.7",
        " Beta, the Band |     3 |  NULL"));
  }

  @Test
  void keepsEveryValueOnOneShortLine() {
    assertThat(TextTable.cell("Three\nlines\r\nhere")).isEqualTo("Three lines here");
    assertThat(TextTable.cell("x".repeat(100))).hasSize(TextTable.MAX_WIDTH).endsWith("...");
  }

  @Test
  void printsDatesAndTimestampsAsTheLakeWritesThem() {
    assertThat(TextTable.cell(Instant.parse("2026-11-21T06:00:14.123Z"))).isEqualTo("2026-11-21 06:00:14");
    assertThat(TextTable.cell(LocalDate.of(2026, 11, 21))).isEqualTo("2026-11-21");
    assertThat(TextTable.cell(new BigDecimal("1E+3"))).isEqualTo("1000");
  }

  @Test
  void anEmptyResultStillHasItsHeader() {
    assertThat(TextTable.render(List.of("a", "bb"), List.of())).isEqualTo(" a | bb\n---+---");
  }

  @Test
  void refusesRowsOfTheWrongWidth() {
    assertThatThrownBy(() -> TextTable.render(List.of("a", "b"), List.of(List.of(1))))
        .hasMessageContaining("1 values for 2 columns");
  }
}
