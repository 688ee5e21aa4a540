package com.awsinsight.categories.contract;

import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.services.migration.OrganizationIndexer;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.testing.DataShape;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.awsinsight.categories.testing.Categories.category;
import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Name order by the normalized name, ties by id, changed what the indexes sort by (index format 2: ParentIndex by
 * {@code <parent>#<nameKey><SEP><id>}, NameKeyIndex by {@code nameOrder}; format 1 held the exact name and no
 * {@code nameOrder}). An organization indexed in format 1 must not be read through the index until
 * {@code migrate} has rewritten it: its old mark reads as no mark, so it is listed from whole-organization reads
 * (correct, in the new order), and the indexer rewrites every item's index attributes and marks it again.
 */
@Tag("dynalite")
class IndexFormatUpgradeTest {
    private static final String PAGE = "query($p: ID) { categories(first: 10, filter: { parentId: $p }) { edges { node { name } } } }";

    @Test
    void anOrganizationIndexedInTheOldFormatIsReadCorrectlyAndMigrateUpgradesIt() {
        DynamoStore store = Dynalite.get().newStore();
        GraphQLHarness graphQL = new GraphQLHarness(store);
        String org = "org-" + UUID.randomUUID();
        Instant at = Instant.parse("2024-05-01T00:00:00Z");
        Category parent = category(org, "cat-parent").named("Tools").at(at).build();
        List<Category> categories = new ArrayList<>(List.of(parent));
        List<String> names = List.of("Zeta", "AWS Backup", "athena", "Artifact Registry");
        for (int i = 0; i < names.size(); i++) {
            categories.add(category(org, "cat-" + i).named(names.get(i)).under(parent.id()).at(at).build());
        }
        for (int i = 0; i < 20; i++) {
            categories.add(category(org, "cat-root-" + i).named("Root " + i).at(at).build());
        }
        DataShape.GATEWAY.write(store, categories);
        writeFormatOne(store, categories);

        Caller caller = editor(org);
        GraphQLHarness.Response beforeMigrate = graphQL.run(caller, PAGE, Map.of("p", parent.id()));
        OrganizationIndexer.Result result = new OrganizationIndexer(store, new StoreMetrics(), Clock.systemUTC(), () -> { })
                .index(org, false);
        GraphQLHarness.Response afterMigrate = graphQL.run(caller, PAGE, Map.of("p", parent.id()));

        List<String> readingOrder = List.of("Artifact Registry", "athena", "AWS Backup", "Zeta");
        assertEquals(readingOrder, names(beforeMigrate.at("/data/categories/edges")));
        assertEquals(categories.size(), result.backfilled(), "every item's index attributes were rewritten");
        assertTrue(result.settled());
        assertTrue(store.coordination(org, new StoreMetrics()).indexedSince().isPresent(), "marked again, in format 2");
        assertEquals(readingOrder, names(afterMigrate.at("/data/categories/edges")));
        assertTrue(beforeMigrate.metrics().itemsRead() >= categories.size(), "old mark: the whole organization is read");
        assertEquals(1 + names.size(), afterMigrate.metrics().itemsRead(), "after migrate: the mark, then ParentIndex");
    }

    /**
     * Rewrites the items and the mark as a format-1 gateway left them: exact names in parentKey, no nameOrder, no
     * indexFormat.
     */
    private static void writeFormatOne(DynamoStore store, List<Category> categories) {
        var client = Dynalite.get().client();
        for (Category category : categories) {
            String parentKey = (category.parentId() == null ? "#ROOT" : category.parentId()) + "#" + category.name();
            client.updateItem(r -> r.tableName(store.categoriesTable())
                    .key(Map.of("organizationId", AttributeValue.fromS(category.organizationId()),
                            "categoryId", AttributeValue.fromS(category.id())))
                    .updateExpression("SET parentKey = :k REMOVE nameOrder")
                    .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(parentKey))));
        }
        String org = categories.get(0).organizationId();
        client.putItem(r -> r.tableName(store.categoriesTable()).item(Map.of(
                "organizationId", AttributeValue.fromS(org + "#META"),
                "categoryId", AttributeValue.fromS("index"),
                "indexedSince", AttributeValue.fromN("1714521600000"))));
    }

    private static List<String> names(JsonNode edges) {
        List<String> names = new ArrayList<>();
        edges.forEach(e -> names.add(e.at("/node/name").asText()));
        return names;
    }
}
