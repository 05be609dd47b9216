package io.github.spotifylakehouse.workflow.emulator;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the Spotify API emulator serves and whom it lets in.
 *
 * @param seed seed of the generated catalogue (same seed, same answers)
 * @param playlistSizes number of entries of each playlist the user owns or collaborates on; the playlist
 *     ids come from the catalogue
 * @param day the day the catalogue is observed on (popularity drifts by day)
 * @param clientId the only client id the token endpoint accepts
 * @param clientSecret its secret
 * @param refreshToken the only refresh token the token endpoint accepts
 * @param followedPlaylists playlists of other users that the user merely follows: listed by
 *     {@code /me/playlists}, their items answer 403 (as for a development-mode app since February 2026)
 */
public record EmulatorSettings(long seed, List<Integer> playlistSizes, LocalDate day, String clientId,
                               String clientSecret, String refreshToken, int followedPlaylists) {

  /** Client id of the emulator's default credentials (not a secret: it only opens the emulator). */
  public static final String LOCAL_CLIENT_ID = "local-client-id";
  /** Client secret of the emulator's default credentials. */
  public static final String LOCAL_CLIENT_SECRET = "local-client-secret";
  /** Refresh token of the emulator's default credentials. */
  public static final String LOCAL_REFRESH_TOKEN = "local-refresh-token";
  /** The user the emulator's refresh token belongs to ({@code GET /me}). */
  public static final String LOCAL_USER_ID = "local_listener";
  /**
   * Followed playlists by default: with the default six playlists the user's list runs over two pages of
   * 50, as a real library soon does.
   */
  public static final int DEFAULT_FOLLOWED_PLAYLISTS = 48;

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
    if (followedPlaylists < 0) {
      throw new IllegalArgumentException("Followed playlists must be >= 0, got " + followedPlaylists);
    }
  }

  /** Settings with the local default credentials and {@link #DEFAULT_FOLLOWED_PLAYLISTS} followed playlists. */
  public static EmulatorSettings withLocalCredentials(long seed, List<Integer> playlistSizes, LocalDate day) {
    return new EmulatorSettings(seed, playlistSizes, day, LOCAL_CLIENT_ID, LOCAL_CLIENT_SECRET,
        LOCAL_REFRESH_TOKEN, DEFAULT_FOLLOWED_PLAYLISTS);
  }

  /** The same settings with {@code count} followed playlists. */
  public EmulatorSettings withFollowedPlaylists(int count) {
    return new EmulatorSettings(seed, playlistSizes, day, clientId, clientSecret, refreshToken, count);
  }

  /** Total entries over the user's own and collaborative playlists. */
  public int totalEntries() {
    return playlistSizes.stream().mapToInt(Integer::intValue).sum();
  }
}
