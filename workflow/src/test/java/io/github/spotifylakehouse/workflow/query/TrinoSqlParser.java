package io.github.spotifylakehouse.workflow.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Trino's SQL parser (io.trino:trino-parser 435, the dialect of Athena engine v3), loaded from
 * {@code target/trino-parser/} in a class loader of its own: it needs ANTLR 4.13 where Spark's parser,
 * on the test classpath, needs ANTLR 4.9, and the two cannot share a class path.
 */
final class TrinoSqlParser {

  private static final Path JARS = Path.of(System.getProperty("trino.parser.dir", "target/trino-parser"));
  private static TrinoSqlParser instance;

  private final Object parser;
  private final Method createStatement;

  private TrinoSqlParser() throws ReflectiveOperationException {
    List<Path> jars;
    try (Stream<Path> files = Files.list(JARS)) {
      jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Trino parser jars not found in " + JARS.toAbsolutePath()
          + " (copied by the build: mvn -pl workflow generate-test-resources)", e);
    }
    URL[] urls = jars.stream().map(TrinoSqlParser::url).toArray(URL[]::new);
    // parent = platform loader: nothing of the test classpath (Spark's ANTLR, Guava) is visible
    ClassLoader loader = new URLClassLoader("trino-parser", urls, ClassLoader.getPlatformClassLoader());
    Class<?> type = Class.forName("io.trino.sql.parser.SqlParser", true, loader);
    this.parser = type.getConstructor().newInstance();
    this.createStatement = type.getMethod("createStatement", String.class);
  }

  static synchronized TrinoSqlParser get() {
    if (instance == null) {
      try {
        instance = new TrinoSqlParser();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Cannot load Trino's parser from " + JARS, e);
      }
    }
    return instance;
  }

  /**
   * Parses one statement.
   *
   * @return the parsed statement (a Trino AST node: {@code Query}, {@code CreateView}, ...)
   * @throws IllegalArgumentException with Trino's message (line:column: problem) when it does not parse
   */
  Object parse(String sql) {
    try {
      return createStatement.invoke(parser, sql);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException("Trino cannot parse: " + e.getCause().getMessage(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static URL url(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(path.toString(), e);
    }
  }
}
