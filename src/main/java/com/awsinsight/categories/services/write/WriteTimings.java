package com.awsinsight.categories.services.write;

import java.time.Duration;

/**
 * How long the coordination items of a write live, and how long a write may take. {@code lease} bounds how long
 * a crashed structural write blocks its organization; {@code claimPending} how long a crashed write blocks a
 * name; both must far exceed the time one write takes, because a write gives up (rather than writes) once less
 * than {@code safetyMargin} of either is left. {@code leaseWait} is how long a write queues for the lease.
 * {@code settleWindow} is how long after its {@code updatedAt} stamp a write can still become visible to
 * UpdatedAtIndex readers: the request timeout (API Gateway ends a request after 29 s, Lambda's is 30 s) plus
 * index lag and clock skew; delta sync ({@link CategorySync}) reads that much again in every round.
 */
public record WriteTimings(Duration lease, Duration claimPending, Duration leaseWait, Duration safetyMargin,
                           Duration settleWindow) {

    public static final WriteTimings DEFAULT = new WriteTimings(Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(60));
}
