package com.awsinsight.categories.services;

import java.util.List;

/** A Relay page: items with their cursors, and where to continue. */
public record Connection<T>(List<Edge<T>> edges, boolean hasNextPage) {

    public record Edge<T>(String cursor, T node) {
    }

    public String endCursor() {
        return edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
    }
}
