package com.awsinsight.categories.store.dynamodb;

import com.awsinsight.categories.domain.coordination.OrganizationState;
import com.awsinsight.categories.domain.coordination.WriterEntry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The organization's state item, {@code <org>#META} / {@code index}: the index mark ({@code indexedSince}, the
 * attribute the Node-data migration has always written there, with the {@code indexFormat} it vouches for) and the write state ({@code epoch},
 * {@code revision}, {@code structure}, the string set {@code adding} of the registered writes in flight (its name is
 * historical: it holds every registered write; an {@code editing} set left by builds that registered some writes
 * there is read as in flight too, until its entries expire),
 * {@code leaseOwner}/{@code leaseUntil}, {@code announcedBy}/{@code announcedUntil}). Every change is one
 * UpdateItem (so the attributes it does not name are kept), conditional where the protocol needs it and
 * returning the new state; a set left empty disappears, which is what "no registered write" tests. The
 * item has no TTL: its few attributes are rewritten in place and expired entries are removed by the writers
 * that see them.
 */
final class OrganizationStateItem {
    static final String META_SUFFIX = "#META";
    private static final String ITEM_ID = "index";
    /**
     * The format of the index attributes a mark vouches for. Format 2 sorts ParentIndex and NameKeyIndex by the
     * name key, ties by id ({@code <parent>#<nameKey><SEP><id>}, {@code nameOrder}); a mark of an older format
     * (format 1: exact names in {@code parentKey}, no {@code nameOrder}, no {@code indexFormat}) reads as no
     * mark, so the organization is read as unindexed until {@code migrate} rewrites its attributes.
     */
    static final int INDEX_FORMAT = 2;
    private static final String NO_LEASE = "(attribute_not_exists(leaseUntil) OR leaseUntil <= :now)";
    private static final String NO_ANNOUNCEMENT = "(attribute_not_exists(announcedUntil) OR announcedUntil <= :now)";
    private static final String LEASE_FREE_FOR_OWNER = "(attribute_not_exists(leaseUntil) OR leaseUntil <= :now OR leaseOwner = :owner)";
    private static final String ANNOUNCEMENT_FREE_FOR_OWNER =
            "(attribute_not_exists(announcedUntil) OR announcedUntil <= :now OR announcedBy = :owner)";

    /** The set of registered writes in flight, and the revision a registration advances. */
    private static final Map<String, String> WRITES = Map.of("#set", "adding", "#revision", "revision");

    private final DynamoDbClient client;
    private final String table;
    private final Map<String, AttributeValue> key;
    private final DynamoCalls.CallOptions counted;

    OrganizationStateItem(DynamoDbClient client, String table, String organizationId, DynamoCalls.CallOptions counted) {
        this.client = client;
        this.table = table;
        this.key = ItemMapper.key(organizationId + META_SUFFIX, ITEM_ID);
        this.counted = counted;
    }

    OrganizationState read() {
        GetItemResponse response = DynamoCalls.call(() -> client.getItem(r -> r.tableName(table).key(key)
                .consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .overrideConfiguration(counted.next())));
        return response.hasItem() && !response.item().isEmpty() ? state(response.item()) : OrganizationState.NONE;
    }

    Optional<OrganizationState> beginWrite(WriterEntry entry, Instant now) {
        Map<String, AttributeValue> values = advanceValues();
        values.put(":entry", AttributeValue.fromSs(List.of(entry.encoded())));
        values.put(":now", ItemMapper.n(now.toEpochMilli()));
        return update(advance("", ", #set :entry", ""), NO_LEASE + " AND " + NO_ANNOUNCEMENT, WRITES, values);
    }

    boolean extendWrite(WriterEntry current, WriterEntry later) {
        boolean added = update("ADD #set :later", "contains(#set, :current)", WRITES, new HashMap<>(Map.of(
                ":later", AttributeValue.fromSs(List.of(later.encoded())), ":current", ItemMapper.s(current.encoded()))))
                .isPresent();
        if (added) {
            endWrites(List.of(current));
        }
        return added;
    }

    void endWrites(Collection<WriterEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        update("DELETE #set :entries", null, WRITES, new HashMap<>(Map.of(
                ":entries", AttributeValue.fromSs(entries.stream().map(WriterEntry::encoded).distinct().toList()))));
    }

    Optional<OrganizationState> tryAcquireLease(String owner, Instant now, Instant until) {
        Map<String, AttributeValue> values = advanceValues();
        values.putAll(Map.of(":owner", ItemMapper.s(owner), ":until", ItemMapper.n(until.toEpochMilli()),
                ":now", ItemMapper.n(now.toEpochMilli())));
        Map<String, String> names = Map.of("#revision", "revision", "#structure", "structure");
        return update(advance(", leaseOwner = :owner, leaseUntil = :until", ", #structure :one", " REMOVE announcedBy, announcedUntil"),
                LEASE_FREE_FOR_OWNER + " AND " + ANNOUNCEMENT_FREE_FOR_OWNER + " AND attribute_not_exists(adding)", names, values);
    }

    boolean announceLease(String owner, Instant now, Instant until) {
        return update("SET announcedBy = :owner, announcedUntil = :until",
                LEASE_FREE_FOR_OWNER + " AND " + ANNOUNCEMENT_FREE_FOR_OWNER, Map.of(),
                new HashMap<>(Map.of(":owner", ItemMapper.s(owner), ":until", ItemMapper.n(until.toEpochMilli()),
                        ":now", ItemMapper.n(now.toEpochMilli())))).isPresent();
    }

    boolean extendLease(String owner, Instant now, Instant until) {
        return update("SET leaseUntil = :until", "leaseOwner = :owner AND leaseUntil > :now", Map.of(),
                new HashMap<>(Map.of(":owner", ItemMapper.s(owner), ":until", ItemMapper.n(until.toEpochMilli()),
                        ":now", ItemMapper.n(now.toEpochMilli())))).isPresent();
    }

    void releaseLease(String owner) {
        update("REMOVE leaseOwner, leaseUntil", "leaseOwner = :owner", Map.of(), new HashMap<>(Map.of(":owner", ItemMapper.s(owner))));
    }

    void withdrawAnnouncement(String owner) {
        update("REMOVE announcedBy, announcedUntil", "announcedBy = :owner", Map.of(),
                new HashMap<>(Map.of(":owner", ItemMapper.s(owner))));
    }

    void markIndexed(Instant at) {
        Map<String, AttributeValue> values = advanceValues();
        values.put(":at", ItemMapper.n(at.toEpochMilli()));
        values.put(":format", ItemMapper.n(INDEX_FORMAT));
        update(advance(", indexedSince = :at, indexFormat = :format", ", #structure :one", ""), null,
                Map.of("#revision", "revision", "#structure", "structure"), values);
    }

    void clearIndexed() {
        update(advance("", ", #structure :one", " REMOVE indexedSince, indexFormat"), null,
                Map.of("#revision", "revision", "#structure", "structure"), advanceValues());
    }

    /** An update that advances the revision (giving the item an epoch if it has none), plus the given clauses. */
    private static String advance(String moreSet, String moreAdd, String remove) {
        return "SET epoch = if_not_exists(epoch, :epoch)" + moreSet + " ADD #revision :one" + moreAdd + remove;
    }

    private static Map<String, AttributeValue> advanceValues() {
        return new HashMap<>(Map.of(":epoch", ItemMapper.s(UUID.randomUUID().toString()), ":one", ItemMapper.n(1)));
    }


    /** One UpdateItem returning the new state; empty when its condition failed. */
    private Optional<OrganizationState> update(String expression, String condition, Map<String, String> names,
                                               Map<String, AttributeValue> values) {
        Map<String, String> usedNames = new HashMap<>();
        names.forEach((alias, name) -> {
            if (expression.contains(alias) || (condition != null && condition.contains(alias))) {
                usedNames.put(alias, name);
            }
        });
        try {
            UpdateItemResponse response = DynamoCalls.call(() -> client.updateItem(r -> {
                r.tableName(table).key(key).updateExpression(expression)
                        .expressionAttributeValues(values)
                        .returnValues(ReturnValue.ALL_NEW)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .overrideConfiguration(counted.next());
                if (!usedNames.isEmpty()) {
                    r.expressionAttributeNames(usedNames);
                }
                if (condition != null) {
                    r.conditionExpression(condition);
                }
            }));
            return Optional.of(state(response.attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    private static OrganizationState state(Map<String, AttributeValue> item) {
        Instant indexedSince = number(item.get("indexFormat")) >= INDEX_FORMAT ? instant(item.get("indexedSince")) : null;
        return new OrganizationState(indexedSince, text(item.get("epoch")),
                number(item.get("revision")), number(item.get("structure")),
                Stream.concat(entries(item.get("adding")).stream(), entries(item.get("editing")).stream()).toList(),
                text(item.get("leaseOwner")), instant(item.get("leaseUntil")),
                text(item.get("announcedBy")), instant(item.get("announcedUntil")));
    }

    private static List<WriterEntry> entries(AttributeValue set) {
        return set == null || !set.hasSs() ? List.of() : set.ss().stream().map(WriterEntry::decode).toList();
    }

    private static String text(AttributeValue value) {
        return value == null ? null : value.s();
    }

    private static long number(AttributeValue value) {
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static Instant instant(AttributeValue value) {
        return value == null || value.n() == null ? null : Instant.ofEpochMilli(Long.parseLong(value.n()));
    }
}
