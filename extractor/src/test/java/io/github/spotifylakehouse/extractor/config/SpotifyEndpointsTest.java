package io.github.spotifylakehouse.extractor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SpotifyEndpointsTest {

  private final SpotifyEndpoints local = new SpotifyEndpoints(
      URI.create("http://127.0.0.1:8080/spotify/v1"), URI.create("http://127.0.0.1:8081/accounts"));

  @Test
  void rewritesSpotifyHostsOntoTheConfiguredBases() {
    assertThat(local.rewrite(URI.create("https://accounts.spotify.com:443/api/token")))
        .isEqualTo(URI.create("http://127.0.0.1:8081/accounts/api/token"));
    assertThat(local.rewrite(URI.create("https://accounts.spotify.com/authorize?client_id=a&scope=x%20y")))
        .isEqualTo(URI.create("http://127.0.0.1:8081/accounts/authorize?client_id=a&scope=x%20y"));
    assertThat(local.rewrite(URI.create(
        "https://api.spotify.com/v1/playlists/abc/items?offset=50&limit=50&additional_types=track,episode")))
        .isEqualTo(URI.create(
            "http://127.0.0.1:8080/spotify/v1/playlists/abc/items?offset=50&limit=50&additional_types=track,episode"));
  }

  @Test
  void leavesOtherUrlsAlone() {
    URI other = URI.create("https://example.com/v1/playlists/abc");
    assertThat(local.rewrite(other)).isSameAs(other);
    URI otherPort = URI.create("https://api.spotify.com:8443/v1/playlists/abc");
    assertThat(local.rewrite(otherPort)).isSameAs(otherPort);
    URI local1 = URI.create("http://127.0.0.1:8080/spotify/v1/playlists/abc");
    assertThat(local.rewrite(local1)).isSameAs(local1);
  }

  @Test
  void knowsWhatLiesUnderTheApiBase() {
    assertThat(local.isUnderApiBase(URI.create("http://127.0.0.1:8080/spotify/v1/playlists/x/items?offset=1")))
        .isTrue();
    assertThat(local.isUnderApiBase(URI.create("http://127.0.0.1:8080/spotify/v10/playlists"))).isFalse();
    assertThat(local.isUnderApiBase(URI.create("http://127.0.0.1:9999/spotify/v1/playlists"))).isFalse();
    assertThat(local.isUnderApiBase(URI.create("http://evil.example/spotify/v1/playlists"))).isFalse();
  }

  @Test
  void buildsRequestUrls() {
    assertThat(SpotifyEndpoints.SPOTIFY.playlistItems("abc", 100, 50)).hasToString(
        "https://api.spotify.com/v1/playlists/abc/items?offset=100&limit=50&additional_types=track,episode");
    assertThat(SpotifyEndpoints.SPOTIFY.playlist("abc")).hasToString(
        "https://api.spotify.com/v1/playlists/abc?additional_types=track,episode");
    assertThat(SpotifyEndpoints.SPOTIFY.token()).hasToString("https://accounts.spotify.com/api/token");
  }
}
