package com.awsinsight.categories.services;

import java.time.Duration;

/**
 * How long the coordination items of a write live. {@code lease} bounds how long a crashed structural
 * write blocks its organization; {@code claimPending} how long a crashed write blocks a name; both must
 * far exceed the time one write takes, because a write gives up (rather than writes) once less than
 * {@code safetyMargin} of either is left. {@code leaseWait} is how long a write queues for the lease.
 */
public record WriteTimings(Duration lease, Duration claimPending, Duration leaseWait, Duration safetyMargin) {

    public static final WriteTimings DEFAULT = new WriteTimings(
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(5));
}
