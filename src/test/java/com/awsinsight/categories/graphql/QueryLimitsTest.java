package com.awsinsight.categories.graphql;

import com.awsinsight.categories.demo.DemoData;
import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import com.awsinsight.categories.testing.GraphQLHarness;
import org.junit.jupiter.api.Test;

import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each query limit refuses with BAD_USER_INPUT before any store call, and ordinary dashboards pass. */
class QueryLimitsTest {
    private static final InMemoryStore STORE = demoStore();

    @Test
    void theWholeTreeExampleOfThePlaygroundIsWithinTheLimits() {
        Response response = run(QueryLimits.DEFAULT, nestedTree(5, 5, "id name depth childCount isActive"));

        assertTrue(response.json().path("errors").isMissingNode(), response.at("/errors").toString());
        assertEquals("Infrastructure Costs", response.text("/data/categoryTree/1/name"));
    }

    @Test
    void deepTreesCostTheLevelsThatMaxDepthLetsThrough() {
        String twelveLevels = nestedTree(12, 12, "id name");
        String twelveLevelsCappedAtThree = nestedTree(3, 12, "id name");

        Response refused = run(QueryLimits.DEFAULT, twelveLevels);
        Response allowed = run(QueryLimits.DEFAULT, twelveLevelsCappedAtThree);

        assertRefused(refused, "Query cost ");
        assertTrue(refused.text("/errors/0/message").endsWith(" exceeds the limit of 1000000"), refused.text("/errors/0/message"));
        assertTrue(allowed.json().path("errors").isMissingNode(), allowed.at("/errors").toString());
    }

    @Test
    void pageSizesMultiplyWhatIsSelectedBelowThem() {
        String query = "{ categories(first: %d) { edges { node { ancestors { children { children { children { children { id name path } } } } } } } } }";

        assertRefused(run(QueryLimits.DEFAULT, query.formatted(100)), "Query cost ");
        assertTrue(run(QueryLimits.DEFAULT, query.formatted(2)).json().path("errors").isMissingNode());
    }

    @Test
    void pathsCountTheNamesTheyJoin() {
        String paths = java.util.stream.IntStream.range(0, 40).mapToObj(i -> "p" + i + ": path")
                .collect(java.util.stream.Collectors.joining(" "));

        assertRefused(run(QueryLimits.DEFAULT, "{ categories(first: 100) { edges { node { ancestors { " + paths + " } } } } }"),
                "Query cost ");
        assertTrue(run(QueryLimits.DEFAULT, "{ categories(first: 100) { edges { node { path ancestors { path } } } } }")
                .json().path("errors").isMissingNode());
    }

    @Test
    void oneDocumentRunAgainCostsWhatItsVariablesAskEachTime() {
        GraphQLHarness engine = new GraphQLHarness(STORE, true, QueryLimits.DEFAULT);
        String query = "query($first: Int!, $deep: Boolean!) { categories(first: $first) { edges { node { id "
                + "ancestors @include(if: $deep) { children { children { children { children { id name path } } } } } } } } }";

        Response small = engine.run(editor(DemoData.ORGANIZATION), query, java.util.Map.of("first", 2, "deep", true));
        Response large = engine.run(editor(DemoData.ORGANIZATION), query, java.util.Map.of("first", 100, "deep", true));
        Response smallAgain = engine.run(editor(DemoData.ORGANIZATION), query, java.util.Map.of("first", 2, "deep", true));
        Response largeShallow = engine.run(editor(DemoData.ORGANIZATION), query, java.util.Map.of("first", 100, "deep", false));
        Response largeAgain = engine.run(editor(DemoData.ORGANIZATION), query, java.util.Map.of("first", 100, "deep", true));

        assertTrue(small.json().path("errors").isMissingNode(), small.at("/errors").toString());
        assertRefused(large, "Query cost ");
        assertEquals(small.json().at("/extensions/cost"), smallAgain.json().at("/extensions/cost"));
        assertTrue(largeShallow.json().path("errors").isMissingNode(), largeShallow.at("/errors").toString());
        assertTrue(largeShallow.json().at("/extensions/cost/requested").asInt() < large.json().at("/extensions/cost/requested").asInt());
        assertRefused(largeAgain, "Query cost ");
        assertEquals(large.json().at("/extensions/cost"), largeAgain.json().at("/extensions/cost"));
    }

    @Test
    void costsBeyondTheIntegerRangeAreRefusedNotWrappedAround() {
        String huge = "categories(first: 100) { edges { node { ancestors { ancestors { ancestors { ancestors { ancestors "
                + "{ ancestors { ancestors { name } } } } } } } } } }";

        for (int aliases = 1; aliases <= 4; aliases++) {
            StringBuilder query = new StringBuilder("{ ");
            for (int i = 0; i < aliases; i++) {
                query.append("a").append(i).append(": ").append(huge).append(' ');
            }
            assertRefused(run(QueryLimits.DEFAULT, query.append('}').toString()), "Query cost ");
        }
    }

    @Test
    void nestingDeeperThanTheDepthLimitIsRefused() {
        QueryLimits limits = new QueryLimits(5, 500, 1_000_000, true);

        assertRefused(run(limits, "{ categoryTree { children { children { children { children { children { name } } } } } } }"),
                "");
    }

    @Test
    void moreFieldsThanTheFieldLimitIsRefused() {
        QueryLimits limits = new QueryLimits(30, 10, 1_000_000, true);
        String fields = "a: __typename b: __typename c: __typename d: __typename e: __typename f: __typename";

        assertRefused(run(limits, "{ " + fields + " categoryTree { id name " + fields + " } }"), "");
    }

    @Test
    void parserLimitsRefuseTokenBombsBeforeValidation() {
        String aliases = java.util.stream.IntStream.range(0, 6000)
                .mapToObj(i -> "a" + i + ": __typename").collect(java.util.stream.Collectors.joining(" "));

        Response response = run(QueryLimits.DEFAULT, "{ " + aliases + " }");

        assertRefused(response, "");
        assertTrue(response.text("/errors/0/message").startsWith("More than 15,000 'grammar' tokens"), response.text("/errors/0/message"));
    }

    @Test
    void introspectionCanBeSwitchedOff() {
        QueryLimits off = new QueryLimits(30, 500, 1_000_000, false);

        Response refused = run(off, "{ __schema { queryType { name } } }");
        Response allowed = run(QueryLimits.DEFAULT, "{ __schema { queryType { name } } }");

        assertEquals("BAD_USER_INPUT", refused.errorCode());
        assertTrue(refused.text("/errors/0/message").contains("Introspection"), refused.at("/errors").toString());
        assertEquals("Query", allowed.text("/data/__schema/queryType/name"));
    }

    private static void assertRefused(Response response, String messagePrefix) {
        assertEquals("BAD_USER_INPUT", response.errorCode(), response.at("/errors").toString());
        assertTrue(response.text("/errors/0/message").startsWith(messagePrefix), response.text("/errors/0/message"));
        assertTrue(response.json().path("data").isMissingNode() || response.json().path("data").isNull());
        assertEquals(0, response.metrics().calls(), "a refused query must not reach the store");
    }

    private static Response run(QueryLimits limits, String query) {
        return new GraphQLHarness(STORE, true, limits).run(editor(DemoData.ORGANIZATION), query);
    }

    private static String nestedTree(int maxDepth, int levels, String fields) {
        String body = fields;
        for (int level = 0; level < levels; level++) {
            body = fields + " children { " + body + " }";
        }
        return "{ categoryTree(maxDepth: " + maxDepth + ") { " + body + " } }";
    }

    private static InMemoryStore demoStore() {
        InMemoryStore store = new InMemoryStore();
        DemoData.load(store);
        return store;
    }
}
