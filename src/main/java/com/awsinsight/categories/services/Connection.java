package com.awsinsight.categories.services;

import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * A Relay page: items with their cursors, whether pages follow or precede it, and how to count every item of
 * the listing. The count is a separate read (a whole organization or catalog), so it runs only when a client
 * asks for {@link #totalCount()}.
 *
 * @param hasPreviousPage whether the page starts after a cursor (pages are read forward only, so this is what
 *                        Relay allows for forward pagination: true when items come before the page)
 */
public record Connection<T>(List<Edge<T>> edges, boolean hasNextPage, boolean hasPreviousPage, IntSupplier counter) {

    /**
     * One item and its cursor. The cursor is sealed (a keyed digest) only when someone asks for it: most pages
     * are read without their items' cursors, and sealing twenty of them was a twentieth of a listing's CPU.
     */
    public static final class Edge<T> {
        private final Supplier<String> sealing;
        private final T node;
        private String cursor;

        public Edge(Supplier<String> cursor, T node) {
            this.sealing = cursor;
            this.node = node;
        }

        public synchronized String cursor() {
            if (cursor == null) {
                cursor = sealing.get();
            }
            return cursor;
        }

        public T node() {
            return node;
        }
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
