package com.awsinsight.categories.testing;

import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.CategoryRules;
import com.awsinsight.categories.domain.model.Utf8Order;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A dashboard that keeps its own copy of an organization through delta sync ({@code categoryChanges}): it
 * applies every batch by replacing its copy of each category by id, exactly as the API tells clients to, and
 * builds its tree from the active categories it holds. {@link #freshTree} is what a fresh read of the tree returns
 * (the roots of {@code categoryTree} and every category's {@code children}, as the server orders them), in the
 * same shape, so tests compare the two.
 */
public final class SyncClient {
    private static final String FIELDS = "id name version";
    private static final String CHANGES = "query($since: String, $first: Int) { categoryChanges(since: $since, first: $first) "
            + "{ categories { id name parentId isActive version } syncToken hasMore } }";
    private static final String ROOTS = "{ categoryTree(maxDepth: 0) { " + FIELDS + " } }";
    private static final String CHILDREN = "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Category { id children { "
            + FIELDS + " } } } }";

    private final GraphQLHarness graphQL;
    private final Caller caller;
    private final int pageSize;
    private final Map<String, JsonNode> copy = new HashMap<>();
    private String token;
    private int received;

    public SyncClient(GraphQLHarness graphQL, Caller caller, int pageSize) {
        this.graphQL = graphQL;
        this.caller = caller;
        this.pageSize = pageSize;
    }

    /** Calls categoryChanges with its token until hasMore is false, applying each batch; returns the batches. */
    public List<JsonNode> sync() {
        List<JsonNode> batches = new ArrayList<>();
        boolean more;
        do {
            JsonNode batch = poll();
            batches.add(batch);
            more = batch.path("hasMore").asBoolean();
        } while (more);
        return batches;
    }

    /** One call of categoryChanges with the current token; its categories are applied and its token kept. */
    public JsonNode poll() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("since", token);
        variables.put("first", pageSize);
        Response response = graphQL.run(caller, CHANGES, variables);
        if (!response.json().path("errors").isMissingNode()) {
            throw new AssertionError("categoryChanges failed: " + response.json());
        }
        JsonNode batch = response.at("/data/categoryChanges");
        batch.path("categories").forEach(c -> copy.put(c.get("id").asText(), c));
        received += batch.path("categories").size();
        token = batch.get("syncToken").asText();
        return batch;
    }

    public String token() {
        return token;
    }

    /** How many categories every call so far returned together (a category can come more than once). */
    public int received() {
        return received;
    }

    /** The client's copy of one category, or null. */
    public JsonNode category(String id) {
        return copy.get(id);
    }

    /** The tree of the active categories the client holds: roots and children in name order, as categoryTree. */
    public JsonNode tree() {
        Map<String, List<JsonNode>> children = new HashMap<>();
        copy.values().stream().filter(c -> c.get("isActive").asBoolean())
                .forEach(c -> children.computeIfAbsent(c.path("parentId").isNull() ? null : c.get("parentId").asText(),
                        k -> new ArrayList<>()).add(c));
        return nodes(children, null);
    }

    /**
     * What a fresh read of the organization's tree returns, every level, in the shape of {@link #tree()}: the roots
     * of {@code categoryTree}, then each level's children as the server lists them ({@code nodes(ids:)} of up to
     * 100 parents a request, so any depth fits the query cost limit).
     */
    public static JsonNode freshTree(GraphQLHarness graphQL, Caller caller) {
        JsonNode roots = checked(graphQL.run(caller, ROOTS)).at("/data/categoryTree");
        ArrayNode tree = Json.MAPPER.createArrayNode();
        List<ObjectNode> level = new ArrayList<>();
        roots.forEach(root -> level.add(node(tree.addObject(), root)));
        while (!level.isEmpty()) {
            List<ObjectNode> next = new ArrayList<>();
            for (int start = 0; start < level.size(); start += 100) {
                List<ObjectNode> batch = level.subList(start, Math.min(level.size(), start + 100));
                List<String> ids = batch.stream().map(n -> n.get("id").asText()).toList();
                JsonNode found = checked(graphQL.run(caller, CHILDREN, Map.of("ids", ids))).at("/data/nodes");
                for (int i = 0; i < batch.size(); i++) {
                    ArrayNode children = batch.get(i).putArray("children");
                    found.get(i).get("children").forEach(child -> next.add(node(children.addObject(), child)));
                }
            }
            level.clear();
            level.addAll(next);
        }
        return tree;
    }

    /** A harness over the same store (the default limits: the fresh tree is read level by level). */
    public static GraphQLHarness freshReader(com.awsinsight.categories.domain.ports.Store store) {
        return new GraphQLHarness(store);
    }

    private static ObjectNode node(ObjectNode node, JsonNode category) {
        node.set("id", category.get("id"));
        node.set("name", category.get("name"));
        node.set("version", category.get("version"));
        return node;
    }

    private static GraphQLHarness.Response checked(GraphQLHarness.Response response) {
        if (!response.json().path("errors").isMissingNode()) {
            throw new AssertionError("fresh read failed: " + response.json());
        }
        return response;
    }

    private static ArrayNode nodes(Map<String, List<JsonNode>> children, String parentId) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        List<JsonNode> sorted = new ArrayList<>(children.getOrDefault(parentId, List.of()));
        sorted.sort(Comparator.comparing((JsonNode c) -> CategoryRules.nameKey(c.get("name").asText()), Utf8Order.INSTANCE)
                .thenComparing(c -> c.get("id").asText(), Utf8Order.INSTANCE));
        for (JsonNode category : sorted) {
            ObjectNode node = array.addObject();
            node.set("id", category.get("id"));
            node.set("name", category.get("name"));
            node.set("version", category.get("version"));
            node.set("children", nodes(children, category.get("id").asText()));
        }
        return array;
    }
}
