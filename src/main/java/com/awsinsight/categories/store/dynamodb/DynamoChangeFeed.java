package com.awsinsight.categories.store.dynamodb;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.ChangePage;
import com.awsinsight.categories.domain.model.Position;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The reads of delta sync for one organization. A full read pages the base table in id order (strongly
 * consistent; it sees every item, also the Node service's). Changes since a point page UpdatedAtIndex
 * ({@code organizationId}, {@code updatedAt}, keys only), which holds every category with an {@code updatedAt}
 * (the Node service writes it too); the keys found are then read strongly consistently, so each category comes
 * as it is now. A page reads one more entry than it returns to know whether more follow, so its work is what it
 * returns.
 */
final class DynamoChangeFeed {
    static final String UPDATED_AT = "updatedAt";

    private final DynamoDbClient client;
    private final String table;
    private final String organizationId;
    private final DynamoCalls.CallOptions counted;
    private final Function<Collection<String>, Map<String, Category>> readByIds;

    DynamoChangeFeed(DynamoDbClient client, String table, String organizationId, DynamoCalls.CallOptions counted,
                     Function<Collection<String>, Map<String, Category>> readByIds) {
        this.client = client;
        this.table = table;
        this.organizationId = organizationId;
        this.counted = counted;
        this.readByIds = readByIds;
    }

    ChangePage pageById(String afterId, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                .consistentRead(true)
                .keyConditionExpression("organizationId = :o")
                .expressionAttributeValues(Map.of(":o", ItemMapper.s(organizationId)));
        Map<String, AttributeValue> start = afterId == null ? null : ItemMapper.key(organizationId, afterId);
        List<Map<String, AttributeValue>> items = read(query, start, limit);
        List<Map<String, AttributeValue>> page = items.subList(0, Math.min(limit, items.size()));
        List<Category> categories = page.stream().map(ItemMapper::toCategory).toList();
        Position end = categories.isEmpty() ? null
                : new Position(categories.get(categories.size() - 1).id(), categories.get(categories.size() - 1).id());
        return new ChangePage(categories, end, items.size() > limit);
    }

    ChangePage changedAfter(Position after, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                .indexName(TableLayout.Index.UPDATED_AT.indexName())
                .keyConditionExpression("organizationId = :o AND #u >= :u")
                .expressionAttributeNames(Map.of("#u", UPDATED_AT))
                .expressionAttributeValues(Map.of(":o", ItemMapper.s(organizationId), ":u", ItemMapper.s(after.sortValue())));
        Map<String, AttributeValue> start = null;
        if (!after.id().isEmpty()) {
            start = new HashMap<>(ItemMapper.key(organizationId, after.id()));
            start.put(UPDATED_AT, ItemMapper.s(after.sortValue()));
        }
        List<Map<String, AttributeValue>> keys = read(query, start, limit);
        List<Map<String, AttributeValue>> page = keys.subList(0, Math.min(limit, keys.size()));
        List<String> ids = page.stream().map(k -> k.get(ItemMapper.CATEGORY_ID).s()).toList();
        Map<String, Category> found = ids.isEmpty() ? Map.of() : readByIds.apply(ids);
        List<Category> categories = ids.stream().map(found::get).filter(Objects::nonNull).toList();
        Position end = page.isEmpty() ? null : new Position(page.get(page.size() - 1).get(UPDATED_AT).s(),
                page.get(page.size() - 1).get(ItemMapper.CATEGORY_ID).s());
        return new ChangePage(categories, end, keys.size() > limit);
    }

    /** Up to {@code limit + 1} items of the query from {@code start} on, across as many result pages as that takes. */
    private List<Map<String, AttributeValue>> read(QueryRequest.Builder query, Map<String, AttributeValue> start, int limit) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> startKey = start;
        do {
            QueryRequest request = query.exclusiveStartKey(startKey)
                    .limit(limit + 1 - items.size())
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                    .overrideConfiguration(counted.next())
                    .build();
            QueryResponse response = DynamoCalls.call(() -> client.query(request));
            items.addAll(response.items());
            startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (startKey != null && items.size() <= limit);
        return items;
    }
}
