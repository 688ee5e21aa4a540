package com.awsinsight.categories.services.migration;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs the tasks of a bulk job on a few threads, with one stop flag shared by the job. */
public final class Parallel {
    private Parallel() {
    }

    /** The most threads a job runs on, whatever it asks for: the rate limiter, not threads, sets a job's pace. */
    public static final int MAX_THREADS = 32;

    /**
     * Runs {@code tasks} on up to {@code threads} threads (at most {@value #MAX_THREADS}) and waits for all; a failing task raises
     * {@code stopRequested} (so the others wind down) and its exception is rethrown. Returns false when a stop
     * was requested.
     */
    public static boolean run(int threads, AtomicBoolean stopRequested, List<Runnable> tasks) {
        if (tasks.isEmpty()) {
            return !stopRequested.get();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(Math.min(threads, MAX_THREADS), tasks.size())));
        try {
            List<Future<?>> futures = tasks.stream().<Future<?>>map(pool::submit).toList();
            RuntimeException failure = null;
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    stopRequested.set(true);
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopRequested.set(true);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return !stopRequested.get();
        } finally {
            pool.shutdownNow();
        }
    }
}
