package com.awsinsight.categories.store.dynamodb;

import com.awsinsight.categories.store.dynamodb.TableLayout.Index;
import com.awsinsight.categories.store.dynamodb.TableLayout.KeyAttribute;
import com.awsinsight.categories.store.dynamodb.TableLayout.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates the two tables as {@link TableLayout} declares them (the Node service's keys and indexes plus the
 * gateway's), for local runs and tests only: in Lambda, Terraform owns the tables and nothing here is called.
 * A table that exists is left exactly as it is, and the caller learns which tables this call created: only
 * those may receive demo data.
 */
public final class DynamoTables {

    /** Which of the two tables a {@link #createIfMissing} call created (false: it existed and was not touched). */
    public record Created(boolean categories, boolean templates) {
    }

    private DynamoTables() {
    }

    /** Creates whichever of the two tables is missing and waits until both are ACTIVE. */
    public static Created createIfMissing(DynamoDbClient client, String categoriesTable, String templatesTable) {
        return createIfMissing(client, categoriesTable, templatesTable, List.of(Index.values()));
    }

    /**
     * As {@link #createIfMissing(DynamoDbClient, String, String)}, with only the given indexes (tests create tables
     * as the Node service had them, without the gateway's indexes).
     */
    public static Created createIfMissing(DynamoDbClient client, String categoriesTable, String templatesTable,
                                          List<Index> indexes) {
        boolean categories = !exists(client, categoriesTable);
        if (categories) {
            create(client, categoriesTable, Table.CATEGORIES, indexes);
        }
        boolean templates = !exists(client, templatesTable);
        if (templates) {
            create(client, templatesTable, Table.TEMPLATES, indexes);
        }
        awaitActive(client, categoriesTable);
        awaitActive(client, templatesTable);
        return new Created(categories, templates);
    }

    public static void delete(DynamoDbClient client, String table) {
        if (exists(client, table)) {
            client.deleteTable(r -> r.tableName(table));
        }
    }

    private static void create(DynamoDbClient client, String name, Table table, List<Index> wanted) {
        List<Index> indexes = table.indexes().stream().filter(wanted::contains).toList();
        Map<String, KeyAttribute> attributes = new LinkedHashMap<>();
        attributes.put(table.hashKey().name(), table.hashKey());
        attributes.put(table.rangeKey().name(), table.rangeKey());
        List<GlobalSecondaryIndex> definitions = new ArrayList<>();
        for (Index index : indexes) {
            attributes.put(index.hashKey().name(), index.hashKey());
            attributes.put(index.rangeKey().name(), index.rangeKey());
            definitions.add(GlobalSecondaryIndex.builder()
                    .indexName(index.indexName())
                    .keySchema(key(index.hashKey(), KeyType.HASH), key(index.rangeKey(), KeyType.RANGE))
                    .projection(p -> p.projectionType(index.projection()))
                    .build());
        }
        client.createTable(r -> {
            r.tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(key(table.hashKey(), KeyType.HASH), key(table.rangeKey(), KeyType.RANGE))
                    .attributeDefinitions(attributes.values().stream()
                            .map(a -> AttributeDefinition.builder().attributeName(a.name()).attributeType(a.type()).build())
                            .toList());
            if (!definitions.isEmpty()) {
                r.globalSecondaryIndexes(definitions);
            }
        });
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
            var description = client.describeTable(r -> r.tableName(table)).table();
            boolean indexesActive = description.globalSecondaryIndexes().stream()
                    .allMatch(i -> "ACTIVE".equals(i.indexStatusAsString()));
            if (description.tableStatus() == TableStatus.ACTIVE && indexesActive) {
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

    private static KeySchemaElement key(KeyAttribute attribute, KeyType type) {
        return KeySchemaElement.builder().attributeName(attribute.name()).keyType(type).build();
    }
}
