package com.awsinsight.categories.writes;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulates a process killed in the middle of a write: once armed, the N-th DynamoDB call and every
 * call after it fail before reaching the server, as if the process had died there (its clean-up calls,
 * such as releasing the lease, never arrive either). Also records which operations were called.
 */
final class FaultInjector implements ExecutionInterceptor {
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> operations = new CopyOnWriteArrayList<>();
    private volatile boolean armed;
    private volatile int failFrom = Integer.MAX_VALUE;

    /** Counts calls from now on and fails call {@code n} and all later ones. */
    void failFrom(int n) {
        calls.set(0);
        operations.clear();
        failFrom = n;
        armed = true;
    }

    /** Counts calls from now on without failing any. */
    void count() {
        failFrom(Integer.MAX_VALUE);
    }

    /** Stops counting and failing; returns the calls made while armed. */
    int disarm() {
        armed = false;
        return calls.get();
    }

    List<String> operations() {
        return List.copyOf(operations);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!armed) {
            return;
        }
        int n = calls.incrementAndGet();
        operations.add(context.request().getClass().getSimpleName().replace("Request", ""));
        if (n >= failFrom) {
            throw SdkClientException.create("Injected crash at DynamoDB call " + n);
        }
    }
}
