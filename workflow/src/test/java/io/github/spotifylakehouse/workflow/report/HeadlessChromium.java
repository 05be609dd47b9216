package io.github.spotifylakehouse.workflow.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A headless Chromium (Debian's {@code chromium} package) driven over the DevTools protocol, with the JDK's
 * WebSocket client: it loads a page from disk with the network blocked, waits for the page to say it is
 * drawn, and reports what the page's script saw and what went wrong (exceptions, console errors, any request
 * that was not the file itself), with a full-page screenshot. Only 127.0.0.1 is used.
 */
public final class HeadlessChromium implements AutoCloseable {

  /** Environment variable naming the browser binary, when it is not {@code chromium} on the PATH. */
  static final String BINARY_VARIABLE = "CHROMIUM_BIN";
  static final String INSTALL_HINT = "The dashboard's browser tests need Chromium: install it with"
      + " `apt-get update && apt-get install -y chromium` (Debian/Ubuntu; .ci/run does this), or point "
      + BINARY_VARIABLE + " at a Chrome or Chromium binary.";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final Duration CALL = Duration.ofSeconds(60);
  private static final int WIDTH = 1280;

  /** The DOM's account of each card, independent of the page's own status object. */
  private static final String CARDS = "JSON.stringify(Array.from(document.querySelectorAll('section.card')).map(c => ({"
      + "id: c.id, kind: c.dataset.kind || null, state: c.dataset.state || null, text: c.textContent,"
      + "svgs: c.querySelectorAll('svg').length,"
      + "shapes: c.querySelectorAll('svg path, svg rect, svg circle, svg polyline, svg polygon').length,"
      + "rows: c.querySelectorAll('tbody tr').length, images: c.querySelectorAll('img, iframe, object').length})))";

  private final Process process;
  private final Path profile;
  private final Path log;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();

  /**
   * What a page did.
   *
   * @param status the page's own account ({@code window.dashboardStatus}), or null when it never finished
   * @param cards what the DOM holds, card by card: id, state, kind, text, SVG shapes, table rows, images
   * @param problems exceptions, console errors and warnings, failed loads, blocked requests, in order
   * @param requests every URL the page requested (the file itself first)
   * @param screenshot the full-page PNG
   */
  public record PageReport(JsonNode status, JsonNode cards, List<String> problems, List<String> requests,
                    Path screenshot) {
  }

  private HeadlessChromium(Process process, Path profile, Path log, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.log = log;
    this.socket = socket;
  }

  /** The browser binary: {@value #BINARY_VARIABLE}, else {@code chromium} (or Chrome) on the PATH. */
  static Optional<Path> binary() {
    String configured = System.getenv(BINARY_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** Starts the browser with its profile and log under {@code workDir}; fails saying how to install it. */
  public static HeadlessChromium start(Path workDir) throws IOException, InterruptedException {
    Path binary = binary().orElseThrow(() -> new AssertionError("Chromium not found. " + INSTALL_HINT));
    Files.createDirectories(workDir);
    Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
    Path log = workDir.resolve(profile.getFileName() + ".log");
    List<String> command = new ArrayList<>(List.of(binary.toString(),
        "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
        "--user-data-dir=" + profile,
        "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
        // no network: names resolve nowhere and any proxied connection goes to a closed local port
        "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--disable-default-apps", "--disable-dev-shm-usage", "--mute-audio",
        "--hide-scrollbars", "--window-size=" + WIDTH + ",900", "about:blank"));
    if ("root".equals(System.getProperty("user.name"))) {
      command.add(1, "--no-sandbox"); // Chromium's sandbox refuses to run as root
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      URI endpoint = devToolsEndpoint(profile, process, log);
      Listener listener = new Listener();
      WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(endpoint, listener).get(STARTUP.toSeconds(), TimeUnit.SECONDS);
      HeadlessChromium browser = new HeadlessChromium(process, profile, log, socket);
      listener.browser = browser;
      return browser;
    } catch (Exception | AssertionError e) {
      process.destroyForcibly();
      throw e instanceof AssertionError error ? error
          : new AssertionError("Cannot connect to Chromium's DevTools: " + e + "\n" + tail(log), e);
    }
  }

  /**
   * Opens {@code page} in a new tab, waits until {@code window.dashboardStatus.done} (or the timeout), and
   * saves a full-page screenshot to {@code screenshot}.
   */
  public PageReport open(Path page, Path screenshot, Duration timeout) throws Exception {
    String target = call("Target.createTarget", object("url", "about:blank"), null).get("targetId").asText();
    String session = call("Target.attachToTarget", object("targetId", target).put("flatten", true), null)
        .get("sessionId").asText();
    for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
      call(domain + ".enable", object(), session);
    }
    call("Emulation.setDeviceMetricsOverride", object().put("width", WIDTH).put("height", 900)
        .put("deviceScaleFactor", 1).put("mobile", false), session);
    int seen = events.size();
    call("Page.navigate", object("url", page.toAbsolutePath().toUri().toString()), session);
    awaitEvent("Page.loadEventFired", session, seen, timeout);
    JsonNode status = null;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode value = evaluate("JSON.stringify(window.dashboardStatus || null)", session);
      status = value.isTextual() ? JSON.readTree(value.asText()) : null;
      if (status != null && status.path("done").asBoolean()) {
        break;
      }
      Thread.sleep(100);
    }
    JsonNode cards = JSON.readTree(evaluate(CARDS, session).asText());
    int height = evaluate("document.documentElement.scrollHeight", session).asInt(900);
    call("Emulation.setDeviceMetricsOverride", object().put("width", WIDTH).put("height", Math.min(height, 16_000))
        .put("deviceScaleFactor", 1).put("mobile", false), session);
    Thread.sleep(200); // a frame for the new viewport
    JsonNode shot = call("Page.captureScreenshot", object("format", "png").put("captureBeyondViewport", true),
        session);
    Files.createDirectories(screenshot.toAbsolutePath().getParent());
    Files.write(screenshot, Base64.getDecoder().decode(shot.get("data").asText()));
    call("Target.closeTarget", object("targetId", target), null);
    return new PageReport(status, cards, problems(session), requests(session), screenshot);
  }

  private JsonNode evaluate(String expression, String session) throws Exception {
    JsonNode result = call("Runtime.evaluate", object("expression", expression).put("returnByValue", true), session);
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("Evaluating " + expression + " failed: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  private List<String> problems(String session) {
    List<String> problems = new ArrayList<>();
    for (JsonNode event : events) {
      if (!session.equals(event.path("sessionId").asText())) {
        continue;
      }
      JsonNode params = event.path("params");
      switch (event.path("method").asText()) {
        case "Runtime.exceptionThrown" -> {
          JsonNode details = params.path("exceptionDetails");
          problems.add("exception: " + details.path("exception").path("description").asText(details.path("text").asText()));
        }
        case "Runtime.consoleAPICalled" -> {
          String type = params.path("type").asText();
          if (List.of("error", "warning", "assert").contains(type)) {
            List<String> args = new ArrayList<>();
            params.path("args").forEach(arg -> args.add(arg.has("value") ? arg.get("value").asText()
                : arg.path("description").asText()));
            problems.add("console." + type + ": " + String.join(" ", args));
          }
        }
        case "Log.entryAdded" -> {
          JsonNode entry = params.path("entry");
          if (List.of("error", "warning").contains(entry.path("level").asText())) {
            problems.add("log " + entry.path("level").asText() + " (" + entry.path("source").asText() + "): "
                + entry.path("text").asText() + " " + entry.path("url").asText(""));
          }
        }
        case "Network.loadingFailed" -> problems.add("request failed: " + params.path("errorText").asText()
            + (params.has("blockedReason") ? " (blocked: " + params.get("blockedReason").asText() + ")" : ""));
        default -> {
        }
      }
    }
    return problems;
  }

  private List<String> requests(String session) {
    List<String> urls = new ArrayList<>();
    for (JsonNode event : events) {
      if (session.equals(event.path("sessionId").asText())
          && event.path("method").asText().equals("Network.requestWillBeSent")) {
        urls.add(event.path("params").path("request").path("url").asText());
      }
    }
    return urls;
  }

  private void awaitEvent(String method, String session, int from, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (int i = from; i < events.size(); i++) {
        JsonNode event = events.get(i);
        if (method.equals(event.path("method").asText()) && session.equals(event.path("sessionId").asText())) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new TimeoutException("No " + method + " within " + timeout + "\n" + tail(log));
  }

  private JsonNode call(String method, ObjectNode params, String session) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    if (session != null) {
      message.put("sessionId", session);
    }
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    socket.sendText(JSON.writeValueAsString(message), true).get(CALL.toSeconds(), TimeUnit.SECONDS);
    JsonNode response;
    try {
      response = answer.get(CALL.toSeconds(), TimeUnit.SECONDS);
    } finally {
      pending.remove(id);
    }
    if (response.has("error")) {
      throw new IllegalStateException(method + " failed: " + response.get("error"));
    }
    return response.path("result");
  }

  private static ObjectNode object() {
    return JSON.createObjectNode();
  }

  private static ObjectNode object(String key, String value) {
    return JSON.createObjectNode().put(key, value);
  }

  /** Chromium writes its DevTools port and path to the profile once it listens. */
  private static URI devToolsEndpoint(Path profile, Process process, Path log) throws IOException, InterruptedException {
    Path file = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.isRegularFile(file)) {
        List<String> lines = Files.readAllLines(file);
        if (lines.size() >= 2) {
          return URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError("Chromium exited with code " + process.exitValue() + " before listening.\n"
            + tail(log) + "\n" + INSTALL_HINT);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("Chromium did not open its DevTools port within " + STARTUP + "\n" + tail(log));
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return "Chromium's output (" + log + "):\n  "
          + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no output from Chromium: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    try {
      call("Browser.close", object(), null);
    } catch (Exception e) {
      // it may already be gone; it is stopped below either way
    }
    socket.abort();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (Stream<Path> paths = Files.walk(profile)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the browser profile " + profile, e);
    }
  }

  /** Collects whole messages (they may arrive in parts): answers complete their call, the rest are events. */
  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder buffer = new StringBuilder();
    private volatile HeadlessChromium browser;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        String text = buffer.toString();
        buffer.setLength(0);
        try {
          JsonNode message = JSON.readTree(text);
          HeadlessChromium owner = browser;
          if (owner != null) {
            if (message.has("id")) {
              CompletableFuture<JsonNode> answer = owner.pending.get(message.get("id").asInt());
              if (answer != null) {
                answer.complete(message);
              }
            } else {
              owner.events.add(message);
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException("Unreadable DevTools message", e);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
