package io.github.spotifylakehouse.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CsvDialectTest {

  @Test
  void bothFormsOfIsSafeAgreeWithTheUnsafeTextExpressionOnEveryCharacter() {
    Pattern unsafe = Pattern.compile(CsvDialect.UNSAFE_TEXT);
    List<Integer> disagreements = new ArrayList<>();
    int unsafeCount = 0;
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      String text = "a" + (char) c + "b";
      boolean matches = unsafe.matcher(text).find();
      unsafeCount += matches ? 1 : 0;
      // the chars form reads only its slice: a neighbour outside it is unsafe whatever c is
      char[] buffer = {'\n', 'a', (char) c, 'b', '\n'};
      if (CsvDialect.isSafe(text) == matches || CsvDialect.isSafe(buffer, 1, 3) == matches) {
        disagreements.add(c);
      }
    }
    assertThat(disagreements).isEmpty();
    // U+0000-U+001F, U+007F-U+009F, U+2028, U+2029
    assertThat(unsafeCount).isEqualTo(32 + 33 + 2);
  }

  @Test
  void textWithoutThoseCharactersIsSafe() {
    assertThat(CsvDialect.isSafe("")).isTrue();
    assertThat(CsvDialect.isSafe("Кино, \"Группа крови\" 夜に駆ける 🎵")).isTrue();
    assertThat(CsvDialect.isSafe("Line one\nline two")).isFalse();
    assertThat(CsvDialect.isSafe("tab\tinside")).isFalse();
    assertThat(CsvDialect.isSafe("next line\u0085")).isFalse();
    assertThat(CsvDialect.isSafe("separator\u2028")).isFalse();
    assertThat(CsvDialect.isSafe(new char[] {'\n'}, 0, 0)).isTrue();
    assertThat(CsvDialect.isSafe("a\tb".toCharArray(), 1, 1)).isFalse();
  }
}
