package io.github.spotifylakehouse.lake;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A column of a lake table.
 *
 * @param name lower snake case, the same in Spark, the Glue Data Catalog and Athena
 * @param type a type name that Spark SQL DDL, Hive/Glue and Athena all accept: {@code string},
 *     {@code int}, {@code bigint}, {@code boolean}, {@code date}, {@code timestamp}
 * @param description one line for the catalog and the README
 */
public record Column(String name, String type, String description) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final java.util.Set<String> TYPES =
      java.util.Set.of("string", "int", "bigint", "boolean", "date", "timestamp");

  public Column {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Column name must be lower snake case: '" + name + "'");
    }
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("Unsupported column type '" + type + "' for column " + name);
    }
  }

  static Column string(String name, String description) {
    return new Column(name, "string", description);
  }

  static Column integer(String name, String description) {
    return new Column(name, "int", description);
  }

  static Column bigint(String name, String description) {
    return new Column(name, "bigint", description);
  }

  static Column bool(String name, String description) {
    return new Column(name, "boolean", description);
  }

  static Column date(String name, String description) {
    return new Column(name, "date", description);
  }

  static Column timestamp(String name, String description) {
    return new Column(name, "timestamp", description);
  }
}
