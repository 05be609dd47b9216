package io.github.spotifylakehouse.etl.schema;

import java.time.LocalDate;

/**
 * The one timestamp form the Spotify API sends ({@code 2014-09-01T04:21:28Z}), read without the
 * general-purpose {@link java.time.format.DateTimeFormatter}: on a few hundred thousand entries per run
 * that parser shows up in profiles. Anything else is left to {@code java.time}.
 */
final class Timestamps {

  private Timestamps() {
  }

  /**
   * Seconds since the epoch of {@code yyyy-MM-ddTHH:mm:ssZ} with a year from 0001, or {@link Long#MIN_VALUE} for
   * any other text (which the caller reads, or rejects, with {@code java.time}).
   */
  static long utcSecondsOrMin(String text) {
    if (text.length() != 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != 'Z') {
      return Long.MIN_VALUE;
    }
    int year = Digits.parse(text, 0, 4);
    int month = Digits.parse(text, 5, 7);
    int day = Digits.parse(text, 8, 10);
    int hour = Digits.parse(text, 11, 13);
    int minute = Digits.parse(text, 14, 16);
    int second = Digits.parse(text, 17, 19);
    if (year < 1 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      return Long.MIN_VALUE;
    }
    return LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second;
  }
}
