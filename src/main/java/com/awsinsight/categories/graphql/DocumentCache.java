package com.awsinsight.categories.graphql;

import graphql.ExecutionInput;
import graphql.language.Document;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.parser.Parser;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Caches parsed and validated documents by query text (least recently used first out), so the
 * dashboards' repeated queries and the REST routes' fixed operations skip parsing and validation. It holds at
 * most {@code capacity} documents and {@value #MAX_CHARACTERS} characters of query text in all, so distinct large
 * queries push older ones out instead of filling the heap with parsed documents (a parsed document takes many
 * times its text).
 */
final class DocumentCache implements PreparsedDocumentProvider {
    /** Query text the cache holds at most, over all its documents. */
    static final long MAX_CHARACTERS = 1_000_000;

    private final int capacity;
    private final Map<String, PreparsedDocumentEntry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long characters;

    DocumentCache(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                                                                      Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        PreparsedDocumentEntry cached = get(input.getQuery());
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        PreparsedDocumentEntry entry = parseAndValidate.apply(input);
        if (!entry.hasErrors()) {
            put(input.getQuery(), entry);
        }
        return CompletableFuture.completedFuture(entry);
    }

    /**
     * The document of {@code query}: the one the cache holds (parsed and validated by an earlier execution), else
     * parsed now and not kept (an unvalidated document is not an entry). Empty when it does not parse.
     */
    Optional<Document> document(String query) {
        PreparsedDocumentEntry cached = get(query);
        if (cached != null) {
            return Optional.of(cached.getDocument());
        }
        try {
            return Optional.of(Parser.parse(query));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private synchronized PreparsedDocumentEntry get(String query) {
        return entries.get(query);
    }

    private synchronized void put(String query, PreparsedDocumentEntry entry) {
        if (query.length() > MAX_CHARACTERS || entries.containsKey(query)) {
            return;
        }
        entries.put(query, entry);
        characters += query.length();
        Iterator<String> eldest = entries.keySet().iterator();
        while (entries.size() > capacity || characters > MAX_CHARACTERS) {
            characters -= eldest.next().length();
            eldest.remove();
        }
    }
}
