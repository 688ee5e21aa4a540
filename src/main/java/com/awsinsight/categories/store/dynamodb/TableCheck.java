package com.awsinsight.categories.store.dynamodb;

import com.awsinsight.categories.store.dynamodb.TableLayout.Index;
import com.awsinsight.categories.store.dynamodb.TableLayout.Table;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The preflight of the two tables: one DescribeTable each, compared with {@link TableLayout}. A table must exist,
 * be usable (ACTIVE, or UPDATING while DynamoDB changes something else), have the Node service's key, and every index
 * the gateway reads must exist with the layout's keys (names and types), a projection that holds what the gateway
 * reads, and be ACTIVE (an index still backfilling answers queries with part of the items). Each problem is one line
 * that names the table, the index and the runbook step that fixes it. Commands that use the tables run it before
 * anything else ({@code serve}, {@code migrate}, {@code repair}, {@code check-tables}); the Lambda function does not
 * (its cold start makes no extra call) and answers a request that meets a missing index with UNAVAILABLE instead
 * ({@link DynamoCalls}).
 */
public final class TableCheck {

    private TableCheck() {
    }

    /** The tables are not ready for the gateway; the message lists every problem, one per line. */
    public static final class NotReady extends RuntimeException {
        private final List<String> problems;

        NotReady(List<String> problems) {
            super("the tables are not ready for the gateway:\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** Returns when both tables are ready; a {@link NotReady} naming every problem otherwise. */
    public static void requireReady(DynamoDbClient client, String categoriesTable, String templatesTable) {
        List<String> problems = problems(client, categoriesTable, templatesTable);
        if (!problems.isEmpty()) {
            throw new NotReady(problems);
        }
    }

    /** Everything wrong with the two tables; empty when the gateway can use them. */
    public static List<String> problems(DynamoDbClient client, String categoriesTable, String templatesTable) {
        List<String> problems = new ArrayList<>();
        problems.addAll(problems(client, categoriesTable, Table.CATEGORIES));
        problems.addAll(problems(client, templatesTable, Table.TEMPLATES));
        return problems;
    }

    private static List<String> problems(DynamoDbClient client, String name, Table table) {
        String label = table.label() + " table " + name + " (" + table.variable() + ")";
        TableDescription description;
        try {
            description = client.describeTable(r -> r.tableName(name)).table();
        } catch (ResourceNotFoundException e) {
            return List.of(label + " does not exist: check " + table.variable() + " and AWS_REGION (" + TableLayout.TABLES_STEP + ")");
        } catch (SdkException e) {
            return List.of(label + " cannot be described (" + e.getMessage() + "): the check needs dynamodb:DescribeTable");
        }
        List<String> problems = new ArrayList<>();
        TableStatus status = description.tableStatus();
        if (status != TableStatus.ACTIVE && status != TableStatus.UPDATING) {
            problems.add(label + " is " + description.tableStatusAsString() + ", not ACTIVE");
        }
        Map<String, String> types = new HashMap<>();
        for (AttributeDefinition attribute : description.attributeDefinitions()) {
            types.put(attribute.attributeName(), attribute.attributeTypeAsString());
        }
        List<String> keys = keys(description.keySchema(), types);
        List<String> wanted = List.of(table.hashKey().toString(), table.rangeKey().toString());
        if (!keys.equals(wanted)) {
            problems.add(label + " has the key " + keys + ", the gateway needs " + wanted
                    + ": it is not the Node service's " + table.label() + " table (" + TableLayout.TABLES_STEP + ")");
        }
        for (Index index : table.indexes()) {
            if (index.readByGateway()) {
                indexProblem(label, index, description, types).ifPresent(problems::add);
            }
        }
        return problems;
    }

    private static Optional<String> indexProblem(String label, Index index, TableDescription description, Map<String, String> types) {
        Optional<GlobalSecondaryIndexDescription> found = description.globalSecondaryIndexes().stream()
                .filter(i -> i.indexName().equals(index.indexName()))
                .findFirst();
        if (found.isEmpty()) {
            return Optional.of(label + ": index " + index + " is missing: add it as in " + TableLayout.INDEX_STEP);
        }
        GlobalSecondaryIndexDescription actual = found.get();
        List<String> keys = keys(actual.keySchema(), types);
        List<String> wanted = List.of(index.hashKey().toString(), index.rangeKey().toString());
        if (!keys.equals(wanted)) {
            return Optional.of(label + ": index " + index.indexName() + " has the keys " + keys + ", the gateway reads "
                    + wanted + ": rebuild it as in " + TableLayout.INDEX_STEP);
        }
        if (actual.projection() == null || !index.projectsEnough(actual.projection().projectionType())) {
            String projection = actual.projection() == null ? "nothing" : actual.projection().projectionTypeAsString();
            return Optional.of(label + ": index " + index.indexName() + " projects " + projection + ", the gateway reads "
                    + index.projection() + ": rebuild it as in " + TableLayout.INDEX_STEP);
        }
        if (!"ACTIVE".equals(actual.indexStatusAsString())) {
            return Optional.of(label + ": index " + index.indexName() + " is " + actual.indexStatusAsString()
                    + " (still being built): wait until it is ACTIVE (" + TableLayout.INDEX_STEP + ")");
        }
        return Optional.empty();
    }

    /** A key schema as "name (type)" texts, hash key first. */
    private static List<String> keys(List<KeySchemaElement> schema, Map<String, String> types) {
        List<String> keys = new ArrayList<>();
        schema.stream().filter(k -> k.keyType() == KeyType.HASH).forEach(k -> keys.add(key(k, types)));
        schema.stream().filter(k -> k.keyType() == KeyType.RANGE).forEach(k -> keys.add(key(k, types)));
        return keys;
    }

    private static String key(KeySchemaElement element, Map<String, String> types) {
        String type = types.get(element.attributeName());
        return element.attributeName() + " (" + (type == null ? "?" : type) + ")";
    }

    /** The indexes the gateway reads on one table, as check-tables reports them when all is well. */
    public static List<String> readIndexes(Table table) {
        return table.indexes().stream().filter(Index::readByGateway).map(Index::indexName).toList();
    }
}
