package io.github.spotifylakehouse.etl.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_replace;

import io.github.spotifylakehouse.lake.Column;
import io.github.spotifylakehouse.lake.LakeTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Text made safe for the CSV copy: Athena reads CSV line by line before its SerDe sees a quote, so a line
 * break inside a quoted name would split the row there. Line breaks and every other control character
 * (Unicode category Cc, plus the line and paragraph separators U+2028 and U+2029) become one space each, in
 * the CSV only; the Iceberg tables keep the exact text.
 */
public final class CsvText {

  /** What becomes a space: control characters, and Unicode's line and paragraph separators. */
  static final String UNSAFE = "[\\p{Cc}\\u2028\\u2029]";

  private CsvText() {
  }

  /** {@code rows} of {@code table} with the unsafe characters of its string columns replaced by spaces. */
  public static Dataset<Row> sanitize(Dataset<Row> rows, LakeTable table) {
    Dataset<Row> out = rows;
    for (Column column : table.columns()) {
      if (column.type().equals("string")) {
        out = out.withColumn(column.name(), regexp_replace(col(column.name()), UNSAFE, " "));
      }
    }
    return out;
  }
}
