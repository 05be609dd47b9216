package io.github.spotifylakehouse.extractor.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * The Lambda runtime's invocation context, with a deadline on a test clock: the remaining time is counted
 * down from that clock, as the runtime counts it down from the wall clock.
 */
public final class FakeLambdaContext implements Context {

  private final Clock clock;
  private final Instant deadline;

  public FakeLambdaContext(Clock clock, Instant deadline) {
    this.clock = clock;
    this.deadline = deadline;
  }

  @Override
  public String getAwsRequestId() {
    return "6f1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d";
  }

  @Override
  public String getLogGroupName() {
    return "/spotify-lakehouse/test/extractor";
  }

  @Override
  public String getLogStreamName() {
    return "2026/11/21/[$LATEST]0123456789abcdef";
  }

  @Override
  public String getFunctionName() {
    return "spotify-lakehouse-extractor";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:spotify-lakehouse-extractor";
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, deadline.toEpochMilli() - clock.millis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return 1024;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        System.err.print(message);
      }

      @Override
      public void log(byte[] message) {
        System.err.print(new String(message, StandardCharsets.UTF_8));
      }
    };
  }
}
