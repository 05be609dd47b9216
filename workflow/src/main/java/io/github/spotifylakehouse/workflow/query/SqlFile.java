package io.github.spotifylakehouse.workflow.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * An analytics SQL file of {@code src/main/resources/sql/}: one statement, no trailing semicolon, in the
 * common subset of Trino (Athena engine v3) and Spark SQL. The same text becomes an Athena named query in
 * the CloudFormation stack.
 *
 * @param name the file name without {@code .sql}, e.g. {@code top_artists_by_songs}
 * @param resource the classpath resource, e.g. {@code sql/queries/top_artists_by_songs.sql}
 * @param text the statement, as stored (the stack must hold exactly this text)
 */
public record SqlFile(String name, String resource, String text) {

  /** Folder of the queries, relative to the classpath root. */
  public static final String QUERIES = "sql/queries";
  /** Folder of the views (one {@code CREATE OR REPLACE VIEW} each). */
  public static final String VIEWS = "sql/views";

  public SqlFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    if (text.strip().endsWith(";")) {
      throw new IllegalArgumentException("SQL file " + resource + " must not end with ';' (one statement,"
          + " as Athena named queries and Spark's sql() take it)");
    }
  }

  /** The first line of the leading {@code --} comment, or the name when there is none. */
  public String description() {
    for (String line : text.split("\n")) {
      String stripped = line.strip();
      if (stripped.startsWith("--")) {
        String comment = stripped.substring(2).strip();
        if (!comment.isEmpty()) {
          return comment;
        }
      } else if (!stripped.isEmpty()) {
        break;
      }
    }
    return name;
  }

  /** The queries, sorted by name. */
  public static List<SqlFile> queries() {
    return load(QUERIES);
  }

  /** The views, sorted by name. */
  public static List<SqlFile> views() {
    return load(VIEWS);
  }

  /** Every {@code .sql} file of a classpath folder, sorted by name; fails when there is none. */
  public static List<SqlFile> load(String folder) {
    URL url = SqlFile.class.getClassLoader().getResource(folder);
    if (url == null) {
      throw new IllegalStateException("No SQL folder " + folder + " on the classpath");
    }
    List<String> names = new ArrayList<>();
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem zip;
        boolean opened = false;
        try {
          zip = FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException notYet) {
          zip = FileSystems.newFileSystem(uri, Map.of());
          opened = true;
        }
        try {
          names.addAll(list(zip.getPath(folder)));
        } finally {
          if (opened) {
            zip.close();
          }
        }
      } else {
        names.addAll(list(Path.of(uri)));
      }
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("Cannot list SQL folder " + folder + " at " + url, e);
    }
    if (names.isEmpty()) {
      throw new IllegalStateException("No .sql files in " + folder);
    }
    List<SqlFile> files = new ArrayList<>();
    for (String fileName : names.stream().sorted().toList()) {
      String resource = folder + "/" + fileName;
      files.add(new SqlFile(fileName.substring(0, fileName.length() - ".sql".length()), resource,
          read(resource)));
    }
    return files;
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> paths = Files.list(dir)) {
      return paths.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".sql")).toList();
    }
  }

  private static String read(String resource) {
    try (InputStream in = SqlFile.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("SQL resource not found: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read SQL resource " + resource, e);
    }
  }
}
