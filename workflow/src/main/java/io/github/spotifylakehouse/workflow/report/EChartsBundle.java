package io.github.spotifylakehouse.workflow.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Apache ECharts' browser bundle ({@code dist/echarts.min.js}, renderers included), read from its WebJar on
 * the classpath so the dashboard can carry it inline and work offline.
 *
 * @param version the library's version, from the WebJar's Maven metadata
 * @param script the minified bundle
 */
record EChartsBundle(String version, String script) {

  static final String WEBJAR_PROPERTIES = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

  /** Read once per JVM: about 1 MB. */
  private static final class Holder {
    static final EChartsBundle BUNDLE = load();
  }

  static EChartsBundle get() {
    return Holder.BUNDLE;
  }

  private static EChartsBundle load() {
    Properties properties = new Properties();
    try (InputStream in = resource(WEBJAR_PROPERTIES)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + WEBJAR_PROPERTIES, e);
    }
    String version = properties.getProperty("version");
    String path = "META-INF/resources/webjars/echarts/" + version + "/dist/echarts.min.js";
    try (InputStream in = resource(path)) {
      return new EChartsBundle(version, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path, e);
    }
  }

  private static InputStream resource(String path) {
    InputStream in = EChartsBundle.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("Not on the classpath: " + path + " (the org.webjars.npm:echarts jar,"
          + " a dependency of the workflow module)");
    }
    return in;
  }
}
