package io.github.spotifylakehouse.testkit;

/**
 * A minimal JSON writer that indents by two spaces, as the Spotify Web API does. Dependency-free and
 * allocation-light so generating hundreds of megabytes stays fast. Non-ASCII text is written as is (the
 * API sends raw UTF-8); quotes, backslashes and control characters are escaped.
 */
final class PrettyJson {

  private static final int MAX_DEPTH = 64;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder out;
  private final boolean[] hasElement = new boolean[MAX_DEPTH];
  private int depth;
  private boolean afterName;

  PrettyJson(int capacity) {
    this.out = new StringBuilder(capacity);
  }

  PrettyJson beginObject() {
    beforeValue();
    out.append('{');
    hasElement[++depth] = false;
    return this;
  }

  PrettyJson endObject() {
    close('}');
    return this;
  }

  PrettyJson beginArray() {
    beforeValue();
    out.append('[');
    hasElement[++depth] = false;
    return this;
  }

  PrettyJson endArray() {
    close(']');
    return this;
  }

  PrettyJson name(String name) {
    newElement();
    quote(name);
    out.append(": ");
    afterName = true;
    return this;
  }

  PrettyJson value(String value) {
    beforeValue();
    if (value == null) {
      out.append("null");
    } else {
      quote(value);
    }
    return this;
  }

  PrettyJson value(long value) {
    beforeValue();
    out.append(value);
    return this;
  }

  PrettyJson value(boolean value) {
    beforeValue();
    out.append(value);
    return this;
  }

  PrettyJson nullValue() {
    beforeValue();
    out.append("null");
    return this;
  }

  PrettyJson field(String name, String value) {
    return name(name).value(value);
  }

  PrettyJson field(String name, long value) {
    return name(name).value(value);
  }

  PrettyJson field(String name, boolean value) {
    return name(name).value(value);
  }

  PrettyJson nullField(String name) {
    return name(name).nullValue();
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private void beforeValue() {
    if (afterName) {
      afterName = false;
    } else if (depth > 0) {
      newElement();
    }
  }

  private void newElement() {
    out.append(hasElement[depth] ? ",\n" : "\n");
    indent(depth);
    hasElement[depth] = true;
  }

  private void close(char bracket) {
    if (hasElement[depth]) {
      out.append('\n');
      indent(depth - 1);
    }
    out.append(bracket);
    depth--;
  }

  private void indent(int level) {
    for (int i = 0; i < level; i++) {
      out.append("  ");
    }
  }

  private void quote(String text) {
    out.append('"');
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        switch (c) {
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
        }
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
