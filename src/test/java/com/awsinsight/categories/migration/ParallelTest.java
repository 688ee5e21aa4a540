package com.awsinsight.categories.migration;

import com.awsinsight.categories.services.migration.Parallel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bulk job asking for more threads than {@link Parallel#MAX_THREADS} runs every task, on at most that many. */
class ParallelTest {

    @Test
    void aJobAskingForManyThreadsRunsEveryTaskOnAtMostMaxThreads() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Set<Integer> done = ConcurrentHashMap.newKeySet();
        List<Runnable> tasks = IntStream.range(0, 500).<Runnable>mapToObj(i -> () -> {
            threads.add(Thread.currentThread().getName());
            done.add(i);
        }).toList();

        boolean finished = Parallel.run(100_000, new AtomicBoolean(), tasks);

        assertTrue(finished);
        assertEquals(500, done.size());
        assertTrue(threads.size() <= Parallel.MAX_THREADS, threads.size() + " threads");
    }
}
