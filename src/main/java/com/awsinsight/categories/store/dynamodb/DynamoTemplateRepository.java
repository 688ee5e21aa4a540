package com.awsinsight.categories.store.dynamodb;

import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.model.Slice;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.model.Template;
import com.awsinsight.categories.domain.model.TemplatePosition;
import com.awsinsight.categories.domain.ports.TemplateRepository;
import com.awsinsight.categories.store.dynamodb.TableLayout.Index;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Templates on the Node service's table (templateId, version). Shared templates (the Node service's, and any
 * without an owner) carry {@code templateType} and so are in TemplateTypeIndex: a type's come from a Query, newest
 * version first; all of them from a Scan of that index, in DynamoDB's order. Private templates carry their type as
 * {@code privateTemplateType} instead, so they are never in TemplateTypeIndex, and are in
 * OrganizationTemplateIndex (organizationId, {@code typeVersion}) instead: an organization's own, by type and
 * newest version first, are one Query. A listing therefore reads the shared templates and the caller's own, never
 * another organization's private ones (see {@link TemplateItems}).
 */
final class DynamoTemplateRepository implements TemplateRepository {

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
    public Slice<Template> listVisible(String organizationId, String templateType, TemplatePosition after, int limit) {
        List<Template> found = new ArrayList<>();
        if (after == null || !after.own()) {
            readShared(templateType, after, limit, found);
        }
        if (found.size() <= limit) {
            readOwn(organizationId, templateType, after != null && after.own() ? after : null, limit, found);
        }
        boolean hasMore = found.size() > limit;
        return new Slice<>(hasMore ? found.subList(0, limit) : found, hasMore);
    }

    /** Shared templates after {@code after} into {@code found} until it holds one more than {@code limit}. */
    private void readShared(String templateType, TemplatePosition after, int limit, List<Template> found) {
        Map<String, AttributeValue> startKey = after == null ? null : sharedKey(after);
        do {
            Map<String, AttributeValue> exclusiveStart = startKey;
            int wanted = limit + 1 - found.size();
            List<Map<String, AttributeValue>> items;
            Map<String, AttributeValue> last;
            if (templateType == null) {
                ScanResponse response = DynamoCalls.call(() -> client.scan(r -> r.tableName(table).indexName(Index.TEMPLATE_TYPE.indexName())
                        .exclusiveStartKey(exclusiveStart).limit(wanted)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).overrideConfiguration(counted.next())));
                items = response.items();
                last = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of();
            } else {
                QueryResponse response = DynamoCalls.call(() -> client.query(r -> r.tableName(table).indexName(Index.TEMPLATE_TYPE.indexName())
                        .keyConditionExpression("templateType = :t")
                        .expressionAttributeValues(Map.of(":t", ItemMapper.s(templateType)))
                        .scanIndexForward(false)
                        .exclusiveStartKey(exclusiveStart).limit(wanted)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).overrideConfiguration(counted.next())));
                items = response.items();
                last = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of();
            }
            items.stream().filter(item -> !item.containsKey(ItemMapper.ORGANIZATION_ID))
                    .map(TemplateItems::toTemplate).forEach(found::add);
            startKey = last.isEmpty() ? null : last;
        } while (startKey != null && found.size() <= limit);
    }

    /** The organization's own templates after {@code after} into {@code found} until it holds one more than {@code limit}. */
    private void readOwn(String organizationId, String templateType, TemplatePosition after, int limit, List<Template> found) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":o", ItemMapper.s(organizationId));
        String condition = "organizationId = :o";
        if (templateType != null) {
            values.put(":t", ItemMapper.s(templateType + "#"));
            condition += " AND begins_with(typeVersion, :t)";
        }
        String keyCondition = condition;
        Map<String, AttributeValue> startKey = after == null ? null : ownKey(organizationId, after);
        do {
            Map<String, AttributeValue> exclusiveStart = startKey;
            int wanted = limit + 1 - found.size();
            QueryResponse response = DynamoCalls.call(() -> client.query(r -> r.tableName(table).indexName(Index.ORGANIZATION_TEMPLATE.indexName())
                    .keyConditionExpression(keyCondition)
                    .expressionAttributeValues(values)
                    .exclusiveStartKey(exclusiveStart).limit(wanted)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).overrideConfiguration(counted.next())));
            response.items().stream().map(TemplateItems::toTemplate).forEach(found::add);
            startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (startKey != null && found.size() <= limit);
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

    /** The TemplateTypeIndex key of a shared template's position: the index's keys and the table's. */
    private static Map<String, AttributeValue> sharedKey(TemplatePosition after) {
        Map<String, AttributeValue> key = new HashMap<>(key(after.templateId(), after.version()));
        key.put(ItemMapper.TEMPLATE_TYPE, ItemMapper.s(after.templateType()));
        return key;
    }

    /** The OrganizationTemplateIndex key of one of the organization's own templates' position. */
    private static Map<String, AttributeValue> ownKey(String organizationId, TemplatePosition after) {
        Map<String, AttributeValue> key = new HashMap<>(key(after.templateId(), after.version()));
        key.put(ItemMapper.ORGANIZATION_ID, ItemMapper.s(organizationId));
        key.put(TemplateItems.TYPE_VERSION, ItemMapper.s(TemplateItems.typeVersion(after.templateType(), after.version())));
        return key;
    }
}
