package com.awsinsight.categories.tenancy;

import com.awsinsight.categories.demo.DemoData;
import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Role;
import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import com.awsinsight.categories.testing.GraphQLHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every mutation tried by every role: viewers read only, editors also write categories (instantiating
 * a template is a category write), admins also save templates. A refusal is a top-level FORBIDDEN that
 * writes nothing; an allowed call never is.
 */
class RolesTest {
    private static final String PARENT = DemoData.idOf(DemoData.ORGANIZATION, "Compute");
    private static final String LEAF = DemoData.idOf(DemoData.ORGANIZATION, "EC2 · Staging");

    @ParameterizedTest(name = "{0} by {1}")
    @CsvSource(delimiter = '|', textBlock = """
            createCategory      | viewer | false
            createCategory      | editor | true
            createCategory      | admin  | true
            updateCategory      | viewer | false
            updateCategory      | editor | true
            updateCategory      | admin  | true
            moveCategory        | viewer | false
            moveCategory        | editor | true
            moveCategory        | admin  | true
            deleteCategory      | viewer | false
            deleteCategory      | editor | true
            deleteCategory      | admin  | true
            restoreCategory     | viewer | false
            restoreCategory     | editor | true
            restoreCategory     | admin  | true
            instantiateTemplate | viewer | false
            instantiateTemplate | editor | true
            instantiateTemplate | admin  | true
            saveTemplate        | viewer | false
            saveTemplate        | editor | false
            saveTemplate        | admin  | true
            """)
    void eachMutationByEachRole(String mutation, String role, boolean allowed) {
        InMemoryStore store = new InMemoryStore();
        DemoData.load(store);
        GraphQLHarness graphQL = new GraphQLHarness(store);
        Caller caller = new Caller(DemoData.ORGANIZATION, "user-" + role, Role.fromClaim(role).orElseThrow());
        String before = snapshot(graphQL);

        Response response = graphQL.run(caller, MUTATIONS.get(mutation));

        if (allowed) {
            assertNotEquals("FORBIDDEN", response.errorCode(), response.at("/errors").toString());
            assertTrue(response.json().path("errors").isMissingNode(), response.at("/errors").toString());
            assertTrue(response.json().findValues("userErrors").stream().allMatch(e -> e.isEmpty()),
                    response.json().toString());
        } else {
            assertEquals("FORBIDDEN", response.errorCode());
            assertEquals(before, snapshot(graphQL), "a refused mutation must write nothing");
        }
    }

    private static final Map<String, String> MUTATIONS = Map.of(
            "createCategory", "mutation { createCategory(input: { name: \"Role test " + UUID.randomUUID() + "\" }) { category { id } userErrors { message } } }",
            "updateCategory", "mutation { updateCategory(id: \"" + LEAF + "\", input: { description: \"changed\" }) { category { id } userErrors { message } } }",
            "moveCategory", "mutation { moveCategory(id: \"" + LEAF + "\", newParentId: \"" + PARENT + "\") { category { id } userErrors { message } } }",
            "deleteCategory", "mutation { deleteCategory(id: \"" + LEAF + "\") { category { id } userErrors { message } } }",
            "restoreCategory", "mutation { restoreCategory(id: \"" + LEAF + "\") { category { id } userErrors { message } } }",
            "instantiateTemplate", "mutation { instantiateTemplate(templateId: \"tpl-team\") { categories { id } userErrors { message } } }",
            "saveTemplate", "mutation { saveTemplate(input: { name: \"Roles\", templateType: \"T\", categories: [{ name: \"A\" }] }) "
                    + "{ template { id } userErrors { message } } }");

    private static String snapshot(GraphQLHarness graphQL) {
        Caller reader = new Caller(DemoData.ORGANIZATION, "reader", Role.VIEWER);
        return graphQL.run(reader, "{ categories(first: 100, filter: { includeInactive: true }) { edges { node { id name parentId isActive version } } } "
                + "templates(first: 100) { edges { node { id version } } } }").json().toString();
    }
}
