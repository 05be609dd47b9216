package io.github.spotifylakehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one copy of the recorded responses: every file named in SOURCES.txt is there, with its recorded hash. */
class FixturesTest {

  @Test
  void everyRecordedResponseMatchesItsSourceLine() throws NoSuchAlgorithmException {
    List<String> checked = new ArrayList<>();
    for (String line : Fixtures.text("SOURCES.txt").split("\n")) {
      String[] fields = line.split(" \\| ");
      if (fields.length != 7 || fields[0].equals("Columns: local_file")) {
        continue;
      }
      byte[] body = Fixtures.bytes(fields[0]);
      assertThat(body.length).as("bytes of %s", fields[0]).isEqualTo(Integer.parseInt(fields[5]));
      String recorded = fields[6].replace("sha256:", "").replace("...", "");
      String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
      assertThat(actual).as("sha256 of %s", fields[0]).startsWith(recorded);
      checked.add(fields[0]);
    }
    assertThat(checked).containsAll(Fixtures.PLAYLIST_SHAPES).containsAll(Fixtures.OTHER_SHAPES);
  }

  @Test
  void anUnknownFixtureIsNamedInTheError() {
    assertThatThrownBy(() -> Fixtures.bytes("no-such.json")).hasMessageContaining("no-such.json");
  }
}
