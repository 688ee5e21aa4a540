package com.awsinsight.categories.writes;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.model.Template;
import com.awsinsight.categories.domain.model.TemplateNode;
import com.awsinsight.categories.store.dynamodb.DynamoClients;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.FaultInjector;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 200-node template (4 roots × 7 children × 6 grandchildren) instantiated on DynamoDB in one mutation:
 * every node is created once, parents before children, written with BatchWriteItem calls of at most 25
 * items; and the clash case, where one existing name (in another case) refuses the whole instantiation,
 * creates nothing and reports that name. A 1,000-node template instantiates while every DynamoDB call is
 * slowed down (as through a proxy): the write keeps its registration alive however long it takes.
 */
@Tag("dynalite")
class LargeTemplateInstantiationTest {
    private static final String MUTATION = "mutation($t: ID!, $p: ID) { instantiateTemplate(templateId: $t, parentId: $p) "
            + "{ categories { id name parentId depth } userErrors { code field message } } }";

    private final FaultInjector calls = new FaultInjector();
    private final DynamoStore base = Dynalite.get().newStore();
    private final DynamoStore store = new DynamoStore(DynamoClients.create("us-east-1", Dynalite.get().endpoint(), List.of(calls)),
            base.categoriesTable(), base.templatesTable());
    private final GraphQLHarness graphQL = new GraphQLHarness(store);
    private final String templateId = "tpl-large-" + UUID.randomUUID().toString().substring(0, 8);

    LargeTemplateInstantiationTest() {
        List<TemplateNode> roots = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            List<TemplateNode> children = new ArrayList<>();
            for (int c = 0; c < 7; c++) {
                List<TemplateNode> leaves = new ArrayList<>();
                for (int g = 0; g < 6; g++) {
                    leaves.add(new TemplateNode("Item " + r + "." + c + "." + g, null, Map.of("g", g), List.of()));
                }
                children.add(new TemplateNode("Group " + r + "." + c, null, null, leaves));
            }
            roots.add(new TemplateNode("Division " + r, "Division", null, children));
        }
        store.templates(new StoreMetrics()).put(new Template(templateId, 1, "Large", null, "TEST", null, roots,
                Instant.parse("2024-01-01T00:00:00Z"), null));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void twoHundredNodesInOneMutationWithBatchedWrites() {
        String org = "org-" + UUID.randomUUID();
        String parent = graphQL.run(editor(org), "mutation { createCategory(input: { name: \"Company\" }) { category { id } } }")
                .text("/data/createCategory/category/id");

        calls.count();
        Response response = graphQL.run(editor(org), MUTATION, Map.of("t", templateId, "p", parent));
        calls.disarm();

        assertEquals(0, response.at("/data/instantiateTemplate/userErrors").size(), response.json().toString());
        List<Category> all = InvariantChecker.all(store, org);
        assertEquals(201, all.stream().filter(Category::active).count());
        assertEquals(200, response.at("/data/instantiateTemplate/categories").size());
        Set<String> seen = new HashSet<>(Set.of(parent));
        response.at("/data/instantiateTemplate/categories").forEach(c -> {
            assertTrue(seen.contains(c.get("parentId").asText()), "parent listed before child: " + c);
            seen.add(c.get("id").asText());
        });
        assertEquals(3, response.at("/data/instantiateTemplate/categories/199/depth").asInt());
        long batchWrites = calls.operations().stream().filter("BatchWriteItem"::equals).count();
        assertEquals(1 + 2 + 7, batchWrites, "4 roots, 28 groups, 168 items in batches of at most 25: " + calls.operations().size() + " calls");
        assertEquals(List.of(), InvariantChecker.violations(all));
        Response tree = graphQL.run(editor(org), "{ categoryTree { name children { name children { name childCount } } } }");
        assertEquals(4, tree.at("/data/categoryTree/0/children").size());
        assertEquals(6, tree.at("/data/categoryTree/0/children/0/children/0/childCount").asInt());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aThousandNodesInstantiateWhenEveryCallIsSlow() {
        String large = "tpl-1000-" + UUID.randomUUID().toString().substring(0, 8);
        List<TemplateNode> roots = new ArrayList<>();
        for (int r = 0; r < 10; r++) {
            List<TemplateNode> children = new ArrayList<>();
            for (int c = 0; c < 9; c++) {
                List<TemplateNode> leaves = new ArrayList<>();
                for (int g = 0; g < 10; g++) {
                    leaves.add(new TemplateNode("Leaf " + r + "." + c + "." + g, null, null, List.of()));
                }
                children.add(new TemplateNode("Branch " + r + "." + c, null, null, leaves));
            }
            roots.add(new TemplateNode("Trunk " + r, null, null, children));
        }
        store.templates(new StoreMetrics()).put(new Template(large, 1, "Large", null, "TEST", null, roots,
                Instant.parse("2024-01-01T00:00:00Z"), null));
        String org = "org-" + UUID.randomUUID();
        String parent = graphQL.run(editor(org), "mutation { createCategory(input: { name: \"Company\" }) { category { id } } }")
                .text("/data/createCategory/category/id");

        calls.delayEveryCall(Duration.ofMillis(30));
        Response response;
        try {
            response = graphQL.run(editor(org), MUTATION, Map.of("t", large, "p", parent));
        } finally {
            calls.delayEveryCall(Duration.ZERO);
        }

        assertEquals(0, response.at("/data/instantiateTemplate/userErrors").size(), response.json().toString());
        assertEquals(1000, response.at("/data/instantiateTemplate/categories").size());
        List<Category> all = InvariantChecker.all(store, org);
        assertEquals(1001, all.stream().filter(Category::active).count());
        assertEquals(List.of(), InvariantChecker.violations(all));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void unprocessedItemsOfBatchWritesAreRetriedNeverDropped() {
        String org = "org-" + UUID.randomUUID();

        calls.halveNextBatchWrites(6);
        Response response = graphQL.run(editor(org), MUTATION, Map.of("t", templateId));

        assertEquals(6, calls.partialWrites());
        assertEquals(0, response.at("/data/instantiateTemplate/userErrors").size(), response.json().toString());
        List<Category> all = InvariantChecker.all(store, org);
        assertEquals(200, all.stream().filter(Category::active).count());
        assertEquals(List.of(), InvariantChecker.violations(all));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aClashingNameRefusesTheWholeTemplate() {
        String org = "org-" + UUID.randomUUID();
        graphQL.run(editor(org), "mutation { createCategory(input: { name: \"item 3.6.5\" }) { category { id } } }");
        graphQL.run(editor(org), "mutation { createCategory(input: { name: \"GROUP 0.0\" }) { category { id } } }");

        Response response = graphQL.run(editor(org), MUTATION, Map.of("t", templateId));

        assertEquals(0, response.at("/data/instantiateTemplate/categories").size());
        assertEquals(2, response.at("/data/instantiateTemplate/userErrors").size(), response.json().toString());
        assertEquals("CONFLICT", response.text("/data/instantiateTemplate/userErrors/0/code"));
        assertEquals("templateId", response.text("/data/instantiateTemplate/userErrors/0/field"));
        assertEquals("A category named \"Group 0.0\" already exists", response.text("/data/instantiateTemplate/userErrors/0/message"));
        assertEquals("A category named \"Item 3.6.5\" already exists", response.text("/data/instantiateTemplate/userErrors/1/message"));
        assertEquals(2, InvariantChecker.all(store, org).size());
    }
}
