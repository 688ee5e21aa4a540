package com.awsinsight.categories.domain.coordination;

import com.awsinsight.categories.domain.model.Category;
import java.time.Instant;
import java.util.Objects;

/**
 * Who holds a normalised name ({@link CategoryRules#nameKey}) inside an organization. A claim is written
 * before the category that uses the name and is {@code pending} until {@code pendingUntil}; {@code token}
 * changes with every write, so a takeover is a compare-and-set.
 *
 * <p>Two kinds. A claim for an <em>existing</em> category (a rename, a restore) blocks the name while pending
 * whatever its claimant looks like (the claimant exists before its write lands), so such a write confirms
 * the claim (ends the pending state) once the category carries the name; after that, and after
 * {@code pendingUntil}, it holds while its claimant exists, is active and still carries the name, and is stale
 * (free to take over) otherwise. A claim for a <em>new</em> category ({@code forNewCategory}: a create, a
 * template instantiation) is pending only while its claimant does not exist yet: the moment the category is
 * written it is judged by the category alone, so it needs no confirmation and no expiry of its own.
 */
public record NameClaim(String nameKey, String claimantId, String token, Instant pendingUntil, boolean forNewCategory) {

    public NameClaim {
        Objects.requireNonNull(nameKey, "nameKey");
        Objects.requireNonNull(claimantId, "claimantId");
        Objects.requireNonNull(token, "token");
    }

    /** A claim for an existing category, or a confirmed one. */
    public NameClaim(String nameKey, String claimantId, String token, Instant pendingUntil) {
        this(nameKey, claimantId, token, pendingUntil, false);
    }

    public boolean pendingAt(Instant now) {
        return pendingUntil != null && now.isBefore(pendingUntil);
    }

    /** Whether this claim still reserves its name for {@code claimant} (null when the claimant is gone). */
    public boolean holdsAgainst(Category claimant, Instant now) {
        boolean carriesName = claimant != null && claimant.active() && claimant.nameKey().equals(nameKey);
        if (forNewCategory && claimant != null) {
            return carriesName;
        }
        return pendingAt(now) || carriesName;
    }
}
