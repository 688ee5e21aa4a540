package com.awsinsight.categories.store.dynamodb;

import com.awsinsight.categories.domain.DomainException;
import com.awsinsight.categories.domain.Field;
import com.awsinsight.categories.domain.Position;
import com.awsinsight.categories.domain.Slice;
import com.awsinsight.categories.domain.StoreMetrics;
import com.awsinsight.categories.domain.Template;
import com.awsinsight.categories.domain.TemplateRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Templates on the Node service's table (templateId, version). A type's templates come from
 * TemplateTypeIndex, newest version first; the whole catalog (no type) is a paged Scan, whose order
 * is DynamoDB's own.
 */
final class DynamoTemplateRepository implements TemplateRepository {
    static final String TYPE_INDEX = "TemplateTypeIndex";
    private static final int PAGE_SIZE = 50;

    private final DynamoDbClient client;
    private final String table;
    private final DynamoCalls.CallOptions counted;

    DynamoTemplateRepository(DynamoDbClient client, String table, StoreMetrics metrics) {
        this.client = client;
        this.table = table;
        this.counted = DynamoCalls.counted(metrics);
    }

    @Override
    public Optional<Template> find(String templateId, int version) {
        GetItemResponse response = DynamoCalls.call(() -> client.getItem(r -> r.tableName(table)
                .key(key(templateId, version))
                .overrideConfiguration(counted.next())));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(TemplateItems.toTemplate(response.item())) : Optional.empty();
    }

    @Override
    public Optional<Template> findLatest(String templateId) {
        QueryResponse response = DynamoCalls.call(() -> client.query(r -> r.tableName(table)
                .keyConditionExpression("templateId = :t")
                .expressionAttributeValues(Map.of(":t", ItemMapper.s(templateId)))
                .scanIndexForward(false)
                .limit(1)
                .overrideConfiguration(counted.next())));
        return response.items().stream().findFirst().map(TemplateItems::toTemplate);
    }

    @Override
    public Slice<Template> list(String templateType, Position after, int limit) {
        List<Template> found = new ArrayList<>();
        Map<String, AttributeValue> startKey = startKey(templateType, after);
        do {
            Map<String, AttributeValue> exclusiveStart = startKey;
            List<Map<String, AttributeValue>> items;
            Map<String, AttributeValue> last;
            if (templateType == null) {
                ScanResponse response = DynamoCalls.call(() -> client.scan(r -> r.tableName(table)
                        .exclusiveStartKey(exclusiveStart).limit(PAGE_SIZE).overrideConfiguration(counted.next())));
                items = response.items();
                last = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of();
            } else {
                QueryResponse response = DynamoCalls.call(() -> client.query(r -> r.tableName(table)
                        .indexName(TYPE_INDEX)
                        .keyConditionExpression("templateType = :t")
                        .expressionAttributeValues(Map.of(":t", ItemMapper.s(templateType)))
                        .scanIndexForward(false)
                        .exclusiveStartKey(exclusiveStart).limit(PAGE_SIZE).overrideConfiguration(counted.next())));
                items = response.items();
                last = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of();
            }
            for (Map<String, AttributeValue> item : items) {
                found.add(TemplateItems.toTemplate(item));
                if (found.size() > limit) {
                    return new Slice<>(found.subList(0, limit), true);
                }
            }
            startKey = last.isEmpty() ? null : last;
        } while (startKey != null);
        return new Slice<>(found, false);
    }

    @Override
    public void put(Template template) {
        DynamoCalls.call(() -> client.putItem(r -> r.tableName(table).item(TemplateItems.toItem(template))
                .overrideConfiguration(counted.next())));
    }

    @Override
    public void insert(Template template) {
        try {
            DynamoCalls.call(() -> client.putItem(r -> r.tableName(table).item(TemplateItems.toItem(template))
                    .conditionExpression("attribute_not_exists(templateId)")
                    .overrideConfiguration(counted.next())));
        } catch (ConditionalCheckFailedException e) {
            throw DomainException.conflict(Field.ID, "Template version " + template.version() + " exists already");
        }
    }

    private static Map<String, AttributeValue> key(String templateId, int version) {
        return Map.of(ItemMapper.TEMPLATE_ID, ItemMapper.s(templateId), ItemMapper.VERSION, ItemMapper.n(version));
    }

    /** Positions are "type#version" plus the template id. */
    private static Map<String, AttributeValue> startKey(String templateType, Position after) {
        if (after == null) {
            return null;
        }
        String sort = after.sortValue();
        int split = sort.lastIndexOf('#');
        Map<String, AttributeValue> key = new HashMap<>(key(after.id(), Integer.parseInt(sort.substring(split + 1))));
        if (templateType != null) {
            key.put(ItemMapper.TEMPLATE_TYPE, ItemMapper.s(sort.substring(0, split)));
        }
        return key;
    }
}
