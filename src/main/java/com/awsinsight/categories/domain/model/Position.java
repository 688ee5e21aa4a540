package com.awsinsight.categories.domain.model;

/** Where a page ended: the last item's sort value and id. Stores resume strictly after it. */
public record Position(String sortValue, String id) {
}
