package io.github.spotifylakehouse.extractor.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.github.spotifylakehouse.extractor.ExtractionService;
import io.github.spotifylakehouse.extractor.RunResult;
import io.github.spotifylakehouse.extractor.config.ExtractorConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS Lambda entry point ({@code io.github.spotifylakehouse.extractor.handler.ExtractorHandler::handleRequest}),
 * invoked daily by an EventBridge schedule. Thin: configuration and clients are built once per container,
 * each invocation runs the {@link ExtractionService} and returns its per-playlist result. The invocation's
 * remaining time ({@link Context#getRemainingTimeInMillis()}) is the run's deadline: playlists that do not
 * fit are deferred. When any playlist failed or was deferred, the invocation fails with
 * {@link ExtractionFailedException} after every other playlist has landed, so Lambda's retry takes the rest
 * (playlists already landed unchanged today are not extracted again).
 */
public final class ExtractorHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

  private static final Logger LOG = LoggerFactory.getLogger(ExtractorHandler.class);

  private final ExtractionService service;

  /** Used by the Lambda runtime: configuration from the function's environment variables. */
  public ExtractorHandler() {
    this(ExtractionService.create(ExtractorConfig.from(System.getenv())));
  }

  ExtractorHandler(ExtractionService service) {
    this.service = Objects.requireNonNull(service, "service");
  }

  @Override
  public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
    LOG.info("Invocation {}: scheduled event {} at {} from {}",
        context == null ? "-" : context.getAwsRequestId(),
        event == null ? "-" : event.getId(), event == null ? "-" : event.getTime(),
        event == null ? "-" : event.getResources());
    RunResult result = service.run(timeLeft(context));
    if (result.failed()) {
      throw new ExtractionFailedException(result.failureSummary());
    }
    return result.toMap();
  }

  private static Optional<Duration> timeLeft(Context context) {
    if (context == null) {
      return Optional.empty();
    }
    int millis = context.getRemainingTimeInMillis();
    if (millis <= 0) {
      LOG.warn("The invocation context reports {} ms remaining: running without its deadline", millis);
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(millis));
  }
}
