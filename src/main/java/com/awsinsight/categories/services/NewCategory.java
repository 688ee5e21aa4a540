package com.awsinsight.categories.services;

/** What a caller asks to create; checked by {@link CategoryService#create}. */
public record NewCategory(String name, String description, String parentId, Object metadata) {
}
