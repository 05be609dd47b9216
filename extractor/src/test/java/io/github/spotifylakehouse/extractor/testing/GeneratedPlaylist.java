package io.github.spotifylakehouse.extractor.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A playlist of {@code total} made-up entries shaped like the Web API's answers, deterministic from its
 * arguments: the playlist object (first page embedded) and the {@code /items} pages of 50 whose
 * {@code next} links point at {@code apiBase}.
 */
public final class GeneratedPlaylist {

  /** Which key entries carry their track under. */
  public enum Shape { ITEM, TRACK, BOTH }

  public static final int PAGE_SIZE = 50;

  private final String id;
  private final int total;
  private final Shape shape;
  private final String apiBase;

  public GeneratedPlaylist(String id, int total, Shape shape, String apiBase) {
    this.id = id;
    this.total = total;
    this.shape = shape;
    this.apiBase = apiBase;
  }

  public String id() {
    return id;
  }

  /** Offsets of the items pages, 0, 50, ... (one page at 0 for an empty playlist). */
  public List<Integer> offsets() {
    List<Integer> offsets = new ArrayList<>();
    for (int offset = 0; offset < Math.max(total, 1); offset += PAGE_SIZE) {
      offsets.add(offset);
    }
    return offsets;
  }

  /** The {@code snapshot_id} of {@link #playlistObject()}. */
  public static final String SNAPSHOT_ID = "c25hcHNob3Q";

  /** {@code GET /playlists/{id}} of another version of the playlist: the same but its {@code snapshot_id}. */
  public byte[] playlistObject(String snapshotId) {
    return new String(playlistObject(), StandardCharsets.UTF_8).replace("\"snapshot_id\":\"" + SNAPSHOT_ID + "\"",
        "\"snapshot_id\":\"" + snapshotId + "\"").getBytes(StandardCharsets.UTF_8);
  }

  /** {@code GET /playlists/{id}}. */
  public byte[] playlistObject() {
    String page = paging(0, 100);
    String embedded = switch (shape) {
      case ITEM -> "\"items\":" + page;
      case TRACK -> "\"tracks\":" + page;
      case BOTH -> "\"tracks\":" + page + ",\"items\":" + page;
    };
    return ("{\"collaborative\":false,\"description\":\"Generated for tests: " + total + " entries\","
        + "\"external_urls\":{\"spotify\":\"https://open.spotify.com/playlist/" + id + "\"},"
        + "\"href\":\"" + apiBase + "/playlists/" + id + "\",\"id\":\"" + id + "\",\"images\":[],"
        + "\"name\":\"Generated " + id + "\",\"owner\":{\"display_name\":\"Tester\",\"id\":\"tester\","
        + "\"type\":\"user\",\"uri\":\"spotify:user:tester\"},\"public\":false,\"snapshot_id\":\"" + SNAPSHOT_ID + "\","
        + embedded + ",\"type\":\"playlist\",\"uri\":\"spotify:playlist:" + id + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** {@code GET /playlists/{id}/items?offset=...&limit=50}. */
  public byte[] itemsPage(int offset) {
    return paging(offset, PAGE_SIZE).getBytes(StandardCharsets.UTF_8);
  }

  /** The URL of the items page at {@code offset}, as the API writes it in {@code href}/{@code next}. */
  public String itemsUrl(int offset, int limit) {
    return apiBase + "/playlists/" + id + "/items?offset=" + offset + "&limit=" + limit
        + "&additional_types=track,episode";
  }

  private String paging(int offset, int limit) {
    StringBuilder json = new StringBuilder(limit * 1_200);
    json.append("{\"href\":\"").append(itemsUrl(offset, limit)).append("\",\"items\":[");
    int end = Math.min(total, offset + limit);
    for (int i = offset; i < end; i++) {
      if (i > offset) {
        json.append(',');
      }
      entry(json, i);
    }
    json.append("],\"limit\":").append(limit).append(",\"next\":")
        .append(end < total ? "\"" + itemsUrl(end, limit) + "\"" : "null")
        .append(",\"offset\":").append(offset).append(",\"previous\":")
        .append(offset > 0 ? "\"" + itemsUrl(Math.max(0, offset - limit), limit) + "\"" : "null")
        .append(",\"total\":").append(total).append('}');
    return json.toString();
  }

  private void entry(StringBuilder json, int i) {
    String track = track(i);
    json.append("{\"added_at\":\"2026-0").append(1 + i % 9).append("-1").append(i % 10)
        .append("T08:00:00Z\",\"added_by\":{\"id\":\"tester\",\"type\":\"user\",\"uri\":\"spotify:user:tester\"},")
        .append("\"is_local\":false,\"primary_color\":null,");
    switch (shape) {
      case ITEM -> json.append("\"item\":").append(track);
      case TRACK -> json.append("\"track\":").append(track);
      case BOTH -> json.append("\"track\":").append(track).append(",\"item\":").append(track);
    }
    json.append(",\"video_thumbnail\":{\"url\":null}}");
  }

  private static String track(int i) {
    String trackId = base62(i, 'T');
    String albumId = base62(i / 12, 'A');
    String artistId = base62(i / 40, 'R');
    String artist = "{\"external_urls\":{\"spotify\":\"https://open.spotify.com/artist/" + artistId + "\"},"
        + "\"id\":\"" + artistId + "\",\"name\":\"Artist " + (i / 40) + "\",\"type\":\"artist\","
        + "\"uri\":\"spotify:artist:" + artistId + "\"}";
    return "{\"album\":{\"album_type\":\"album\",\"artists\":[" + artist + "],\"id\":\"" + albumId + "\","
        + "\"images\":[{\"height\":640,\"url\":\"https://i.scdn.co/image/" + albumId + "\",\"width\":640}],"
        + "\"name\":\"Album " + (i / 12) + " – “Ünïcödé”\",\"release_date\":\"" + (1970 + i % 50) + "-0"
        + (1 + i % 9) + "-1" + (i % 10) + "\",\"release_date_precision\":\"day\",\"total_tracks\":12,"
        + "\"type\":\"album\",\"uri\":\"spotify:album:" + albumId + "\"},\"artists\":[" + artist + "],"
        + "\"disc_number\":1,\"duration_ms\":" + (150_000 + i * 37 % 120_000) + ",\"explicit\":" + (i % 7 == 0)
        + ",\"external_ids\":{\"isrc\":\"QZ" + String.format("%010d", i) + "\"},\"id\":\"" + trackId + "\","
        + "\"is_local\":false,\"name\":\"Song " + i + "\",\"track_number\":" + (1 + i % 12) + ","
        + "\"type\":\"track\",\"uri\":\"spotify:track:" + trackId + "\"}";
  }

  private static String base62(int n, char kind) {
    return kind + String.format("%021d", n);
  }
}
