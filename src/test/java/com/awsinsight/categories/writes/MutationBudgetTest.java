package com.awsinsight.categories.writes;

import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Role;
import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One request runs a bounded amount of writes: at most 10 root mutation fields (refused as a whole, before any
 * write, when it asks for more) and at most 1,000 categories created from templates (an instantiation that
 * would go past it is refused before any of its own writes).
 */
class MutationBudgetTest {
    private final InMemoryStore store = new InMemoryStore();
    private final GraphQLHarness graphQL = new GraphQLHarness(store);
    private final String org = "org-" + UUID.randomUUID();

    @Test
    void moreThanTenMutationsInOneRequestAreRefusedBeforeAnyWrite() {
        Response refused = graphQL.run(editor(org), "mutation { " + creates(11, "Refused") + " }");

        assertEquals("BAD_USER_INPUT", refused.errorCode(), refused.json().toString());
        assertEquals("A request may run at most 10 mutations; this one asks for 11", refused.text("/errors/0/message"));
        assertTrue(refused.json().path("data").isMissingNode() || refused.json().path("data").isNull());
        assertEquals(0, refused.metrics().calls(), "a refused request must not reach the store");
        assertEquals(0, names().size());
    }

    @Test
    void mutationsBehindFragmentsCountToo() {
        Response refused = graphQL.run(editor(org), "mutation { ...Many } fragment Many on Mutation { " + creates(11, "Hidden") + " }");

        assertEquals("BAD_USER_INPUT", refused.errorCode(), refused.json().toString());
        assertEquals(0, names().size());
    }

    @Test
    void tenMutationsRun() {
        Response response = graphQL.run(editor(org), "mutation { " + creates(10, "Allowed") + " }");

        assertTrue(response.json().path("errors").isMissingNode(), response.json().toString());
        assertEquals(10, names().size());
    }

    @Test
    void templateInstantiationsStopAtOneThousandCategoriesPerRequest() {
        String first = saveTemplate("First", 600);
        String second = saveTemplate("Second", 600);

        Response response = graphQL.run(editor(org), "mutation($a: ID!, $b: ID!) { "
                + "a: instantiateTemplate(templateId: $a) { categories { id } userErrors { code field message } } "
                + "b: instantiateTemplate(templateId: $b) { categories { id } userErrors { code field message } } }",
                Map.of("a", first, "b", second));

        assertEquals(600, response.at("/data/a/categories").size(), response.at("/data/a/userErrors").toString());
        assertEquals(0, response.at("/data/b/categories").size());
        assertEquals("BAD_USER_INPUT", response.text("/data/b/userErrors/0/code"));
        assertEquals("templateId", response.text("/data/b/userErrors/0/field"));
        assertEquals("A request may create at most 1000 categories from templates; this template has 600 and 400 are left",
                response.text("/data/b/userErrors/0/message"));
        assertEquals(600, countAll());
    }

    private String saveTemplate(String prefix, int nodes) {
        List<Map<String, Object>> roots = new ArrayList<>();
        int perRoot = 30;
        for (int r = 0; r < nodes / perRoot; r++) {
            int root = r;
            List<Map<String, Object>> children = IntStream.range(1, perRoot)
                    .mapToObj(c -> Map.<String, Object>of("name", prefix + " " + root + "." + c)).toList();
            roots.add(Map.of("name", prefix + " " + root, "children", children));
        }
        Caller admin = new Caller(org, "admin", Role.ADMIN);
        Response saved = graphQL.run(admin, "mutation($input: SaveTemplateInput!) { saveTemplate(input: $input) "
                + "{ template { id nodeCount } userErrors { message } } }",
                Map.of("input", Map.of("name", prefix, "templateType", "TEST", "categories", roots)));
        assertEquals(nodes, saved.at("/data/saveTemplate/template/nodeCount").asInt(), saved.json().toString());
        return saved.text("/data/saveTemplate/template/id");
    }

    private static String creates(int count, String prefix) {
        return IntStream.range(0, count)
                .mapToObj(i -> "c" + i + ": createCategory(input: { name: \"" + prefix + " " + i + "\" }) { category { id } }")
                .collect(Collectors.joining(" "));
    }

    private List<String> names() {
        Response all = graphQL.run(editor(org), "{ categories(first: 100, filter: { includeInactive: true }) { edges { node { name } } } }");
        return all.json().findValuesAsText("name");
    }

    private int countAll() {
        return store.categories(org, new com.awsinsight.categories.domain.ports.StoreMetrics()).findAll().size();
    }
}
