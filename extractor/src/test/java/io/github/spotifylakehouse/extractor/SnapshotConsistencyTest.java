package io.github.spotifylakehouse.extractor;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.github.spotifylakehouse.extractor.testing.SpotifyDouble.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.github.spotifylakehouse.extractor.PlaylistResult.Status;
import io.github.spotifylakehouse.extractor.config.CredentialsStore;
import io.github.spotifylakehouse.extractor.config.ExtractorConfig;
import io.github.spotifylakehouse.extractor.config.SpotifyCredentials;
import io.github.spotifylakehouse.extractor.landing.LandingBucket;
import io.github.spotifylakehouse.extractor.spotify.HttpTransport;
import io.github.spotifylakehouse.extractor.spotify.PlaylistReader;
import io.github.spotifylakehouse.extractor.testing.GeneratedPlaylist;
import io.github.spotifylakehouse.extractor.testing.LocalS3;
import io.github.spotifylakehouse.extractor.testing.MutableClock;
import io.github.spotifylakehouse.extractor.testing.RecordingSleeper;
import io.github.spotifylakehouse.extractor.testing.SpotifyDouble;
import io.github.spotifylakehouse.lake.ExtractorEnv;
import io.github.spotifylakehouse.lake.ManifestFields;
import io.github.spotifylakehouse.lake.RawLayout;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Pages from one version of a playlist: an edit between two pages makes the playlist paged again into a
 * new run folder, a playlist that never holds still fails by name, the manifest records the version, and a
 * re-run on the same day leaves a playlist alone when that version is still current (wherever the job has
 * moved its files).
 */
class SnapshotConsistencyTest {

  private static final String ID = "0editedWhilePaged00000";
  private static final LocalDate DAY = LocalDate.of(2026, 11, 21);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static SpotifyDouble spotify;
  private static LocalS3 s3;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T06:00:00Z"));
  private String bucket;

  @BeforeAll
  static void start() {
    spotify = new SpotifyDouble();
    s3 = LocalS3.shared();
  }

  @AfterAll
  static void stop() {
    spotify.close();
  }

  @BeforeEach
  void reset() {
    spotify.server().resetAll();
    spotify.stubToken(SpotifyDouble.ACCESS_TOKEN);
    bucket = s3.newBucket();
  }

  private ExtractionService service(S3Client s3Client) {
    Map<String, String> env = new HashMap<>(spotify.env(ID));
    env.putAll(s3.env(bucket));
    env.put(ExtractorEnv.SNAPSHOT_DATE, DAY.toString());
    ExtractorConfig config = ExtractorConfig.from(env);
    return new ExtractionService(config, CredentialsStore.fixed(new SpotifyCredentials(SpotifyDouble.CLIENT_ID,
        SpotifyDouble.CLIENT_SECRET, SpotifyDouble.REFRESH_TOKEN)),
        new HttpTransport(config.spotify(), config.retry().httpTimeout()),
        new LandingBucket(s3Client == null ? LandingBucket.s3Client(config) : s3Client, bucket, ""), clock,
        new RecordingSleeper(), () -> 0.5);
  }

  private static MappingBuilder playlistObjectRequest() {
    return get(urlPathEqualTo("/v1/playlists/" + ID)).withQueryParam("additional_types", equalTo("track,episode"));
  }

  private static MappingBuilder snapshotRequest() {
    return get(urlPathEqualTo("/v1/playlists/" + ID)).withQueryParam("fields", equalTo("snapshot_id"));
  }

  private static String snapshot(String snapshotId) {
    return "{\"snapshot_id\":\"" + snapshotId + "\"}";
  }

  @Test
  void aPlaylistEditedBetweenTwoPagesIsPagedAgainIntoANewRunFolder() throws Exception {
    GeneratedPlaylist before = new GeneratedPlaylist(ID, 120, GeneratedPlaylist.Shape.ITEM, spotify.apiBase());
    GeneratedPlaylist after = new GeneratedPlaylist(ID, 121, GeneratedPlaylist.Shape.ITEM, spotify.apiBase());
    // pass 1 pages version snap-1; someone adds an entry; the check after the last page sees snap-2
    spotify.server().stubFor(playlistObjectRequest().inScenario("edit").whenScenarioStateIs(STARTED)
        .willSetStateTo("paging-1").willReturn(json(200, before.playlistObject("snap-1"))));
    spotify.server().stubFor(snapshotRequest().inScenario("edit").whenScenarioStateIs("paging-1")
        .willSetStateTo("edited").willReturn(json(200, snapshot("snap-2"))));
    spotify.server().stubFor(playlistObjectRequest().inScenario("edit").whenScenarioStateIs("edited")
        .willSetStateTo("paging-2").willReturn(json(200, after.playlistObject("snap-2"))));
    spotify.server().stubFor(snapshotRequest().inScenario("edit").whenScenarioStateIs("paging-2")
        .willReturn(json(200, snapshot("snap-2"))));
    for (int offset : after.offsets()) {
      spotify.server().stubFor(spotify.itemsRequest(ID, offset).inScenario("edit").whenScenarioStateIs("paging-1")
          .willReturn(json(200, before.itemsPage(offset))));
      spotify.server().stubFor(spotify.itemsRequest(ID, offset).inScenario("edit").whenScenarioStateIs("paging-2")
          .willReturn(json(200, after.itemsPage(offset))));
    }

    RunResult result = service(null).run();

    PlaylistResult playlist = result.playlists().get(0);
    assertThat(playlist.status()).as(playlist.error().orElse("")).isEqualTo(Status.OK);
    assertThat(playlist.passes()).isEqualTo(2);
    assertThat(playlist.snapshotId()).contains("snap-2");
    assertThat(playlist.entries()).isEqualTo(121);
    String newRun = playlist.runId().orElseThrow();
    assertThat(newRun).isNotEqualTo(result.runId());
    assertThat(playlist.toMap(result.runId(), DAY.toString())).containsEntry("run_id", newRun)
        .containsEntry("passes", 2).containsEntry("snapshot_id", "snap-2");

    JsonNode manifest = JSON.readTree(s3.bytes(bucket, RawLayout.manifestKey(DAY, ID, newRun)));
    assertThat(manifest.get(ManifestFields.MANIFEST_VERSION).asInt()).isEqualTo(2);
    assertThat(manifest.get(ManifestFields.SNAPSHOT_ID).asText()).isEqualTo("snap-2");
    assertThat(manifest.get(ManifestFields.ENTRIES).asInt()).isEqualTo(121);
    // the playlist object of the kept version is page 0, as the job expects
    assertThat(s3.bytes(bucket, RawLayout.pageKey(DAY, ID, newRun, 0))).isEqualTo(after.playlistObject("snap-2"));
    assertThat(s3.bytes(bucket, RawLayout.pageKey(DAY, ID, newRun, 3))).isEqualTo(after.itemsPage(100));
    // the first pass stays without a manifest: the job ignores it
    String firstFolder = RawLayout.TO_PROCESS + RawLayout.runFolder(DAY, ID, result.runId());
    assertThat(s3.keys(bucket)).filteredOn(k -> k.startsWith(firstFolder)).hasSize(4)
        .noneMatch(k -> k.endsWith(RawLayout.MANIFEST_FILE));
  }

  @Test
  void aPlaylistThatNeverHoldsStillFailsByNameWithoutAManifest() {
    GeneratedPlaylist playlist = new GeneratedPlaylist(ID, 60, GeneratedPlaylist.Shape.ITEM, spotify.apiBase());
    spotify.stub(playlist);
    spotify.server().stubFor(playlistObjectRequest().willReturn(json(200, playlist.playlistObject("snap-A"))));
    spotify.server().stubFor(snapshotRequest().willReturn(json(200, snapshot("snap-B"))));

    RunResult result = service(null).run();

    PlaylistResult failed = result.playlists().get(0);
    assertThat(failed.status()).isEqualTo(Status.FAILED);
    assertThat(failed.error().orElseThrow()).isEqualTo("Playlist " + ID + " did not hold still: its snapshot_id "
        + "changed while it was paged, on all 3 passes (snap-A -> snap-B, snap-A -> snap-B, snap-A -> snap-B). "
        + "Someone is editing it; it is read again on the next run");
    spotify.server().verify(PlaylistReader.MAX_PASSES, getRequestedFor(urlPathEqualTo("/v1/playlists/" + ID))
        .withQueryParam("fields", equalTo("snapshot_id")));
    assertThat(s3.keys(bucket)).noneMatch(k -> k.endsWith(RawLayout.MANIFEST_FILE));
    assertThat(s3.keys(bucket).stream().map(k -> k.substring(0, k.lastIndexOf('/'))).distinct()).hasSize(3);
  }

  @Test
  void aSameDayRerunLeavesAnUnchangedPlaylistAloneEvenOnceTheJobMovedIt() throws Exception {
    GeneratedPlaylist playlist = new GeneratedPlaylist(ID, 60, GeneratedPlaylist.Shape.ITEM, spotify.apiBase());
    spotify.stub(playlist);
    ExtractionService service = service(null);

    RunResult first = service.run();
    assertThat(first.playlists().get(0).status()).isEqualTo(Status.OK);
    int itemRequests = itemRequests();

    // the job consumes the run: its files move to raw_data/processed/
    for (String key : s3.keys(bucket)) {
      String moved = RawLayout.PROCESSED + key.substring(RawLayout.TO_PROCESS.length());
      s3.client().copyObject(b -> b.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket).destinationKey(moved));
      s3.client().deleteObject(b -> b.bucket(bucket).key(key));
    }
    clock.advance(Duration.ofMinutes(30));
    RunResult second = service.run();

    PlaylistResult unchanged = second.playlists().get(0);
    assertThat(unchanged.status()).isEqualTo(Status.UNCHANGED);
    assertThat(second.failed()).isFalse();
    assertThat(unchanged.snapshotId()).contains(GeneratedPlaylist.SNAPSHOT_ID);
    assertThat(unchanged.manifestKey()).contains(RawLayout.PROCESSED + RawLayout.runFolder(DAY, ID, first.runId())
        + RawLayout.MANIFEST_FILE);
    assertThat(unchanged.toMap(second.runId(), DAY.toString())).containsEntry("status", "unchanged")
        .containsEntry("run_id", first.runId());
    assertThat(itemRequests()).isEqualTo(itemRequests);
    assertThat(s3.keys(bucket)).noneMatch(k -> k.startsWith(RawLayout.TO_PROCESS));

    // edited since: extracted again, and the new manifest records the new version
    spotify.server().stubFor(get(urlPathEqualTo("/v1/playlists/" + ID)).atPriority(1)
        .willReturn(json(200, playlist.playlistObject("snap-after-edit"))));
    clock.advance(Duration.ofMinutes(30));
    RunResult third = service.run();

    assertThat(third.playlists().get(0).status()).isEqualTo(Status.OK);
    JsonNode manifest = JSON.readTree(s3.bytes(bucket, RawLayout.manifestKey(DAY, ID, third.runId())));
    assertThat(manifest.get(ManifestFields.SNAPSHOT_ID).asText()).isEqualTo("snap-after-edit");
  }

  @Test
  void aLakeThatCannotBeListedIsNoReasonToSkipOrFail() {
    spotify.stub(new GeneratedPlaylist(ID, 10, GeneratedPlaylist.Shape.ITEM, spotify.apiBase()));
    Map<String, String> env = new HashMap<>(s3.env(bucket));
    env.put(ExtractorEnv.LAKE_BUCKET, bucket);
    env.put(ExtractorEnv.SPOTIFY_CLIENT_ID, "x");
    env.put(ExtractorEnv.SPOTIFY_CLIENT_SECRET, "y");
    env.put(ExtractorEnv.SPOTIFY_PLAYLIST_IDS, ID);
    S3Client real = LandingBucket.s3Client(ExtractorConfig.from(env));
    // a role that may only write, as the stack's extractor role had before
    S3Client writeOnly = (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(),
        new Class<?>[] {S3Client.class}, (proxy, method, args) -> {
          if (method.getName().startsWith("list") || method.getName().startsWith("getObject")) {
            throw S3Exception.builder().statusCode(403).message("Access Denied").build();
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    ExtractionService service = service(writeOnly);

    RunResult first = service.run();
    clock.advance(Duration.ofMinutes(5));
    RunResult second = service.run();

    assertThat(List.of(first, second)).allSatisfy(run -> {
      assertThat(run.failed()).isFalse();
      assertThat(run.playlists().get(0).status()).isEqualTo(Status.OK);
    });
    assertThat(s3.keys(bucket)).filteredOn(k -> k.endsWith(RawLayout.MANIFEST_FILE)).hasSize(2);
  }

  private static int itemRequests() {
    return spotify.server().findAll(getRequestedFor(urlPathMatching("/v1/playlists/" + ID + "/items"))).size();
  }
}
