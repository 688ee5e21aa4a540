package com.awsinsight.categories.services;

import java.util.List;
import java.util.function.IntSupplier;

/**
 * A Relay page: items with their cursors, whether pages follow or precede it, and how to count every item of
 * the listing. The count is a separate read (a whole organization or catalog), so it runs only when a client
 * asks for {@link #totalCount()}.
 *
 * @param hasPreviousPage whether the page starts after a cursor (pages are read forward only, so this is what
 *                        Relay allows for forward pagination: true when items come before the page)
 */
public record Connection<T>(List<Edge<T>> edges, boolean hasNextPage, boolean hasPreviousPage, IntSupplier counter) {

    public record Edge<T>(String cursor, T node) {
    }

    public Connection {
        edges = List.copyOf(edges);
    }

    public String startCursor() {
        return edges.isEmpty() ? null : edges.get(0).cursor();
    }

    public String endCursor() {
        return edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
    }

    /** Every item of the listing across all pages (reads them: ask only when needed). */
    public int totalCount() {
        return counter.getAsInt();
    }
}
