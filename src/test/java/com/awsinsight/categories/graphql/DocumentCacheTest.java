package com.awsinsight.categories.graphql;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The parsed-document cache is bounded by the size of the documents it holds, not only by their number: large
 * documents push older ones out, so distinct large queries cannot fill the heap with parsed documents.
 */
class DocumentCacheTest {
    private final AtomicInteger parses = new AtomicInteger();
    private final Function<ExecutionInput, PreparsedDocumentEntry> parse = input -> {
        parses.incrementAndGet();
        return new PreparsedDocumentEntry(Document.newDocument().build());
    };

    @Test
    void smallDocumentsStayCached() {
        DocumentCache cache = new DocumentCache(500);

        cache.getDocumentAsync(input("{ categoryTree { name } }"), parse);
        for (int i = 0; i < 100; i++) {
            cache.getDocumentAsync(input("{ a" + i + ": categoryTree { name } }"), parse);
        }
        cache.getDocumentAsync(input("{ categoryTree { name } }"), parse);

        assertEquals(101, parses.get());
    }

    @Test
    void largeDocumentsPushOlderOnesOutLongBeforeTheCountLimit() {
        DocumentCache cache = new DocumentCache(500);
        String first = large(0);

        cache.getDocumentAsync(input(first), parse);
        for (int i = 1; i <= 30; i++) {
            cache.getDocumentAsync(input(large(i)), parse);
        }
        cache.getDocumentAsync(input(first), parse);

        assertEquals(32, parses.get(), "the first large document should have been evicted");
    }

    private static String large(int i) {
        return "{ a" + i + ": categoryTree { name } }" + " ".repeat(90_000);
    }

    private static ExecutionInput input(String query) {
        return ExecutionInput.newExecutionInput(query).build();
    }
}
