package com.awsinsight.categories.contract;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.StoredForm;
import com.awsinsight.categories.domain.model.StoredForm.Attribute;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.NodeService;
import com.awsinsight.categories.testing.StoresUnderTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static com.awsinsight.categories.testing.NodeDocuments.nodeDocument;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded store behaves as DynamoDB on the Node service's items of unusual shape: the same documents after a
 * read, an update and a move with a rename (on DynamoDB the items are written by the Node service's own document
 * client; the embedded store holds the categories they read as).
 */
class NodeDocumentsOnBothStoresTest {
    private static final Instant CREATED = Instant.parse("2023-03-01T08:00:11Z");

    @ParameterizedTest
    @MethodSource("com.awsinsight.categories.testing.StoresUnderTest#everyStore")
    void readsAndWritesLeaveTheStoredFormAlone(StoresUnderTest.Kind kind) {
        String org = "node-" + UUID.randomUUID();
        Store store = kind.newStore();
        write(store, org);
        GraphQLHarness graphQL = new GraphQLHarness(store);
        String document = "query($id: ID!) { category(id: $id) { restDocument } }";

        JsonNode read = graphQL.run(editor(org), document, Map.of("id", "legacy-storage")).at("/data/category/restDocument");
        JsonNode updated = graphQL.run(editor(org), "mutation { updateCategory(id: \"legacy-storage\", input: { description: \"Disks\" }) "
                + "{ category { restDocument } } }").at("/data/updateCategory/category/restDocument");
        JsonNode moved = graphQL.run(editor(org), "mutation { moveCategory(id: \"legacy-storage\", newParentId: null, "
                + "changes: { name: \"Storage root\" }) { category { restDocument version } userErrors { message } } }").at("/data/moveCategory/category");

        assertEquals("2023-03-01T08:00:11+00:00", read.get("createdAt").asText());
        assertFalse(read.has("updatedAt") || read.has("metadata"), read.toString());
        assertEquals("Disks", updated.get("description").asText());
        assertEquals("2023-03-01T08:00:11+00:00", updated.get("createdAt").asText());
        assertFalse(updated.has("metadata"), updated.toString());
        assertTrue(updated.get("updatedAt").asText().endsWith("Z"));
        assertEquals("Storage root", moved.at("/restDocument/categoryName").asText(), moved.toString());
        assertTrue(moved.at("/restDocument/parentCategoryId").isNull());
        assertEquals(2, moved.get("version").asInt());
        assertFalse(moved.get("restDocument").has("metadata"));
    }

    private static void write(Store store, String org) {
        Map<String, Object> compute = nodeDocument(org, "legacy-compute", "Compute").with("parentCategoryId", null)
                .at("2023-03-01T08:00:00.000Z").with("createdBy", "user-xyz789").build();
        Map<String, Object> storage = nodeDocument(org, "legacy-storage", "Storage").with("description", null)
                .with("parentCategoryId", "legacy-compute").with("createdAt", "2023-03-01T08:00:11+00:00")
                .with("createdBy", "user-xyz789").build();
        if (store instanceof DynamoStore dynamo) {
            NodeService.putDocuments(dynamo.categoriesTable(), List.of(compute, storage));
            return;
        }
        InMemoryStore memory = (InMemoryStore) store;
        memory.insertUnindexed(new Category(org, "legacy-compute", "Compute", null, null, null, CREATED.minusSeconds(11),
                CREATED.minusSeconds(11), "user-xyz789", null, true, 0, new StoredForm(EnumSet.of(Attribute.DESCRIPTION,
                Attribute.METADATA), Map.of())));
        memory.insertUnindexed(new Category(org, "legacy-storage", "Storage", null, "legacy-compute", null, CREATED, CREATED,
                "user-xyz789", null, true, 0, new StoredForm(EnumSet.of(Attribute.METADATA, Attribute.UPDATED_AT),
                Map.of(Attribute.CREATED_AT, "2023-03-01T08:00:11+00:00"))));
    }
}
