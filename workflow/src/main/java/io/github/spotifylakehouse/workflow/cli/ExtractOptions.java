package io.github.spotifylakehouse.workflow.cli;

import io.github.spotifylakehouse.workflow.steps.RunnerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of the extract step. */
final class ExtractOptions {

  @Option(names = "--source", paramLabel = "SOURCE", defaultValue = "AUTO",
      description = "Where to extract from: AUTO (Spotify when SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET and"
          + " SPOTIFY_REFRESH_TOKEN are set, else the emulator), EMULATOR or SPOTIFY. The playlists are the"
          + " user's own and collaborative ones unless SPOTIFY_PLAYLIST_IDS lists some. Default: ${DEFAULT-VALUE}")
  RunnerConfig.Source source;

  @Option(names = "--playlist-sizes", paramLabel = "N", split = ",",
      description = "Emulator: entries of each generated playlist. Default: 400,250,160,100,60,30")
  List<Integer> playlistSizes;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + RunnerConfig.DEFAULT_SEED,
      description = "Emulator: seed of the generated catalogue. Default: ${DEFAULT-VALUE}")
  long seed;

  @Option(names = "--extractor-jar", paramLabel = "JAR",
      description = "The extractor's shaded jar. Default: workflow/target/runner-jars/spotify-lakehouse-extractor.jar")
  Path extractorJar;

  @Option(names = "--extractor-timeout", paramLabel = "DURATION", defaultValue = "PT30M",
      description = "Stop the extractor after this long (ISO-8601). Default: ${DEFAULT-VALUE}")
  Duration extractorTimeout;
}
