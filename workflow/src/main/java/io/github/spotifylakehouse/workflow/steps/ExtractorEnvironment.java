package io.github.spotifylakehouse.workflow.steps;

import io.github.spotifylakehouse.lake.ExtractorEnv;
import java.util.List;

/**
 * What the runner itself needs of the extractor's environment variables ({@link ExtractorEnv}, its
 * documented interface): the runner sets them for the extractor's child process, and reads the Spotify
 * ones from its own environment to decide between the real API and the emulator.
 */
final class ExtractorEnvironment {

  /** The SDK's named profile: passed through to the child with the other AWS variables. */
  static final String AWS_PROFILE = "AWS_PROFILE";

  /** What must be set for the runner to extract from the real Spotify API. */
  static final List<String> REQUIRED_FOR_SPOTIFY = List.of(
      ExtractorEnv.SPOTIFY_CLIENT_ID, ExtractorEnv.SPOTIFY_CLIENT_SECRET, ExtractorEnv.SPOTIFY_PLAYLIST_IDS);

  private ExtractorEnvironment() {
  }
}
