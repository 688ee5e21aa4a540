package com.awsinsight.categories.graphql;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.model.Template;
import com.awsinsight.categories.domain.model.TemplateNode;
import com.awsinsight.categories.domain.ports.TemplateRepository;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import com.awsinsight.categories.testing.NodeService;
import com.awsinsight.categories.testing.TreeFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.awsinsight.categories.testing.Categories.category;
import static com.awsinsight.categories.testing.GraphQLHarness.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Listings whose filter discards items cost what they return, not what they skip, asserted as DynamoDB call
 * and item counts on dynalite: a page of templates never reads other organizations' private templates (415
 * templates, 400 of them private to 20 other organizations), and many filtered category listings in one
 * request (a name filter that matches nothing, a page of active categories among hundreds of inactive ones)
 * read the organization at most once.
 */
@Tag("dynalite")
@Tag("node")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListingBudgetTest {
    private static final String READER = "reader-org";
    private static final String FILTERED = "filtered-org";
    private static final String INACTIVE = "inactive-org";
    private static final int SIZE = 2000;
    private static final Instant AT = Instant.parse("2024-01-01T00:00:00Z");

    private DynamoStore store;
    private GraphQLHarness graphQL;
    private final Set<String> visibleToReader = new HashSet<>();

    @BeforeAll
    void seed() {
        store = Dynalite.get().newStore();
        graphQL = new GraphQLHarness(store);
        TemplateRepository templates = store.templates(new StoreMetrics());
        for (int i = 0; i < 14; i++) {
            templates.put(template("tpl-shared-" + i, i % 2 == 0 ? "COST" : "BUDGET", null));
            visibleToReader.add("tpl-shared-" + i);
        }
        for (int org = 0; org < 20; org++) {
            for (int j = 0; j < 20; j++) {
                templates.put(template("tpl-tenant-" + org + "-" + j, j % 2 == 0 ? "COST" : "BUDGET", "tenant-" + org));
            }
        }
        templates.put(template("tpl-own-cost", "COST", READER));
        templates.put(template("tpl-own-budget", "BUDGET", READER));
        visibleToReader.addAll(List.of("tpl-own-cost", "tpl-own-budget"));
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("templateId", "tpl-node-service");
        written.put("version", 1);
        written.put("templateType", "COST");
        written.put("name", "Written by the Node service");
        written.put("categories", List.of(Map.of("name", "Node root", "children", List.of())));
        NodeService.load(store.templatesTable(), List.of(written));
        visibleToReader.add("tpl-node-service");

        List<Category> filtered = TreeFixtures.tree(FILTERED, SIZE, 5);
        store.categories(FILTERED, new StoreMetrics()).insertAll(filtered);
        store.coordination(FILTERED, new StoreMetrics()).markIndexed(AT);
        List<Category> mostlyInactive = IntStream.range(0, 505)
                .mapToObj(i -> category(INACTIVE, String.format("cat-%04d", i)).named(String.format("Name %04d", i)).at(AT)
                        .active(i % 101 == 0).build())
                .toList();
        store.categories(INACTIVE, new StoreMetrics()).insertAll(mostlyInactive);
        store.coordination(INACTIVE, new StoreMetrics()).markIndexed(AT);
    }

    @Test
    void aPageOfTemplatesReadsWhatItReturns() {
        Response page = graphQL.run(viewer(READER), "{ templates(first: 1) { edges { node { id } } pageInfo { hasNextPage } } }");
        Response byType = graphQL.run(viewer(READER), "{ templates(first: 1, type: \"BUDGET\") { edges { node { id } } } }");

        assertEquals(1, page.at("/data/templates/edges").size(), page.json().toString());
        assertTrue(page.at("/data/templates/pageInfo/hasNextPage").asBoolean());
        assertTrue(page.metrics().calls() <= 2, "calls " + page.metrics().calls());
        assertTrue(page.metrics().itemsRead() <= 4, "items read " + page.metrics().itemsRead());
        assertEquals(1, byType.at("/data/templates/edges").size(), byType.json().toString());
        assertTrue(byType.metrics().calls() <= 2, "calls " + byType.metrics().calls());
        assertTrue(byType.metrics().itemsRead() <= 4, "items read " + byType.metrics().itemsRead());
    }

    @Test
    void tenAliasedPagesOfTemplatesReadTenPages() {
        String aliases = IntStream.range(0, 10).mapToObj(i -> "t" + i + ": templates(first: 1) { edges { node { id } } }")
                .collect(Collectors.joining(" "));

        Response response = graphQL.run(viewer(READER), "{ " + aliases + " }");

        assertTrue(response.json().path("errors").isMissingNode(), response.at("/errors").toString());
        assertTrue(response.metrics().calls() <= 20, "calls " + response.metrics().calls());
        assertTrue(response.metrics().itemsRead() <= 40, "items read " + response.metrics().itemsRead());
    }

    @Test
    void pagingThroughTemplatesShowsSharedOnesAndTheCallersOwnOnly() {
        assertEquals(visibleToReader, pageThrough(null));
        assertEquals(visibleToReader.stream().filter(id -> !id.contains("budget") && !isOddShared(id)).collect(Collectors.toSet()),
                pageThrough("COST"));
        Set<String> tenantCost = new HashSet<>(Set.of("tpl-node-service"));
        IntStream.range(0, 14).filter(i -> i % 2 == 0).forEach(i -> tenantCost.add("tpl-shared-" + i));
        IntStream.range(0, 20).filter(j -> j % 2 == 0).forEach(j -> tenantCost.add("tpl-tenant-3-" + j));
        assertEquals(tenantCost, pageThrough("COST", "tenant-3"));
    }

    @Test
    void pagesOfLargeTemplatesStopAtAMegabyteSoThatTheyFitAResponse() {
        String owner = "large-templates-org";
        TemplateRepository templates = store.templates(new StoreMetrics());
        Set<String> own = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            List<TemplateNode> nodes = IntStream.range(0, 230)
                    .mapToObj(n -> new TemplateNode("Node " + n, "d".repeat(1000), null, List.of())).toList();
            templates.put(new Template("tpl-large-" + i, 1, "Large " + i, null, "LARGE", owner, nodes, AT, null));
            own.add("tpl-large-" + i);
        }
        Set<String> seen = new HashSet<>();
        String after = null;
        int pages = 0;
        do {
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("after", after);
            Response page = graphQL.run(viewer(owner), "query($after: String) { templates(first: 100, type: \"LARGE\", after: $after) "
                    + "{ edges { node { templateId categories { name description } } } pageInfo { hasNextPage endCursor } } }", variables);
            assertTrue(page.json().path("errors").isMissingNode(), page.at("/errors").toString());
            assertTrue(page.json().toString().length() < 1_300_000, "page of " + page.json().toString().length() + " characters");
            page.at("/data/templates/edges").forEach(e -> seen.add(e.at("/node/templateId").asText()));
            after = page.at("/data/templates/pageInfo/hasNextPage").asBoolean() ? page.text("/data/templates/pageInfo/endCursor") : null;
            pages++;
        } while (after != null && pages < 50);

        assertEquals(own, seen);
        assertTrue(pages >= 5, pages + " pages");
    }

    @Test
    void oneHundredNameFiltersThatMatchNothingReadTheOrganizationOnce() {
        String aliases = IntStream.range(0, 100)
                .mapToObj(i -> "n" + i + ": categories(first: 1, filter: { nameContains: \"no such name\" }) { edges { cursor } }")
                .collect(Collectors.joining(" "));

        Response response = graphQL.run(viewer(FILTERED), "{ " + aliases + " }");

        assertTrue(response.json().path("errors").isMissingNode(), response.at("/errors").toString());
        assertEquals(0, response.json().findValues("cursor").size());
        int pages = Dynalite.get().organizationPages(store, FILTERED);
        assertTrue(response.metrics().calls() <= pages + 3, "calls " + response.metrics().calls() + " for " + pages + " pages");
        assertTrue(response.metrics().itemsRead() <= SIZE + 300, "items read " + response.metrics().itemsRead());
    }

    @Test
    void pagesOfActiveCategoriesAmongManyInactiveOnesReadTheOrganizationOnce() {
        String aliases = IntStream.range(0, 50)
                .mapToObj(i -> "a" + i + ": categories(first: 10) { edges { node { name } } }")
                .collect(Collectors.joining(" "));

        Response response = graphQL.run(viewer(INACTIVE), "{ " + aliases + " }");

        assertEquals(5, response.at("/data/a0/edges").size(), response.json().toString());
        assertEquals("Name 0000", response.text("/data/a49/edges/0/node/name"));
        int pages = Dynalite.get().organizationPages(store, INACTIVE);
        assertTrue(response.metrics().calls() <= pages + 3, "calls " + response.metrics().calls() + " for " + pages + " pages");
        assertTrue(response.metrics().itemsRead() <= 505 + 300, "items read " + response.metrics().itemsRead());
    }

    private Set<String> pageThrough(String type) {
        return pageThrough(type, READER);
    }

    private Set<String> pageThrough(String type, String organization) {
        Set<String> seen = new HashSet<>();
        String after = null;
        int pages = 0;
        do {
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("type", type);
            variables.put("after", after);
            Response page = graphQL.run(viewer(organization), "query($type: String, $after: String) { templates(first: 4, type: $type, "
                    + "after: $after) { edges { node { templateId } } pageInfo { hasNextPage endCursor } } }", variables);
            page.at("/data/templates/edges").forEach(e -> assertTrue(seen.add(e.at("/node/templateId").asText()), page.json().toString()));
            assertTrue(page.metrics().itemsRead() <= 12, "items read " + page.metrics().itemsRead());
            after = page.at("/data/templates/pageInfo/hasNextPage").asBoolean() ? page.text("/data/templates/pageInfo/endCursor") : null;
            pages++;
        } while (after != null && pages < 100);
        return seen;
    }

    private static boolean isOddShared(String id) {
        return id.startsWith("tpl-shared-") && Integer.parseInt(id.substring("tpl-shared-".length())) % 2 == 1;
    }

    private static Template template(String id, String type, String organizationId) {
        List<TemplateNode> nodes = new ArrayList<>();
        nodes.add(new TemplateNode("Root of " + id, null, null, List.of(new TemplateNode("Child of " + id, null, null, List.of()))));
        return new Template(id, 1, "Template " + id, null, type, organizationId, nodes, AT, null);
    }
}
