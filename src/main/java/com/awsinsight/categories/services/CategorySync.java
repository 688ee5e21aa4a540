package com.awsinsight.categories.services;

import com.awsinsight.categories.services.read.CategoryReader;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.services.read.StoreReads;
import com.awsinsight.categories.domain.model.CategoryRules;
import com.awsinsight.categories.domain.model.ChangePage;
import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.model.Position;
import com.awsinsight.categories.domain.model.Timestamps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Delta sync ({@code categoryChanges}): hands a client that keeps its own copy of an organization every category
 * that changed since its token, so that after applying them (replacing its copy of each by id) its active
 * categories form exactly the tree a fresh read returns.
 *
 * <p>How. Every write stamps {@code updatedAt} with the writer's clock, and UpdatedAtIndex orders categories by
 * it. A write's stamp is taken before the write lands, so a write in flight can land later with an older stamp
 * than changes already read. A client's sync therefore goes in rounds. The first round reads every category (by
 * id); each later round reads the changes from its start point on, page by page ({@code hasMore}). The start
 * point of the next round is the time the current round's first page was read minus the {@code settle} window:
 * a change that was not visible when its page was read landed after the round began, so (landing at most
 * {@code settle} after its stamp) it has a stamp after that point, and the next round delivers it. The price: the
 * last {@code settle} of changes comes again in the next round (a client replaces by id, so that is harmless).
 * {@code settle} must cover the longest time from a write's stamp to its landing plus index lag and clock skew
 * ({@link WriteTimings#settleWindow}).
 *
 * <p>The token is opaque and bound to the organization (as cursors): the phase, where the round stands, and
 * when the next round starts.
 */
public final class CategorySync {
    private static final String FINGERPRINT = "categoryChanges";
    private static final String NOUN = "sync token";

    private final String organizationId;
    private final StoreReads reads;
    private final CategoryReader reader;
    private final Clock clock;
    private final Duration settle;

    CategorySync(String organizationId, StoreReads reads, CategoryReader reader, Clock clock, Duration settle) {
        this.organizationId = organizationId;
        this.reads = reads;
        this.reader = reader;
        this.clock = clock;
        this.settle = settle;
    }

    /** A batch of changed categories and the token that continues after it. */
    public record Batch(List<Category> categories, String syncToken, boolean hasMore) {
        public Batch {
            categories = List.copyOf(categories);
        }
    }

    /** The categories changed since {@code since} (null: every category), at most {@code first}. */
    public Batch changes(String since, int first) {
        CategoryRules.checkPageSize(Field.FIRST, first);
        Token token = since == null ? Token.START : Token.decode(since, organizationId);
        Instant nextRound = token.nextRound() != null ? token.nextRound() : clock.instant().minus(settle);
        ChangePage page = token.full()
                ? reads.pageById(token.after() == null ? null : token.after().id(), first)
                : reads.changedAfter(token.after(), first);
        page.categories().forEach(reader::remember);
        Token next = page.hasMore()
                ? new Token(token.full(), page.end(), nextRound)
                : new Token(false, new Position(Timestamps.format(nextRound), ""), null);
        return new Batch(page.categories(), next.encode(organizationId), page.hasMore());
    }

    /**
     * Where a client's sync stands: in the full first round ({@code full}) or in a round of changes; after which
     * position of that round's order (null: from its start; each part a key value a store can hold); and when the
     * next round starts (null until the first page of a round is read).
     */
    private record Token(boolean full, Position after, Instant nextRound) {
        static final Token START = new Token(true, null, null);

        String encode(String organizationId) {
            String sort = after == null ? "" : after.sortValue();
            String id = after == null ? "" : after.id();
            String payload = (full ? "F" : "C") + "\n" + (nextRound == null ? "" : nextRound.toEpochMilli()) + "\n"
                    + sort.length() + "\n" + sort + id;
            return Cursors.seal(organizationId, FINGERPRINT, payload);
        }

        static Token decode(String token, String organizationId) {
            String payload = Cursors.open(Field.SINCE, NOUN, token, organizationId, FINGERPRINT);
            try {
                String[] parts = payload.split("\n", 4);
                boolean full = switch (parts[0]) {
                    case "F" -> true;
                    case "C" -> false;
                    default -> throw new IllegalArgumentException("phase");
                };
                Instant nextRound = parts[1].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(parts[1]));
                int sortLength = Integer.parseInt(parts[2]);
                String sort = parts[3].substring(0, sortLength);
                String id = parts[3].substring(sortLength);
                Position after = sort.isEmpty() && id.isEmpty() ? null : new Position(sort, id);
                if (!full && (after == null || sort.isEmpty())) {
                    throw new IllegalArgumentException("no position");
                }
                if (after != null && (!sort.isEmpty() && !Cursors.keySized(sort) || !id.isEmpty() && !Cursors.keySized(id))) {
                    throw new IllegalArgumentException("not a key");
                }
                return new Token(full, after, nextRound);
            } catch (RuntimeException e) {
                throw DomainException.badInput(Field.SINCE, "Invalid " + NOUN);
            }
        }
    }
}
