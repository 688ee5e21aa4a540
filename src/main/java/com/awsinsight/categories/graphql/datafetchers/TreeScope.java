package com.awsinsight.categories.graphql.datafetchers;

/**
 * Local context of the nodes a {@code categoryTree} returned: how many more levels of {@code children}
 * may still be expanded below them. Nodes reached any other way carry none and are not limited.
 */
record TreeScope(int remainingLevels) {
    TreeScope below() {
        return new TreeScope(remainingLevels - 1);
    }
}
