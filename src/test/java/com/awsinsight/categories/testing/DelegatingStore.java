package com.awsinsight.categories.testing;

import com.awsinsight.categories.domain.ports.CategoryRepository;
import com.awsinsight.categories.domain.ports.IndexBackfill;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.ports.TemplateRepository;
import com.awsinsight.categories.domain.ports.WriteCoordination;

/** A store that passes everything to another; tests override what they need to observe or break. */
public class DelegatingStore implements Store {
    protected final Store target;

    public DelegatingStore(Store target) {
        this.target = target;
    }

    @Override
    public CategoryRepository categories(String organizationId, StoreMetrics metrics) {
        return target.categories(organizationId, metrics);
    }

    @Override
    public WriteCoordination coordination(String organizationId, StoreMetrics metrics) {
        return target.coordination(organizationId, metrics);
    }

    @Override
    public TemplateRepository templates(StoreMetrics metrics) {
        return target.templates(metrics);
    }

    @Override
    public IndexBackfill backfill(StoreMetrics metrics) {
        return target.backfill(metrics);
    }

    @Override
    public void ping() {
        target.ping();
    }

    @Override
    public String kind() {
        return target.kind();
    }
}
