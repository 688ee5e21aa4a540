package com.awsinsight.categories.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Who holds a normalised name ({@link CategoryRules#nameKey}) inside an organization. A claim is written
 * before the category that uses the name and is {@code pending} until that write is confirmed; a pending
 * claim blocks the name until {@code pendingUntil}, after which it is judged by its claimant alone: it
 * holds while the claimant exists, is active and still carries the name, and is stale (free to take over)
 * otherwise. {@code token} changes with every write, so a takeover is a compare-and-set.
 */
public record NameClaim(String nameKey, String claimantId, String token, Instant pendingUntil) {

    public NameClaim {
        Objects.requireNonNull(nameKey, "nameKey");
        Objects.requireNonNull(claimantId, "claimantId");
        Objects.requireNonNull(token, "token");
    }

    public boolean pendingAt(Instant now) {
        return pendingUntil != null && now.isBefore(pendingUntil);
    }

    /** Whether this claim still reserves its name for {@code claimant} (null when the claimant is gone). */
    public boolean holdsAgainst(Category claimant, Instant now) {
        if (pendingAt(now)) {
            return true;
        }
        return claimant != null && claimant.active() && claimant.nameKey().equals(nameKey);
    }
}
