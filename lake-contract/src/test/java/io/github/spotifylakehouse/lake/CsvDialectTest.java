package io.github.spotifylakehouse.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CsvDialectTest {

  @Test
  void isSafeAgreesWithTheUnsafeTextExpressionOnEveryCharacter() {
    Pattern unsafe = Pattern.compile(CsvDialect.UNSAFE_TEXT);
    List<Integer> disagreements = new ArrayList<>();
    int unsafeCount = 0;
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      String text = "a" + (char) c + "b";
      boolean matches = unsafe.matcher(text).find();
      unsafeCount += matches ? 1 : 0;
      // only the slice is read: a neighbour outside it is unsafe whatever c is
      char[] buffer = {'\n', 'a', (char) c, 'b', '\n'};
      if (safe(text) == matches || CsvDialect.isSafe(buffer, 1, 3) == matches) {
        disagreements.add(c);
      }
    }
    assertThat(disagreements).isEmpty();
    // U+0000-U+001F, U+007F-U+009F, U+2028, U+2029
    assertThat(unsafeCount).isEqualTo(32 + 33 + 2);
  }

  private static boolean safe(String text) {
    return CsvDialect.isSafe(text.toCharArray(), 0, text.length());
  }

  @Test
  void textWithoutThoseCharactersIsSafe() {
    assertThat(safe("")).isTrue();
    assertThat(safe("Кино, \"Группа крови\" 夜に駆ける 🎵")).isTrue();
    assertThat(safe("Line one\nline two")).isFalse();
    assertThat(safe("tab\tinside")).isFalse();
    assertThat(safe("next line\u0085")).isFalse();
    assertThat(safe("separator\u2028")).isFalse();
    assertThat(CsvDialect.isSafe(new char[] {'\n'}, 0, 0)).isTrue();
    assertThat(CsvDialect.isSafe("a\tb".toCharArray(), 1, 1)).isFalse();
  }
}
