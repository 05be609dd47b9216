package io.github.spotifylakehouse.etl.schema;

/** Fixed-position decimal fields of the API's date and time strings, read without a general parser. */
final class Digits {

  private Digits() {
  }

  /**
   * The non-negative number written in {@code text[from, to)}, or -1 when a character there is not an
   * ASCII digit.
   *
   * @throws IndexOutOfBoundsException when {@code text} is shorter than {@code to}
   */
  static int parse(String text, int from, int to) {
    if (text.length() < to) {
      throw new IndexOutOfBoundsException(to);
    }
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
