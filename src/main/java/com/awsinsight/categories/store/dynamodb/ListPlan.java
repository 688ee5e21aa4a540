package com.awsinsight.categories.store.dynamodb;

import com.awsinsight.categories.domain.model.CategoryOrder;
import com.awsinsight.categories.domain.model.CategoryQuery;
import com.awsinsight.categories.domain.model.Position;
import com.awsinsight.categories.store.dynamodb.TableLayout.Index;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.HashMap;
import java.util.Map;


/**
 * Which index a listing reads and where it starts, derived from its order and filter. Name order reads the
 * gateway's indexes sorted by the normalized name, ties by id: ParentIndex ({@code <parent>#<nameKey><SEP><id>})
 * for children or roots, NameKeyIndex ({@code nameOrder} = {@code <nameKey><SEP><id>}) for all names; both project
 * every attribute. Creation order reads CreatedAtIndex (keys only).
 */
record ListPlan(String index, boolean keysOnly, boolean descending, String keyCondition,
                Map<String, AttributeValue> values, Map<String, AttributeValue> startKey) {

    static ListPlan of(String organizationId, CategoryQuery query, Position after) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":o", ItemMapper.s(organizationId));
        if (query.order() == CategoryOrder.NAME_ASC && query.readsByParent()) {
            String prefix = ItemMapper.parentPrefix(query.rootsOnly() ? null : query.parentId());
            values.put(":p", ItemMapper.s(prefix));
            return new ListPlan(Index.PARENT.indexName(), false, false, "organizationId = :o AND begins_with(parentKey, :p)",
                    values, start(organizationId, after, ItemMapper.PARENT_KEY,
                            after == null ? null : prefix + ItemMapper.ordered(after.sortValue(), after.id())));
        }
        if (query.order() == CategoryOrder.NAME_ASC) {
            return new ListPlan(Index.NAME_KEY.indexName(), false, false, "organizationId = :o", values,
                    start(organizationId, after, ItemMapper.NAME_ORDER,
                            after == null ? null : ItemMapper.ordered(after.sortValue(), after.id())));
        }
        return new ListPlan(Index.CREATED_AT.indexName(), true, query.order() == CategoryOrder.CREATED_AT_DESC,
                "organizationId = :o", values,
                start(organizationId, after, ItemMapper.CREATED_AT, after == null ? null : after.sortValue()));
    }

    private static Map<String, AttributeValue> start(String organizationId, Position after, String attribute, String value) {
        if (after == null) {
            return null;
        }
        Map<String, AttributeValue> key = new HashMap<>(ItemMapper.key(organizationId, after.id()));
        key.put(attribute, ItemMapper.s(value));
        return key;
    }

    QueryRequest request(String table, Map<String, AttributeValue> exclusiveStartKey, int pageSize) {
        return QueryRequest.builder()
                .tableName(table)
                .indexName(index)
                .keyConditionExpression(keyCondition)
                .expressionAttributeValues(values)
                .scanIndexForward(!descending)
                .exclusiveStartKey(exclusiveStartKey)
                .limit(pageSize)
                .build();
    }
}
