package io.github.spotifylakehouse.etl.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {

  private static boolean strictlyValid(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  @Test
  void findsTheFirstByteOfEveryKindOfIllFormedSequence() {
    assertThat(Utf8.firstInvalid("plain ascii, long enough to take the fast path".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(-1);
    assertThat(Utf8.firstInvalid("Beyoncé — 東京 🎶".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    assertThat(Utf8.firstInvalid(bytes('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 0xC0, 0x80))).isEqualTo(9);
    assertThat(Utf8.firstInvalid(bytes(0xE0, 0x80, 0x80))).isZero(); // overlong
    assertThat(Utf8.firstInvalid(bytes('x', 0xED, 0xA0, 0x80))).isEqualTo(1); // a surrogate
    assertThat(Utf8.firstInvalid(bytes(0xF4, 0x90, 0x80, 0x80))).isZero(); // above U+10FFFF
    assertThat(Utf8.firstInvalid(bytes('a', 'b', 0xE2, 0x82))).isEqualTo(2); // cut short
    assertThat(Utf8.firstInvalid(bytes(0x80))).isZero();
    assertThat(Utf8.firstInvalid(bytes(0xFF))).isZero();
  }

  @Test
  void agreesWithTheJdksStrictDecoderOnRandomBytes() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = new byte[random.nextInt(24)];
      for (int j = 0; j < bytes.length; j++) {
        // mostly ASCII, as the files are, with every kind of lead and continuation byte
        bytes[j] = (byte) (random.nextInt(4) == 0 ? 0x80 + random.nextInt(128) : random.nextInt(128));
      }
      assertThat(Utf8.firstInvalid(bytes) < 0).as(java.util.HexFormat.of().formatHex(bytes))
          .isEqualTo(strictlyValid(bytes));
    }
  }
}
