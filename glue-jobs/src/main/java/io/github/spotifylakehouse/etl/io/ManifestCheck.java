package io.github.spotifylakehouse.etl.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.spotifylakehouse.etl.io.RawInventory.RawObject;
import io.github.spotifylakehouse.lake.ManifestFields;
import io.github.spotifylakehouse.lake.RawLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Holds a new run's manifest to its run folder: every page the manifest lists ({@link ManifestFields#PAGES},
 * {@link ManifestFields#PAGE_FILE}) must be there, and every page there must be listed. A listed page already
 * moved to {@code rejected/} (by an earlier, interrupted run of the job) counts as there. A manifest without a
 * page list cannot be checked and is taken as it is.
 */
final class ManifestCheck {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private ManifestCheck() {
  }

  /**
   * Why the run cannot be used, or empty when its manifest and pages agree.
   *
   * @param runFolder the run folder relative to a stage
   * @param pages the names of the run's pages in {@code to_process} and {@code processed}
   */
  static Optional<String> check(LakeFileSystem lake, RawObject manifest, String runFolder, SortedSet<String> pages,
                                long maxBytes) {
    if (manifest.length() > maxBytes) {
      return Optional.of("run rejected whole: its " + RawLayout.MANIFEST_FILE + " is " + manifest.length()
          + " bytes, over the limit of " + maxBytes + " bytes");
    }
    SortedSet<String> listed;
    try (InputStream in = lake.fileSystem().open(manifest.path());
         JsonParser parser = JSON.createParser(in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes)))) {
      listed = listedPages(parser);
    } catch (JsonProcessingException e) {
      return Optional.of("run rejected whole: its " + RawLayout.MANIFEST_FILE + " is not valid JSON: "
          + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")");
    } catch (IllegalArgumentException e) {
      return Optional.of("run rejected whole: its " + RawLayout.MANIFEST_FILE + " " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to read the manifest " + manifest.path(), e);
    }
    if (listed == null) {
      return Optional.empty();
    }
    for (String page : pages) {
      if (!listed.contains(page)) {
        return Optional.of("run rejected whole: it holds " + page + ", which its " + RawLayout.MANIFEST_FILE
            + " does not list (it lists " + listed.size() + " pages)");
      }
    }
    for (String page : listed) {
      if (!pages.contains(page) && !exists(lake, RawLayout.REJECTED + runFolder + page)) {
        return Optional.of("run rejected whole: its " + RawLayout.MANIFEST_FILE + " lists " + page
            + ", which is missing");
      }
    }
    return Optional.empty();
  }

  /** The {@code file} of every entry of {@code pages}, or null when the manifest has no page list. */
  private static SortedSet<String> listedPages(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("is not a JSON object");
    }
    SortedSet<String> listed = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (!field.equals(ManifestFields.PAGES)) {
        p.skipChildren();
        continue;
      }
      if (value != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException("has a field '" + ManifestFields.PAGES + "' that is not an array");
      }
      listed = new TreeSet<>();
      int index = 0;
      while (p.nextToken() == JsonToken.START_OBJECT) {
        String file = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken token = p.nextToken();
          if (name.equals(ManifestFields.PAGE_FILE) && token == JsonToken.VALUE_STRING) {
            file = p.getText();
          } else {
            p.skipChildren();
          }
        }
        if (file == null) {
          throw new IllegalArgumentException("has no string '" + ManifestFields.PAGE_FILE + "' in '"
              + ManifestFields.PAGES + "[" + index + "]'");
        }
        listed.add(file);
        index++;
      }
      if (p.currentToken() != JsonToken.END_ARRAY) {
        throw new IllegalArgumentException("has an entry of '" + ManifestFields.PAGES + "' that is not an object");
      }
    }
    return listed;
  }

  private static boolean exists(LakeFileSystem lake, String key) {
    try {
      return lake.fileSystem().exists(lake.resolve(key));
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to look for " + key, e);
    }
  }
}
