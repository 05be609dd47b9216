package io.github.spotifylakehouse.etl.schema;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 (RFC 3629): Jackson checks the structure of multi-byte sequences, but lets overlong forms,
 * encoded surrogates and code points above U+10FFFF through, and a file holding them is not text.
 */
final class Utf8 {

  /** Reads eight bytes at a time: the files are mostly ASCII, and this skips it about five times faster. */
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {
  }

  /** The offset of the first byte that does not start a well-formed UTF-8 sequence, or -1 when all do. */
  static int firstInvalid(byte[] bytes) {
    int n = bytes.length;
    int i = 0;
    while (i < n) {
      while (i + 8 <= n && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
        i += 8;
      }
      if (i >= n) {
        break;
      }
      int c = bytes[i];
      if (c >= 0) {
        i++;
        continue;
      }
      c &= 0xFF;
      int length;
      int codePoint;
      if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
        codePoint = c & 0x1F;
      } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        codePoint = c & 0x0F;
      } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        codePoint = c & 0x07;
      } else {
        return i; // a continuation byte, C0/C1 (always overlong) or F5..FF
      }
      if (i + length > n) {
        return i;
      }
      for (int k = 1; k < length; k++) {
        int next = bytes[i + k] & 0xFF;
        if ((next & 0xC0) != 0x80) {
          return i;
        }
        codePoint = (codePoint << 6) | (next & 0x3F);
      }
      if (length == 3 && (codePoint < 0x800 || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
          || length == 4 && (codePoint < 0x10000 || codePoint > 0x10FFFF)) {
        return i;
      }
      i += length;
    }
    return -1;
  }
}
