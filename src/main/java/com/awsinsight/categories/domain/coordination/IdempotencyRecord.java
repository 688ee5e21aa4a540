package com.awsinsight.categories.domain.coordination;

import java.time.Instant;

/**
 * What an idempotency key of an organization stands for: the fingerprint of the create request that
 * first used it and the id that request's category gets. A retry with the same key and request finds
 * the same id, so however often a client retries, one category is made. Records expire after a day.
 */
public record IdempotencyRecord(String key, String requestHash, String categoryId, Instant expiresAt) {
}
