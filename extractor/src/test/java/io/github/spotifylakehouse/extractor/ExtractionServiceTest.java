package io.github.spotifylakehouse.extractor;

import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.github.spotifylakehouse.extractor.testing.SpotifyDouble.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spotifylakehouse.extractor.config.CredentialsStore;
import io.github.spotifylakehouse.lake.ExtractorEnv;
import io.github.spotifylakehouse.extractor.config.ExtractorConfig;
import io.github.spotifylakehouse.extractor.config.SpotifyCredentials;
import io.github.spotifylakehouse.extractor.landing.LandingBucket;
import io.github.spotifylakehouse.extractor.spotify.HttpTransport;
import io.github.spotifylakehouse.testkit.Fixtures;
import io.github.spotifylakehouse.extractor.testing.GeneratedPlaylist;
import io.github.spotifylakehouse.extractor.testing.LocalS3;
import io.github.spotifylakehouse.extractor.testing.MutableClock;
import io.github.spotifylakehouse.extractor.testing.RecordingSleeper;
import io.github.spotifylakehouse.extractor.testing.SpotifyDouble;
import io.github.spotifylakehouse.lake.ManifestFields;
import io.github.spotifylakehouse.lake.RawLayout;
import io.github.spotifylakehouse.lake.RunId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A whole run against the Spotify double (WireMock) and a real S3 server (S3Proxy): every landed object is
 * compared byte for byte with what the double served, and each manifest with one written out here by hand.
 */
class ExtractionServiceTest {

  private static final String BIG = "1bigPlaylist0000000000";
  private static final String RECORDED_OLD = "2recordedTrackShape000";
  private static final String RECORDED_NEW = "3recordedItemShape0000";
  private static final String TRANSITION = "4transitionBothKeys000";
  private static final String FORBIDDEN = "5notOwnedByTheUser0000";
  private static final String EDITORIAL = "37i9dQZF1DXcBWIGoYBM5M";
  private static final LocalDate DAY = LocalDate.of(2026, 11, 21);
  private static final Instant NOW = Instant.parse("2026-11-21T06:00:00.250Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static SpotifyDouble spotify;
  private static LocalS3 s3;

  @BeforeAll
  static void start() {
    spotify = new SpotifyDouble();
    s3 = LocalS3.shared();
  }

  @AfterAll
  static void stop() {
    spotify.close();
  }

  @Test
  void landsEveryPlaylistThatCanBeReadAndReportsTheOthers() throws Exception {
    spotify.stubToken(SpotifyDouble.ACCESS_TOKEN);
    Map<String, Map<Integer, byte[]>> served = new LinkedHashMap<>();
    Map<String, Map<Integer, String>> urls = new LinkedHashMap<>();

    GeneratedPlaylist big = new GeneratedPlaylist(BIG, 120, GeneratedPlaylist.Shape.ITEM, spotify.apiBase());
    spotify.stub(big);
    // the second items page fails once with a 500: the retry must still land it
    spotify.server().stubFor(spotify.itemsRequest(BIG, 50).inScenario("flaky").whenScenarioStateIs(STARTED)
        .willSetStateTo("ok").willReturn(json(500, "{\"error\":{\"status\":500,\"message\":\"Server error\"}}")));
    spotify.server().stubFor(spotify.itemsRequest(BIG, 50).inScenario("flaky").whenScenarioStateIs("ok")
        .willReturn(json(200, big.itemsPage(50))));
    served.put(BIG, Map.of(0, big.playlistObject(), 1, big.itemsPage(0), 2, big.itemsPage(50),
        3, big.itemsPage(100)));
    urls.put(BIG, Map.of(0, spotify.apiBase() + "/playlists/" + BIG + "?additional_types=track,episode",
        1, big.itemsUrl(0, 50), 2, big.itemsUrl(50, 50), 3, big.itemsUrl(100, 50)));

    stubRecorded(RECORDED_OLD, "GetPlaylistRequest.json", "GetPlaylistsItemsRequest.json", served, urls);
    stubRecorded(RECORDED_NEW, "spotify-web-api-java@10.0.0-RC3/GetPlaylistRequest.json",
        "spotify-web-api-java@10.0.0-RC3/GetPlaylistsItemsRequest.json", served, urls);
    stubRecorded(TRANSITION, "joostlek-python-spotify/playlist_1.json",
        "joostlek-python-spotify/playlist_items.json", served, urls);

    GeneratedPlaylist forbidden = new GeneratedPlaylist(FORBIDDEN, 10, GeneratedPlaylist.Shape.ITEM,
        spotify.apiBase());
    spotify.stubPlaylist(FORBIDDEN, forbidden.playlistObject());
    spotify.stubItems(FORBIDDEN, 0, json(403, "{\"error\":{\"status\":403,\"message\":\"Forbidden\"}}"));
    spotify.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v1/playlists/" + EDITORIAL))
        .willReturn(json(404, Fixtures.bytes("joostlek-python-spotify/playlist_not_found.json"))));

    String bucket = s3.newBucket();
    List<String> puts = new CopyOnWriteArrayList<>();
    Map<String, String> env = new HashMap<>(spotify.env(String.join(",", BIG, FORBIDDEN, RECORDED_OLD, EDITORIAL,
        RECORDED_NEW, TRANSITION)));
    env.putAll(s3.env(bucket));
    env.put(ExtractorEnv.LAKE_PREFIX, "lake");
    env.put(ExtractorEnv.SNAPSHOT_DATE, DAY.toString());
    ExtractorConfig config = ExtractorConfig.from(env);
    RecordingSleeper sleeper = new RecordingSleeper();
    ExtractionService service = new ExtractionService(config, CredentialsStore.fixed(
        new SpotifyCredentials(SpotifyDouble.CLIENT_ID, SpotifyDouble.CLIENT_SECRET, SpotifyDouble.REFRESH_TOKEN)),
        new HttpTransport(config.spotify(), Duration.ofSeconds(2)),
        new LandingBucket(recording(LandingBucket.s3Client(config), puts::add), bucket, config.prefix()),
        new MutableClock(NOW), sleeper, () -> 0.5);

    RunResult result = service.run();

    assertThat(RunId.isValid(result.runId())).isTrue();
    assertThat(result.snapshotDate()).isEqualTo(DAY);
    assertThat(result.failed()).isTrue();
    assertThat(result.playlists()).extracting(PlaylistResult::playlistId)
        .containsExactly(BIG, FORBIDDEN, RECORDED_OLD, EDITORIAL, RECORDED_NEW, TRANSITION);
    assertThat(result.playlists()).extracting(PlaylistResult::succeeded)
        .containsExactly(true, false, true, false, true, true);
    assertThat(result.playlists()).extracting(PlaylistResult::apiShape).extracting(o -> o.orElse("-"))
        .containsExactly("item", "-", "track", "-", "item", "both");
    assertThat(result.playlists()).extracting(PlaylistResult::entries).containsExactly(120L, 0L, 2L, 0L, 2L, 1L);
    assertThat(result.playlists().get(1).error().orElseThrow())
        .contains(FORBIDDEN, "the authorized user must own or collaborate on it");
    assertThat(result.playlists().get(3).error().orElseThrow())
        .contains(EDITORIAL, "does not exist, or it is a Spotify-owned");
    assertThat(sleeper.waits()).hasSize(1);

    String runId = result.runId();
    List<String> expectedKeys = new ArrayList<>();
    served.forEach((id, pages) -> {
      pages.keySet().forEach(n -> expectedKeys.add("lake/" + RawLayout.pageKey(DAY, id, runId, n)));
      expectedKeys.add("lake/" + RawLayout.manifestKey(DAY, id, runId));
    });
    // the forbidden playlist's object landed before its items failed; without a manifest the job skips it
    expectedKeys.add("lake/" + RawLayout.pageKey(DAY, FORBIDDEN, runId, 0));
    assertThat(s3.keys(bucket)).containsExactlyInAnyOrderElementsOf(expectedKeys);
    assertThat(s3.keys(bucket)).allSatisfy(key -> assertThat(key).doesNotContain(" ", ":"));

    for (Map.Entry<String, Map<Integer, byte[]>> playlist : served.entrySet()) {
      String id = playlist.getKey();
      for (Map.Entry<Integer, byte[]> page : playlist.getValue().entrySet()) {
        assertThat(s3.bytes(bucket, "lake/" + RawLayout.pageKey(DAY, id, runId, page.getKey())))
            .as("page %d of %s", page.getKey(), id).isEqualTo(page.getValue());
      }
      String manifestKey = "lake/" + RawLayout.manifestKey(DAY, id, runId);
      String manifest = new String(s3.bytes(bucket, manifestKey), StandardCharsets.UTF_8);
      assertThat(manifest).isEqualTo(expectedManifest(runId, id, playlist.getValue(), urls.get(id),
          result.playlists().stream().filter(p -> p.playlistId().equals(id)).findFirst().orElseThrow()));
      JsonNode parsed = JSON.readTree(manifest);
      assertThat(parsed.get(ManifestFields.PAGES)).hasSize(playlist.getValue().size());
      // written last: after every page of its folder
      List<String> folderPuts = puts.stream().filter(k -> k.contains("playlist_id=" + id + "/")).toList();
      assertThat(folderPuts.get(folderPuts.size() - 1)).isEqualTo(manifestKey);
      assertThat(folderPuts).hasSize(playlist.getValue().size() + 1);
    }
    JsonNode bigManifest = JSON.readTree(s3.bytes(bucket, "lake/" + RawLayout.manifestKey(DAY, BIG, runId)));
    assertThat(bigManifest.get(ManifestFields.ENTRIES).asInt()).isEqualTo(120);
    assertThat(bigManifest.get(ManifestFields.API_SHAPE).asText()).isEqualTo("item");
    assertThat(bigManifest.get(ManifestFields.EXTRACTED_AT).asText()).isEqualTo("2026-11-21T06:00:00.250Z");
  }

  @Test
  void aFailedWriteFailsOnlyItsPlaylistAndLeavesItWithoutManifest() {
    spotify.stubToken(SpotifyDouble.ACCESS_TOKEN);
    String broken = "6writeFails000000000000";
    String fine = "7writesFine00000000000";
    spotify.stub(new GeneratedPlaylist(broken, 400, GeneratedPlaylist.Shape.ITEM, spotify.apiBase()));
    spotify.stub(new GeneratedPlaylist(fine, 60, GeneratedPlaylist.Shape.TRACK, spotify.apiBase()));
    String bucket = s3.newBucket();
    Map<String, String> env = new HashMap<>(spotify.env(broken + "," + fine));
    env.putAll(s3.env(bucket));
    env.put(ExtractorEnv.SNAPSHOT_DATE, DAY.toString());
    ExtractorConfig config = ExtractorConfig.from(env);
    S3Client real = LandingBucket.s3Client(config);
    S3Client failing = (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(),
        new Class<?>[] {S3Client.class}, (proxy, method, args) -> {
          if (method.getName().equals("putObject") && args[0] instanceof PutObjectRequest put
              && put.key().contains(broken) && put.key().endsWith("page-00003.json")) {
            throw software.amazon.awssdk.core.exception.SdkClientException.create("disk full (simulated)");
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    ExtractionService service = new ExtractionService(config, CredentialsStore.fixed(
        new SpotifyCredentials(SpotifyDouble.CLIENT_ID, SpotifyDouble.CLIENT_SECRET, SpotifyDouble.REFRESH_TOKEN)),
        new HttpTransport(config.spotify(), Duration.ofSeconds(2)), new LandingBucket(failing, bucket, ""),
        new MutableClock(NOW), new RecordingSleeper(), () -> 0.5);

    RunResult result = service.run();

    PlaylistResult failed = result.playlists().get(0);
    assertThat(failed.succeeded()).isFalse();
    assertThat(failed.error().orElseThrow()).startsWith("Cannot write s3://" + bucket + "/")
        .contains("playlist_id=" + broken + "/", "page-00003.json", "disk full (simulated)");
    assertThat(failed.pages()).isBetween(3, 3 + 4);
    assertThat(result.playlists().get(1).succeeded()).isTrue();
    List<String> keys = s3.keys(bucket);
    assertThat(keys).noneMatch(k -> k.contains(broken) && k.endsWith(RawLayout.MANIFEST_FILE));
    assertThat(keys).noneMatch(k -> k.contains(broken) && k.endsWith("page-00003.json"));
    assertThat(keys).filteredOn(k -> k.contains(fine)).hasSize(4);
  }

  private static void stubRecorded(String id, String playlistFixture, String itemsFixture,
                                   Map<String, Map<Integer, byte[]>> served, Map<String, Map<Integer, String>> urls) {
    spotify.stubPlaylist(id, Fixtures.bytes(playlistFixture));
    spotify.stubItems(id, 0, json(200, Fixtures.bytes(itemsFixture)));
    served.put(id, Map.of(0, Fixtures.bytes(playlistFixture), 1, Fixtures.bytes(itemsFixture)));
    urls.put(id, Map.of(0, spotify.apiBase() + "/playlists/" + id + "?additional_types=track,episode",
        1, spotify.apiBase() + "/playlists/" + id + "/items?offset=0&limit=50&additional_types=track,episode"));
  }

  /** The manifest as the contract describes it, written out independently of the code under test. */
  private static String expectedManifest(String runId, String id, Map<Integer, byte[]> pages,
                                         Map<Integer, String> urls, PlaylistResult result) throws Exception {
    StringBuilder json = new StringBuilder();
    String snapshotId = JSON.readTree(pages.get(0)).get("snapshot_id").asText();
    json.append("{\"manifest_version\":2,\"run_id\":\"").append(runId).append("\",\"playlist_id\":\"").append(id)
        .append("\",\"snapshot_date\":\"2026-11-21\",\"extracted_at\":\"2026-11-21T06:00:00.250Z\",")
        .append("\"snapshot_id\":\"").append(snapshotId).append("\",")
        .append("\"api_shape\":\"").append(result.apiShape().orElseThrow()).append("\",\"entries\":")
        .append(result.entries()).append(",\"pages\":[");
    for (int n = 0; n < pages.size(); n++) {
      JsonNode body = JSON.readTree(pages.get(n));
      int entries = n == 0
          ? (body.path("items").isObject() ? body.get("items") : body.path("tracks")).path("items").size()
          : body.get("items").size();
      json.append(n == 0 ? "" : ",").append("{\"file\":\"page-0000").append(n).append(".json\",\"kind\":\"")
          .append(n == 0 ? "playlist" : "items").append("\",\"url\":\"").append(urls.get(n))
          .append("\",\"entries\":").append(entries).append(",\"bytes\":").append(pages.get(n).length).append('}');
    }
    return json.append("]}\n").toString();
  }

  /** An S3 client that reports the key of each PUT, in order, before making it. */
  static S3Client recording(S3Client delegate, Consumer<String> onPut) {
    return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
        (proxy, method, args) -> {
          if (method.getName().equals("putObject") && args != null && args[0] instanceof PutObjectRequest put) {
            onPut.accept(put.key());
          }
          try {
            return method.invoke(delegate, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
