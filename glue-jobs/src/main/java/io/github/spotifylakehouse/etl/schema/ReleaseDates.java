package io.github.spotifylakehouse.etl.schema;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Album release dates come as {@code "1981"}, {@code "1981-12"} or {@code "1981-12-15"} with a
 * {@code release_date_precision} of {@code year}, {@code month} or {@code day}. The lake stores a DATE:
 * the first day of the period for year and month precision.
 */
public final class ReleaseDates {

  private ReleaseDates() {
  }

  /**
   * The first day of the period {@code releaseDate} names, or null when it names none (null, empty,
   * malformed, or the year {@code 0000} some catalogue entries carry). A coarser {@code precision} than
   * the text wins ({@code "2008-05-17"} with precision year is 2008-01-01); without a precision the
   * text's own form decides.
   */
  public static LocalDate firstDay(String releaseDate, String precision) {
    if (releaseDate == null) {
      return null;
    }
    String text = releaseDate.trim();
    try {
      int year = Digits.parse(text, 0, 4);
      if (year <= 0) {
        return null;
      }
      if ("year".equals(precision)) {
        return LocalDate.of(year, 1, 1);
      }
      if ("month".equals(precision) && text.length() > 7) {
        text = text.substring(0, 7);
      }
      switch (text.length()) {
        case 4:
          return LocalDate.of(year, 1, 1);
        case 7:
          return text.charAt(4) == '-' ? LocalDate.of(year, Digits.parse(text, 5, 7), 1) : null;
        case 10:
          return text.charAt(4) == '-' && text.charAt(7) == '-'
              ? LocalDate.of(year, Digits.parse(text, 5, 7), Digits.parse(text, 8, 10)) : null;
        default:
          return null;
      }
    } catch (DateTimeException | IndexOutOfBoundsException e) {
      return null; // not a date: stored as null, like a missing one
    }
  }
}
