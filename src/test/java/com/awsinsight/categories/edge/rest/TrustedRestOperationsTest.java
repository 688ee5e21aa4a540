package com.awsinsight.categories.edge.rest;

import com.awsinsight.categories.graphql.PersistedDocuments;
import com.awsinsight.categories.graphql.QueryLimits;
import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.GraphQLHarness;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The REST routes' fixed operations are trusted documents: the packaged manifest holds each of them exactly as
 * {@link RestOperation} composes it, and in trusted-documents mode a manifest without them stops the start.
 */
class TrustedRestOperationsTest {

    @Test
    void thePackagedManifestHoldsEveryRestOperation() {
        PersistedDocuments manifest = PersistedDocuments.fromClasspath(true);

        for (RestOperation operation : RestOperation.values()) {
            assertTrue(manifest.trusts(operation.document()), operation.operationName());
        }
    }

    @Test
    void aManifestWithoutThemRefusesToStart() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new RestRoutes(
                GraphQLHarness.engine(new InMemoryStore(), QueryLimits.DEFAULT), 1024, new PersistedDocuments(Map.of(), true)));

        assertEquals("The trusted-documents manifest lacks the REST operation RestListCategories", refused.getMessage());
    }
}
