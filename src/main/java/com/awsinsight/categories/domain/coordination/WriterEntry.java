package com.awsinsight.categories.domain.coordination;

import java.time.Instant;
import java.util.Objects;

/**
 * One category write in flight, as the organization's state records it: a random token and the instant after
 * which the write is over whether or not it said so. The writer never writes a category after
 * {@code until} minus the safety margin, so once {@code until} has passed (on a clock that agrees with the
 * writer's within that margin) nothing of that write can still land, even if its process died without
 * removing the entry. Stored as one element of a string set, {@code "<until epoch ms>:<token>"}, which keeps
 * the item small and makes removing an entry idempotent.
 */
public record WriterEntry(String token, Instant until) {

    public WriterEntry {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(until, "until");
        if (token.contains(":")) {
            throw new IllegalArgumentException("A writer token must not contain ':'");
        }
    }

    public boolean liveAt(Instant now) {
        return now.isBefore(until);
    }

    public String encoded() {
        return until.toEpochMilli() + ":" + token;
    }

    public static WriterEntry decode(String encoded) {
        int colon = encoded.indexOf(':');
        return new WriterEntry(encoded.substring(colon + 1), Instant.ofEpochMilli(Long.parseLong(encoded.substring(0, colon))));
    }
}
