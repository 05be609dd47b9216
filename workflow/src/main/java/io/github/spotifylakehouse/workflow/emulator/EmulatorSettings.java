package io.github.spotifylakehouse.workflow.emulator;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the Spotify API emulator serves and whom it lets in.
 *
 * @param seed seed of the generated catalogue (same seed, same answers)
 * @param playlistSizes number of entries of each playlist; the playlist ids come from the catalogue
 * @param day the day the catalogue is observed on (popularity drifts by day)
 * @param clientId the only client id the token endpoint accepts
 * @param clientSecret its secret
 * @param refreshToken the only refresh token the token endpoint accepts
 */
public record EmulatorSettings(long seed, List<Integer> playlistSizes, LocalDate day, String clientId,
                               String clientSecret, String refreshToken) {

  /** Client id of the emulator's default credentials (not a secret: it only opens the emulator). */
  public static final String LOCAL_CLIENT_ID = "local-client-id";
  /** Client secret of the emulator's default credentials. */
  public static final String LOCAL_CLIENT_SECRET = "local-client-secret";
  /** Refresh token of the emulator's default credentials. */
  public static final String LOCAL_REFRESH_TOKEN = "local-refresh-token";

  public EmulatorSettings {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(refreshToken, "refreshToken");
    playlistSizes = List.copyOf(playlistSizes);
    if (playlistSizes.isEmpty()) {
      throw new IllegalArgumentException("The emulator needs at least one playlist");
    }
    for (int size : playlistSizes) {
      if (size < 0) {
        throw new IllegalArgumentException("Playlist size must be >= 0, got " + size);
      }
    }
  }

  /** Settings with the local default credentials. */
  public static EmulatorSettings withLocalCredentials(long seed, List<Integer> playlistSizes, LocalDate day) {
    return new EmulatorSettings(seed, playlistSizes, day, LOCAL_CLIENT_ID, LOCAL_CLIENT_SECRET,
        LOCAL_REFRESH_TOKEN);
  }

  /** Total entries over all playlists. */
  public int totalEntries() {
    return playlistSizes.stream().mapToInt(Integer::intValue).sum();
  }
}
