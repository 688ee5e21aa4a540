package com.awsinsight.categories.store.dynamodb;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.IndexBackfill;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.ports.StoredCategory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The migration's access to the categories table: a parallel Scan (segments of the whole table, auxiliary
 * partitions skipped), whole-organization reads, and an UpdateItem that only SETs {@code nameOrder}, {@code nameKey} and
 * {@code parentKey}, conditioned on the name and parent it was computed from. Resume tokens are the
 * table key of the last item read, as {@code organizationId + '\n' + categoryId} (neither may contain a
 * line break: organization ids come from validated claims, category ids match the id rule or are the Node
 * service's UUIDs).
 */
final class DynamoIndexBackfill implements IndexBackfill {
    private final DynamoDbClient client;
    private final String table;
    private final DynamoCalls.CallOptions counted;

    DynamoIndexBackfill(DynamoDbClient client, String table, StoreMetrics metrics) {
        this.client = client;
        this.table = table;
        this.counted = DynamoCalls.counted(metrics);
    }

    @Override
    public ScanPage scan(int segment, int totalSegments, String resumeToken, int limit) {
        ScanResponse response = DynamoCalls.call(() -> client.scan(r -> r.tableName(table)
                .segment(segment)
                .totalSegments(totalSegments)
                .limit(limit)
                .exclusiveStartKey(startKey(resumeToken))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .overrideConfiguration(counted.next())));
        List<StoredCategory> categories = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            if (!ItemMapper.isAuxiliary(item)) {
                categories.add(stored(item));
            }
        }
        Map<String, AttributeValue> last = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey() : null;
        return new ScanPage(categories, last == null ? null
                : last.get(ItemMapper.ORGANIZATION_ID).s() + "\n" + last.get(ItemMapper.CATEGORY_ID).s());
    }

    @Override
    public List<StoredCategory> organization(String organizationId) {
        return DynamoCalls.queryPages(client, QueryRequest.builder().tableName(table)
                .consistentRead(true)
                .keyConditionExpression("organizationId = :o")
                .expressionAttributeValues(Map.of(":o", ItemMapper.s(organizationId))), counted).stream()
                .map(DynamoIndexBackfill::stored)
                .toList();
    }

    @Override
    public boolean backfill(Category category) {
        Map<String, String> names = new HashMap<>(Map.of("#name", ItemMapper.CATEGORY_NAME, "#parent", ItemMapper.PARENT_ID,
                "#nameKey", ItemMapper.NAME_KEY, "#parentKey", ItemMapper.PARENT_KEY, "#nameOrder", ItemMapper.NAME_ORDER));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":name", ItemMapper.s(category.name()),
                ":nameKey", ItemMapper.s(category.nameKey()),
                ":parentKey", ItemMapper.s(ItemMapper.parentKey(category)),
                ":nameOrder", ItemMapper.s(ItemMapper.nameOrder(category))));
        String parentCondition;
        if (category.isRoot()) {
            parentCondition = "(attribute_not_exists(#parent) OR attribute_type(#parent, :nullType) OR #parent = :empty)";
            values.put(":nullType", ItemMapper.s("NULL"));
            values.put(":empty", ItemMapper.s(""));
        } else {
            parentCondition = "#parent = :parent";
            values.put(":parent", ItemMapper.s(category.parentId()));
        }
        try {
            DynamoCalls.call(() -> client.updateItem(r -> r.tableName(table)
                    .key(ItemMapper.key(category.organizationId(), category.id()))
                    .updateExpression("SET #nameKey = :nameKey, #parentKey = :parentKey, #nameOrder = :nameOrder")
                    .conditionExpression("#name = :name AND " + parentCondition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                    .overrideConfiguration(counted.next())));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static StoredCategory stored(Map<String, AttributeValue> item) {
        Category category = ItemMapper.toCategory(item);
        return new StoredCategory(category, ItemMapper.isIndexed(item, category));
    }

    private static Map<String, AttributeValue> startKey(String resumeToken) {
        if (resumeToken == null) {
            return null;
        }
        int split = resumeToken.indexOf('\n');
        return ItemMapper.key(resumeToken.substring(0, split), resumeToken.substring(split + 1));
    }
}
