package io.github.spotifylakehouse.etl.job;

import java.util.List;

/** Join column lists for Dataset.join from Java. */
final class RawLakeSeq {

  private RawLakeSeq() {
  }

  static scala.collection.Seq<String> of(List<String> names) {
    return scala.collection.JavaConverters.asScalaBuffer(names).toSeq();
  }
}
