package io.github.spotifylakehouse.etl.io;

import io.github.spotifylakehouse.etl.io.RawInventory.RawObject;
import io.github.spotifylakehouse.etl.schema.EntrySchema;
import io.github.spotifylakehouse.lake.JobParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.functional.FutureIO;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Reads raw files into {@link EntrySchema#RAW_FILE} rows (one per file, with its bytes), in tasks on the
 * executors. The list of files comes from {@link RawInventory}, so Spark does no listing of its own: the
 * JSON and binaryFile sources would check or list every one of thousands of paths again, and a glob
 * starts a listing job. Files are spread over tasks by size, largest first, so tasks finish together.
 *
 * <p>A file that cannot be read, or is larger than the limit, does not fail the task: its row carries the
 * reason in {@link EntrySchema#READ_ERROR} (and no bytes), and the parser rejects it.
 */
public final class RawFileReader {

  private RawFileReader() {
  }

  /** A file to read, as shipped to the executors. */
  record Input(String uri, String sourcePath, String snapshotDate, String playlistId, String runKey,
               int fileOrder, long length, long maxBytes) implements Serializable {
  }

  /**
   * The files as rows of {@link EntrySchema#RAW_FILE}, in {@code partitions} tasks, numbered in
   * {@link EntrySchema#FILE_ORDER} by run key then path in the stage; lazy: the bytes are read
   * when an action runs. An RDD rather than a Dataset so the bytes go to the parser without being encoded
   * into Spark's row format first (see {@code ParseRawFiles.apply(SparkSession, JavaRDD)}).
   */
  public static JavaRDD<Row> read(SparkSession spark, List<RawObject> files, Configuration conf, int partitions,
                                  long maxBytes) {
    // the file order: runs in order of their keys (the latest last), files of a run by path (loose files by
    // name): the same whichever stage each file is in, so a run interrupted half-way computes what a whole one does
    List<RawObject> ordered = new ArrayList<>(files);
    ordered.sort(Comparator.comparing(RawObject::runKey).thenComparing(RawObject::orderName)
        .thenComparing(RawObject::lakePath));
    List<Input> inputs = new ArrayList<>(ordered.size());
    for (RawObject o : ordered) {
      inputs.add(new Input(o.path().toString(), o.lakePath(), o.snapshotDate().toString(), o.playlistId(),
          o.runKey(), inputs.size(), o.length(), maxBytes));
    }
    List<List<Input>> groups = balance(inputs, Math.max(1, Math.min(partitions, inputs.size())));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableConfiguration> hadoopConf = jsc.broadcast(new SerializableConfiguration(conf));
    return jsc.parallelize(groups, Math.max(1, groups.size()))
        .flatMap(group -> new ReadingIterator(group, hadoopConf.value().get()));
  }

  /** Longest-processing-time-first: each file goes to the currently lightest group. */
  static List<List<Input>> balance(List<Input> inputs, int groups) {
    List<Input> bySize = new ArrayList<>(inputs);
    bySize.sort(Comparator.comparingLong(Input::length).reversed().thenComparing(Input::sourcePath));
    List<List<Input>> result = new ArrayList<>(groups);
    long[] load = new long[groups];
    for (int i = 0; i < groups; i++) {
      result.add(new ArrayList<>());
    }
    for (Input input : bySize) {
      int lightest = 0;
      for (int i = 1; i < groups; i++) {
        if (load[i] < load[lightest]) {
          lightest = i;
        }
      }
      result.get(lightest).add(input);
      load[lightest] += Math.max(1, input.length());
    }
    return result;
  }

  /** Reads one file at a time, so a task holds only the file it is on. */
  private static final class ReadingIterator implements java.util.Iterator<Row> {
    private final java.util.Iterator<Input> inputs;
    private final Configuration conf;

    ReadingIterator(List<Input> inputs, Configuration conf) {
      this.inputs = inputs.iterator();
      this.conf = conf;
    }

    @Override
    public boolean hasNext() {
      return inputs.hasNext();
    }

    @Override
    public Row next() {
      Input input = inputs.next();
      byte[] content = NO_BYTES;
      String error;
      if (input.length() > input.maxBytes()) {
        error = tooLarge(input.length(), input.maxBytes());
      } else {
        try {
          content = readAtMost(input, conf);
          error = content.length > input.maxBytes() ? tooLarge(content.length, input.maxBytes()) : null;
        } catch (IOException | RuntimeException e) {
          // the file's own problem (gone, unreadable, ...) after the store's retries: reported as its rejection
          error = "cannot be read: " + e;
        }
        if (error != null) {
          content = NO_BYTES;
        }
      }
      return RowFactory.create(input.sourcePath(), input.snapshotDate(), input.playlistId(), input.runKey(),
          input.fileOrder(), content, error);
    }
  }

  private static final byte[] NO_BYTES = new byte[0];

  private static String tooLarge(long bytes, long maxBytes) {
    return "file is " + bytes + " bytes, over the limit of " + maxBytes + " bytes (--"
        + JobParameters.MAX_RAW_FILE_BYTES + ")";
  }

  /** The file's bytes, or its first {@code maxBytes + 1} when it is longer (it grew since the listing). */
  static byte[] readAtMost(Input input, Configuration conf) throws IOException {
    Path path = new Path(input.uri());
    FileSystem fs = path.getFileSystem(conf);
    // one byte past the limit tells a file over it; an array holds at most this many
    int limit = (int) Math.min(Integer.MAX_VALUE - 8, input.maxBytes() + 1);
    if (fs instanceof LocalFileSystem local) {
      return readLocal(local.pathToFile(path).toPath(), limit);
    }
    // the listing already knows the length: object stores skip a HEAD request, and read the whole object
    try (FSDataInputStream in = FutureIO.awaitFuture(fs.openFile(path)
        .opt("fs.option.openfile.read.policy", "whole-file")
        .opt("fs.option.openfile.length", Long.toString(input.length()))
        .build())) {
      return in.readNBytes(limit);
    }
  }

  /**
   * A file on the local disk, read straight into an array of its size. Hadoop's local file system would stat it,
   * try to open its {@code .crc} (raw files have none: an exception with its stack trace per file), and read it in
   * pieces of 8 KiB copied once more: about a fifth of the parse's CPU on two cores. A {@code .crc} beside a raw file
   * (none of the project's writers makes one) is not checked.
   *
   * @param limit at most this many bytes are read
   */
  static byte[] readLocal(java.nio.file.Path file, int limit) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      byte[] bytes = new byte[(int) Math.min(size, limit)];
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer) < 0) {
          // shorter than its size a moment ago: what is there
          return Arrays.copyOf(bytes, buffer.position());
        }
      }
      if (bytes.length < limit && channel.read(ByteBuffer.allocate(1)) > 0) {
        // it grew since: read it again, whole or up to the limit
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
          return in.readNBytes(limit);
        }
      }
      return bytes;
    }
  }
}
