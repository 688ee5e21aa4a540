package com.awsinsight.categories.store.dynamodb;

import com.awsinsight.categories.domain.coordination.IdempotencyRecord;
import com.awsinsight.categories.domain.coordination.NameClaim;
import com.awsinsight.categories.domain.coordination.OrganizationState;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.ports.WriteCoordination;
import com.awsinsight.categories.domain.coordination.WriterEntry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The organization's state item ({@link OrganizationStateItem}), name-claim and idempotency items in the
 * categories table, under partition keys no organization id can have ({@code <org>#META}, {@code <org>#NAME},
 * {@code <org>#IDEMPOTENCY}; organization ids never contain '#'), so whole-organization queries on
 * {@code <org>} never return them. Each operation is one conditional PutItem, UpdateItem or DeleteItem, or one
 * strongly consistent GetItem. Expiry instants are stored in milliseconds for the conditions and in epoch
 * seconds as {@code expiresAt} for the table's TTL, which only collects garbage: correctness never depends on
 * it.
 */
final class DynamoWriteCoordination implements WriteCoordination {
    static final String CLAIM_SUFFIX = "#NAME";
    static final String IDEMPOTENCY_SUFFIX = "#IDEMPOTENCY";

    private final DynamoDbClient client;
    private final String table;
    private final String organizationId;
    private final DynamoCalls.CallOptions counted;
    private final OrganizationStateItem stateItem;

    DynamoWriteCoordination(DynamoDbClient client, String table, String organizationId, StoreMetrics metrics) {
        this.client = client;
        this.table = table;
        this.organizationId = organizationId;
        this.counted = DynamoCalls.counted(metrics);
        this.stateItem = new OrganizationStateItem(client, table, organizationId, counted);
    }

    @Override
    public OrganizationState state() {
        return stateItem.read();
    }

    @Override
    public Optional<OrganizationState> beginWrite(WriterEntry entry, Instant now) {
        return stateItem.beginWrite(entry, now);
    }

    @Override
    public boolean extendWrite(WriterEntry current, WriterEntry later) {
        return stateItem.extendWrite(current, later);
    }

    @Override
    public void endWrites(Collection<WriterEntry> entries) {
        stateItem.endWrites(entries);
    }

    @Override
    public Optional<OrganizationState> tryAcquireLease(String owner, Instant now, Instant until) {
        return stateItem.tryAcquireLease(owner, now, until);
    }

    @Override
    public boolean announceLease(String owner, Instant now, Instant until) {
        return stateItem.announceLease(owner, now, until);
    }

    @Override
    public boolean extendLease(String owner, Instant now, Instant until) {
        return stateItem.extendLease(owner, now, until);
    }

    @Override
    public void releaseLease(String owner) {
        stateItem.releaseLease(owner);
    }

    @Override
    public void withdrawAnnouncement(String owner) {
        stateItem.withdrawAnnouncement(owner);
    }

    @Override
    public Optional<NameClaim> findClaim(String nameKey) {
        GetItemResponse response = DynamoCalls.call(() -> client.getItem(r -> r.tableName(table)
                .key(ItemMapper.key(organizationId + CLAIM_SUFFIX, nameKey))
                .consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .overrideConfiguration(counted.next())));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(claim(response.item()));
    }

    /** BatchGetItem of at most 100 keys per call, strongly consistent, unprocessed keys retried. */
    @Override
    public Map<String, NameClaim> findClaims(Collection<String> nameKeys) {
        Map<String, NameClaim> found = new HashMap<>();
        List<String> keys = List.copyOf(new java.util.LinkedHashSet<>(nameKeys));
        for (int start = 0; start < keys.size(); start += 100) {
            List<Map<String, AttributeValue>> chunk = keys.subList(start, Math.min(keys.size(), start + 100)).stream()
                    .map(key -> ItemMapper.key(organizationId + CLAIM_SUFFIX, key))
                    .toList();
            DynamoCalls.batchGet(client, table, chunk, counted)
                    .forEach(item -> found.put(item.get(ItemMapper.CATEGORY_ID).s(), claim(item)));
        }
        return found;
    }

    private static NameClaim claim(Map<String, AttributeValue> item) {
        AttributeValue pending = item.get("pendingUntil");
        AttributeValue forNew = item.get("forNewCategory");
        return new NameClaim(item.get(ItemMapper.CATEGORY_ID).s(), item.get("claimant").s(), item.get("token").s(),
                pending == null || pending.n() == null ? null : Instant.ofEpochMilli(Long.parseLong(pending.n())),
                forNew != null && Boolean.TRUE.equals(forNew.bool()));
    }

    @Override
    public boolean putClaim(NameClaim claim, NameClaim expected) {
        Map<String, AttributeValue> item = new HashMap<>(ItemMapper.key(organizationId + CLAIM_SUFFIX, claim.nameKey()));
        item.put("claimant", ItemMapper.s(claim.claimantId()));
        item.put("token", ItemMapper.s(claim.token()));
        if (claim.pendingUntil() != null) {
            item.put("pendingUntil", ItemMapper.n(claim.pendingUntil().toEpochMilli()));
        }
        if (claim.forNewCategory()) {
            item.put("forNewCategory", AttributeValue.fromBool(true));
        } else if (claim.pendingUntil() != null) {
            item.put("expiresAt", ItemMapper.n(claim.pendingUntil().getEpochSecond() + 3600));
        }
        if (expected == null) {
            return conditional(() -> client.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(categoryId)")
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                    .overrideConfiguration(counted.next())));
        }
        return conditional(() -> client.putItem(r -> r.tableName(table).item(item)
                .conditionExpression("#token = :token")
                .expressionAttributeNames(Map.of("#token", "token"))
                .expressionAttributeValues(Map.of(":token", ItemMapper.s(expected.token())))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .overrideConfiguration(counted.next())));
    }

    @Override
    public void confirmClaim(String nameKey, String token) {
        conditional(() -> client.updateItem(r -> r.tableName(table)
                .key(ItemMapper.key(organizationId + CLAIM_SUFFIX, nameKey))
                .updateExpression("REMOVE pendingUntil, expiresAt")
                .conditionExpression("#token = :token")
                .expressionAttributeNames(Map.of("#token", "token"))
                .expressionAttributeValues(Map.of(":token", ItemMapper.s(token)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .overrideConfiguration(counted.next())));
    }

    @Override
    public void dropClaim(String nameKey, String token) {
        conditional(() -> client.deleteItem(r -> r.tableName(table)
                .key(ItemMapper.key(organizationId + CLAIM_SUFFIX, nameKey))
                .conditionExpression("#token = :token")
                .expressionAttributeNames(Map.of("#token", "token"))
                .expressionAttributeValues(Map.of(":token", ItemMapper.s(token)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .overrideConfiguration(counted.next())));
    }

    private static boolean conditional(Runnable call) {
        try {
            DynamoCalls.call(() -> {
                call.run();
                return null;
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public IdempotencyRecord reserveIdempotencyKey(IdempotencyRecord record, Instant now) {
        Map<String, AttributeValue> key = ItemMapper.key(organizationId + IDEMPOTENCY_SUFFIX, record.key());
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("requestHash", ItemMapper.s(record.requestHash()));
        item.put("targetId", ItemMapper.s(record.categoryId()));
        item.put("expiresAt", ItemMapper.n(record.expiresAt().getEpochSecond()));
        boolean stored = conditional(() -> client.putItem(r -> r.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(categoryId) OR expiresAt <= :now")
                .expressionAttributeValues(Map.of(":now", ItemMapper.n(now.getEpochSecond())))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .overrideConfiguration(counted.next())));
        if (stored) {
            return record;
        }
        Map<String, AttributeValue> held = DynamoCalls.call(() -> client.getItem(r -> r.tableName(table).key(key)
                .consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .overrideConfiguration(counted.next()))).item();
        return new IdempotencyRecord(record.key(), held.get("requestHash").s(),
                held.get("targetId").s(), Instant.ofEpochSecond(Long.parseLong(held.get("expiresAt").n())));
    }

    @Override
    public void markIndexed(Instant at) {
        stateItem.markIndexed(at);
    }

    @Override
    public void clearIndexed() {
        stateItem.clearIndexed();
    }
}
