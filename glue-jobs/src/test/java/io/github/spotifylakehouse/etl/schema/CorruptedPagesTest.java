package io.github.spotifylakehouse.etl.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spotifylakehouse.testkit.Fixtures;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever a raw file holds, the parser returns. Every recorded playlist response is corrupted in
 * many ways (truncated at many offsets, bytes flipped, values replaced by out-of-range ones, invalid UTF-8,
 * absurd nesting) and each variant must be either read exactly (what an independent reader, Jackson's tree
 * model over strictly decoded UTF-8, finds in it) or rejected with a reason that names a field or a position.
 * Never an exception.
 */
class CorruptedPagesTest {

  private static final ObjectMapper REFERENCE = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  /** A reason names a field ('items[3].added_at'), a position (line, column, byte offset) or the top level. */
  private static final Pattern NAMES_WHERE = Pattern.compile(
      ".*('[^']+'|line \\d+, column \\d+|byte offset \\d+|empty file|top-level).*", Pattern.DOTALL);
  private static final Pattern ADDED_AT = Pattern.compile("\"added_at\": \"[^\"]*\"");
  private static final Pattern INTEGER_FIELD = Pattern.compile(
      "\"(duration_ms|popularity|track_number|disc_number|total_tracks|offset)\": -?\\d+");
  private static final Pattern NAME_FIELD = Pattern.compile("\"name\": \"");

  private static final List<String> BAD_INSTANTS = List.of("+300000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
      "+1000000000-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "10000-01-01T00:00:00Z", "2026-02-30T00:00:00Z",
      "2026-03-03T10:00:00+25:00", "2026-03-03T10:00:00.123456789Z", "", "9999-12-31T23:59:59Z",
      "0001-01-01T00:00:00+01:00");
  private static final List<String> BAD_NUMBERS = List.of("2147483648", "-2147483649", "2147483647",
      "99999999999999999999999999999999", "1e400", "-0", "1.5", "-1", "true", "\"12\"", "null", "[]", "{}",
      "9".repeat(2000));

  private int read;
  private int rejected;

  @Test
  void everyCorruptionOfEveryRecordedPageIsReadExactlyOrRejectedWithAReason() {
    Random random = new Random(20261121L);
    for (String fixture : Fixtures.PLAYLIST_SHAPES) {
      byte[] original = Fixtures.bytes(fixture);
      String text = new String(original, StandardCharsets.UTF_8);
      check(fixture, "as recorded", original);

      // truncated at many offsets, including every one of the first and last bytes
      for (int end = 0; end < original.length; end += end < 64 || end > original.length - 64 ? 1 : 97) {
        check(fixture, "truncated at " + end, java.util.Arrays.copyOf(original, end));
      }
      // single and multiple bytes flipped anywhere
      for (int i = 0; i < 400; i++) {
        byte[] variant = original.clone();
        int flips = 1 + random.nextInt(i % 10 == 0 ? 8 : 1);
        StringBuilder what = new StringBuilder("flipped");
        for (int f = 0; f < flips; f++) {
          int at = random.nextInt(variant.length);
          int mask = 1 << random.nextInt(8);
          variant[at] ^= (byte) mask;
          what.append(" byte ").append(at).append(" ^ ").append(mask);
        }
        check(fixture, what.toString(), variant);
      }
      // values replaced by out-of-range or mistyped ones
      for (String instant : BAD_INSTANTS) {
        checkEachMatch(fixture, text, ADDED_AT, "\"added_at\": \"" + instant + "\"");
      }
      for (String number : BAD_NUMBERS) {
        Matcher m = INTEGER_FIELD.matcher(text);
        int n = 0;
        while (m.find() && n++ < 12) {
          String variant = text.substring(0, m.start()) + "\"" + m.group(1) + "\": " + number + text.substring(m.end());
          check(fixture, m.group(1) + " at " + m.start() + " := " + abbreviate(number), utf8(variant));
        }
      }
      // invalid UTF-8 and odd text in a kept string (the first name) and in a skipped field
      Matcher name = NAME_FIELD.matcher(text);
      if (name.find()) {
        int at = name.end();
        for (byte[] bad : List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0x80},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80,
                (byte) 0x80}, new byte[] {0x01}, "\\uD800".getBytes(StandardCharsets.UTF_8),
            "\\u0000\\\"".getBytes(StandardCharsets.UTF_8), "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8))) {
          check(fixture, "bytes " + abbreviate(java.util.HexFormat.of().formatHex(bad)) + " inserted in a name at "
              + at, insert(original, byteOffset(text, at), bad));
        }
      }
      // absurd nesting in a field the parser skips, and in the page's own entries
      for (int depth : new int[] {50, 99, 101, 5_000, 200_000}) {
        String deep = "\"deep\": " + "[".repeat(depth) + "]".repeat(depth) + ", ";
        int at = text.indexOf('{') + 1;
        check(fixture, "nesting " + depth + " at the top", utf8(text.substring(0, at) + deep + text.substring(at)));
        int entries = text.indexOf("\"items\": [");
        if (entries >= 0) {
          int in = entries + "\"items\": [".length();
          check(fixture, "nesting " + depth + " as an entry",
              utf8(text.substring(0, in) + "[".repeat(depth) + "]".repeat(depth) + ", " + text.substring(in)));
        }
      }
    }
    // the corpus really exercises both sides
    assertThat(read).as("variants read").isGreaterThan(1_000);
    assertThat(rejected).as("variants rejected").isGreaterThan(1_000);
  }

  @Test
  void aTimestampInTheYear300000IsRejectedNamingTheField() {
    String page = "{\"href\": \"https://api.spotify.com/v1/playlists/P/items\", \"items\": ["
        + "{\"added_at\": \"2014-09-01T04:21:28Z\", \"item\": {\"id\": \"a\"}},"
        + "{\"added_at\": \"+300000-01-01T00:00:00Z\", \"item\": {\"id\": \"b\"}}]}";

    assertThat(RawResponseParser.parse(utf8(page), null).rejection())
        .isEqualTo("field 'items[1].added_at' is out of range (years 0001 to 9999): '+300000-01-01T00:00:00Z'");
    // beyond 2262 a count of nanoseconds overflows a long: the instant is still read to the microsecond
    ParsedFile far = RawResponseParser.parse(utf8(page.replace("+300000-01-01T00:00:00Z", "2300-01-01T00:00:00.5Z")),
        null);
    assertThat(far.entries().get(1).addedAtMicros()).isEqualTo(Instant.parse("2300-01-01T00:00:00Z")
        .getEpochSecond() * 1_000_000L + 500_000L);
  }

  @Test
  void offsetsThatWouldOverflowAPositionAreRejected() {
    String page = "{\"href\": \"https://api.spotify.com/v1/playlists/P/items\", \"offset\": 2147483647, "
        + "\"items\": [{\"item\": {\"id\": \"a\"}}, {\"item\": {\"id\": \"b\"}}]}";

    assertThat(RawResponseParser.parse(utf8(page), null).rejection())
        .isEqualTo("field 'offset' is out of range: 2147483647 plus the page's 2 entries passes the largest "
            + "position, 2147483647");
    assertThat(RawResponseParser.parse(utf8(page.replace("2147483647", "-100")), null).rejection())
        .isEqualTo("field 'offset' is negative: -100 (positions start at 0)");
  }

  @Test
  void invalidUtf8AndDeepNestingAreRejectedWithTheirPosition() {
    byte[] bad = insert(utf8("{\"items\": [], \"href\": \"x\"}"), 23, new byte[] {(byte) 0xC3, 0x28});

    assertThat(RawResponseParser.parse(bad, "P").rejection())
        .isEqualTo("not valid UTF-8: byte 0xc3 at byte offset 23 starts no well-formed sequence");
    byte[] surrogate = insert(utf8("{\"items\": [], \"href\": \"x\"}"), 23, new byte[] {(byte) 0xED, (byte) 0xA0,
        (byte) 0x80});
    assertThat(RawResponseParser.parse(surrogate, "P").rejection())
        .isEqualTo("not valid UTF-8: byte 0xed at byte offset 23 starts no well-formed sequence");
    String deep = "{\"x\": " + "[".repeat(101) + "]".repeat(101) + ", \"items\": []}";
    assertThat(RawResponseParser.parse(utf8(deep), "P").rejection())
        .startsWith("over a parser limit: Depth (101) exceeds the maximum allowed nesting depth (100) at 'x")
        .contains("at 'x[0][0][0]").endsWith("(line 1, column 107)");
  }

  private void checkEachMatch(String fixture, String text, Pattern pattern, String replacement) {
    Matcher m = pattern.matcher(text);
    int n = 0;
    while (m.find() && n++ < 6) {
      String variant = text.substring(0, m.start()) + replacement + text.substring(m.end());
      check(fixture, abbreviate(replacement) + " at " + m.start(), utf8(variant));
    }
    check(fixture, "every " + abbreviate(replacement), utf8(pattern.matcher(text).replaceAll(
        Matcher.quoteReplacement(replacement))));
  }

  /** The property itself. */
  private void check(String fixture, String variant, byte[] content) {
    ParsedFile parsed;
    try {
      parsed = RawResponseParser.parse(content, null);
    } catch (RuntimeException | Error e) {
      throw new AssertionError(fixture + ", " + variant + ": threw instead of returning", e);
    }
    if (parsed.isRead()) {
      read++;
      List<Map<String, Object>> expected;
      try {
        expected = reference(content);
      } catch (RuntimeException e) {
        expected = null;
      }
      if (expected == null) {
        fail(fixture + ", " + variant + ": read, but the reference reader finds no playlist page in it");
      }
      assertThat(describe(parsed)).as(fixture + ", " + variant).isEqualTo(expected);
    } else {
      rejected++;
      assertThat(parsed.rejection()).as(fixture + ", " + variant + ": the reason names a field or position")
          .matches(NAMES_WHERE);
      assertThat(parsed.entries()).isEmpty();
    }
  }

  private static List<Map<String, Object>> describe(ParsedFile parsed) {
    List<Map<String, Object>> entries = new ArrayList<>();
    for (ParsedEntry e : parsed.entries()) {
      entries.add(entry(e.position(), e.songId(), e.songName(), e.addedAtMicros(), e.durationMs(), e.popularity(),
          e.albumId()));
    }
    return entries;
  }

  private static Map<String, Object> entry(int position, String id, String name, Long addedAt, Integer duration,
                                           Integer popularity, String albumId) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("position", position);
    entry.put("id", id);
    entry.put("name", name);
    entry.put("added_at", addedAt);
    entry.put("duration_ms", duration);
    entry.put("popularity", popularity);
    entry.put("album_id", albumId);
    return entry;
  }

  /**
   * What an independent reader finds: the entries of the file's playlist page, or null when the bytes are not
   * strict UTF-8 JSON holding one (then the parser must have rejected the file).
   */
  private static List<Map<String, Object>> reference(byte[] content) {
    JsonNode root;
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
      root = REFERENCE.readTree(text);
    } catch (CharacterCodingException | com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
      return null;
    }
    if (root == null || !root.isObject()) {
      return null;
    }
    JsonNode page;
    int offset;
    if (root.path("items").isArray()) {
      page = root.get("items");
      offset = root.path("offset").asInt(0);
    } else {
      JsonNode embedded = root.path("items").isObject() ? root.get("items") : root.path("tracks");
      if (!embedded.isObject()) {
        return null;
      }
      page = embedded.path("items");
      offset = embedded.path("offset").asInt(0);
    }
    List<Map<String, Object>> entries = new ArrayList<>();
    int index = 0;
    for (Iterator<JsonNode> it = page.elements(); it.hasNext(); index++) {
      JsonNode e = it.next();
      JsonNode track = e.hasNonNull("item") ? e.get("item") : e.path("track");
      if (!track.isObject() || e.path("is_local").asBoolean(false) || track.path("is_local").asBoolean(false)
          || "episode".equals(track.path("type").asText()) || track.path("show").isObject()
          || text(track.get("id")) == null || text(track.get("id")).isEmpty()) {
        continue;
      }
      entries.add(entry(offset + index, track.get("id").asText(), text(track.get("name")),
          micros(e.get("added_at")), integer(track.get("duration_ms")), integer(track.get("popularity")),
          text(track.path("album").get("id"))));
    }
    return entries;
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private static Integer integer(JsonNode node) {
    return node == null || node.isNull() ? null : node.intValue();
  }

  private static Long micros(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    String text = node.asText();
    Instant instant = text.endsWith("Z") ? Instant.parse(text) : OffsetDateTime.parse(text).toInstant();
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  private static byte[] insert(byte[] original, int at, byte[] bytes) {
    byte[] out = new byte[original.length + bytes.length];
    System.arraycopy(original, 0, out, 0, at);
    System.arraycopy(bytes, 0, out, at, bytes.length);
    System.arraycopy(original, at, out, at + bytes.length, original.length - at);
    return out;
  }

  private static int byteOffset(String text, int charIndex) {
    return text.substring(0, charIndex).getBytes(StandardCharsets.UTF_8).length;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String abbreviate(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "..." : value;
  }
}
