package io.github.spotifylakehouse.extractor.handler;

/**
 * Fails a Lambda invocation in which a playlist failed or was deferred by the deadline, after everything
 * that succeeded has landed, so that retries, dead-letter queues and alarms see it. The message lists each
 * failed playlist and why, and the deferred ones by id.
 */
public final class ExtractionFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ExtractionFailedException(String message) {
    super(message);
  }
}
