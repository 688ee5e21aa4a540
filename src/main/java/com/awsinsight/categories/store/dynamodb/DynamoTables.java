package com.awsinsight.categories.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Creates the two tables with the Node service's keys and indexes plus the gateway's ParentIndex, NameKeyIndex and
 * UpdatedAtIndex (categories) and OrganizationTemplateIndex (templates), for local runs and tests only: in Lambda,
 * Terraform owns the tables and nothing here is called.
 */
public final class DynamoTables {

    private DynamoTables() {
    }

    public static void createIfMissing(DynamoDbClient client, String categoriesTable, String templatesTable) {
        if (!exists(client, categoriesTable)) {
            client.createTable(r -> r.tableName(categoriesTable)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(key("organizationId", KeyType.HASH), key("categoryId", KeyType.RANGE))
                    .attributeDefinitions(attribute("organizationId", ScalarAttributeType.S),
                            attribute("categoryId", ScalarAttributeType.S),
                            attribute("categoryName", ScalarAttributeType.S),
                            attribute("createdAt", ScalarAttributeType.S),
                            attribute("parentKey", ScalarAttributeType.S),
                            attribute(ItemMapper.NAME_ORDER, ScalarAttributeType.S),
                            attribute(DynamoChangeFeed.UPDATED_AT, ScalarAttributeType.S))
                    .globalSecondaryIndexes(
                            index(DynamoCategoryRepository.NAME_INDEX, "organizationId", "categoryName", ProjectionType.ALL),
                            index(DynamoCategoryRepository.CREATED_AT_INDEX, "organizationId", "createdAt", ProjectionType.KEYS_ONLY),
                            index(DynamoCategoryRepository.PARENT_INDEX, "organizationId", "parentKey", ProjectionType.ALL),
                            index(DynamoCategoryRepository.NAME_KEY_INDEX, "organizationId", ItemMapper.NAME_ORDER, ProjectionType.ALL),
                            index(DynamoChangeFeed.UPDATED_AT_INDEX, "organizationId", DynamoChangeFeed.UPDATED_AT,
                                    ProjectionType.KEYS_ONLY)));
        }
        if (!exists(client, templatesTable)) {
            client.createTable(r -> r.tableName(templatesTable)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(key("templateId", KeyType.HASH), key("version", KeyType.RANGE))
                    .attributeDefinitions(attribute("templateId", ScalarAttributeType.S),
                            attribute("version", ScalarAttributeType.N),
                            attribute("templateType", ScalarAttributeType.S),
                            attribute("organizationId", ScalarAttributeType.S),
                            attribute(TemplateItems.TYPE_VERSION, ScalarAttributeType.S))
                    .globalSecondaryIndexes(
                            index(DynamoTemplateRepository.TYPE_INDEX, "templateType", "version", ProjectionType.ALL),
                            index(DynamoTemplateRepository.ORGANIZATION_INDEX, "organizationId", TemplateItems.TYPE_VERSION,
                                    ProjectionType.ALL)));
        }
        awaitActive(client, categoriesTable);
        awaitActive(client, templatesTable);
    }

    public static void delete(DynamoDbClient client, String table) {
        if (exists(client, table)) {
            client.deleteTable(r -> r.tableName(table));
        }
    }

    private static boolean exists(DynamoDbClient client, String table) {
        try {
            client.describeTable(r -> r.tableName(table));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private static void awaitActive(DynamoDbClient client, String table) {
        for (int attempt = 0; attempt < 200; attempt++) {
            TableStatus status = client.describeTable(r -> r.tableName(table)).table().tableStatus();
            boolean indexesActive = client.describeTable(r -> r.tableName(table)).table().globalSecondaryIndexes().stream()
                    .allMatch(i -> "ACTIVE".equals(i.indexStatusAsString()));
            if (status == TableStatus.ACTIVE && indexesActive) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("Table " + table + " did not become active");
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static GlobalSecondaryIndex index(String name, String hash, String range, ProjectionType projection) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(key(hash, KeyType.HASH), key(range, KeyType.RANGE))
                .projection(p -> p.projectionType(projection))
                .build();
    }
}
