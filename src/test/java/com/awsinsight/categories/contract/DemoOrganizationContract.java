package com.awsinsight.categories.contract;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.testing.DataShape;
import com.awsinsight.categories.testing.GraphQLHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

/**
 * A contract run through GraphQL against one store of each subclass, seeded once with the demo organization as
 * {@link #shape() its writer} wrote it (the gateway, or the Node service). Subclasses add their own seeding in
 * their own {@code @BeforeAll}, which JUnit runs after this one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DemoOrganizationContract {
    protected Store store;
    protected GraphQLHarness graphQL;
    protected String demoOrg;
    protected List<Category> demo;

    protected abstract Store newStore();

    /** Who wrote the demo organization. */
    protected abstract DataShape shape();

    @BeforeAll
    void seedDemoOrganization() {
        store = newStore();
        graphQL = new GraphQLHarness(store);
        DataShape.DemoOrganization seeded = shape().writeDemo(store);
        demoOrg = seeded.id();
        demo = seeded.categories();
    }
}
