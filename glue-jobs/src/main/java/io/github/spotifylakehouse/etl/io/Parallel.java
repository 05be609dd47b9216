package io.github.spotifylakehouse.etl.io;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a few driver-side tasks side by side: Spark jobs (small tables are written by a single task each,
 * so one job at a time leaves cores idle; Spark schedules jobs from several threads fairly well) and raw
 * file moves (on an object store each is a copy and a delete).
 */
public final class Parallel {

  private Parallel() {
  }

  /**
   * Starts {@code task} on a daemon thread of its own, named {@code name}: for one piece of work the caller goes on
   * beside, or waits on with a bound ({@link Future#get(long, java.util.concurrent.TimeUnit)}); cancelling the
   * future interrupts the thread.
   */
  public static <T> FutureTask<T> start(String name, Callable<T> task) {
    FutureTask<T> future = new FutureTask<>(task);
    Thread thread = new Thread(future, name);
    thread.setDaemon(true);
    thread.start();
    return future;
  }

  /**
   * Results of {@code tasks}, in order. Waits for all of them; when any fails, rethrows the first failure
   * with the others suppressed.
   */
  public static <T> List<T> run(String name, List<Callable<T>> tasks, int threads) {
    if (tasks.isEmpty()) {
      return List.of();
    }
    AtomicInteger counter = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())), r -> {
      Thread t = new Thread(r, name + "-" + counter.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<T>> futures = new ArrayList<>(tasks.size());
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(task));
      }
      List<T> results = new ArrayList<>(tasks.size());
      RuntimeException failure = null;
      for (Future<T> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          RuntimeException cause = e.getCause() instanceof RuntimeException re ? re
              : new IllegalStateException(name + " failed", e.getCause());
          if (failure == null) {
            failure = cause;
          } else {
            failure.addSuppressed(cause);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + name, e);
    } finally {
      pool.shutdownNow();
    }
  }
}
