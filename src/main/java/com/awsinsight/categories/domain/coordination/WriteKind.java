package com.awsinsight.categories.domain.coordination;

/**
 * The two kinds of category writes that run without the organization's structural lease. Both advance the
 * organization's revision and are registered while in flight, so a reader never caches the organization
 * while one may still land.
 */
public enum WriteKind {
    /**
     * Writes that add categories under existing ones (a create under a parent, a template instantiation):
     * they rely on the parent staying active and in place, so they are refused while the structural lease is
     * held or announced, and the lease is only taken once none of them is in flight.
     */
    ADDING,
    /**
     * Every other category write that takes no lease (a create at the root, a change of name, description or
     * metadata): no structural check depends on them, so they neither wait for the lease nor hold it up.
     */
    EDITING
}
