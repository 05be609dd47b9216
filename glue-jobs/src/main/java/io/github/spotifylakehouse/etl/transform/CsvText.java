package io.github.spotifylakehouse.etl.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_replace;

import io.github.spotifylakehouse.lake.Column;
import io.github.spotifylakehouse.lake.CsvDialect;
import io.github.spotifylakehouse.lake.LakeTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Text made safe for the CSV copy: every character of {@link CsvDialect#UNSAFE_TEXT} (line breaks, other control
 * characters, U+2028 and U+2029) becomes one space, in the CSV only; the Iceberg tables keep the exact text.
 */
public final class CsvText {

  /** What becomes a space. */
  static final String UNSAFE = CsvDialect.UNSAFE_TEXT;

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
