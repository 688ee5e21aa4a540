package com.awsinsight.categories.contract;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.testing.DataShape;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.StoresUnderTest;
import com.awsinsight.categories.testing.StoresUnderTest.StoreAndShape;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

/**
 * A contract run through GraphQL on every store and data shape ({@link StoresUnderTest}): each invocation of the
 * parameterized class gets a fresh store, seeded once with the demo organization as {@link #shape() its writer}
 * wrote it (the gateway, or the Node service). Contracts add their own seeding in their own
 * {@code @BeforeParameterizedClassInvocation} method, which JUnit runs after this one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DemoOrganizationContract {
    @Parameter
    protected StoreAndShape storeUnderTest;
    protected Store store;
    protected GraphQLHarness graphQL;
    protected String demoOrg;
    protected List<Category> demo;

    /** Who wrote the demo organization. */
    protected DataShape shape() {
        return storeUnderTest.shape();
    }

    @BeforeParameterizedClassInvocation
    void seedDemoOrganization(StoreAndShape storeUnderTest) {
        this.storeUnderTest = storeUnderTest;
        store = storeUnderTest.newStore();
        graphQL = new GraphQLHarness(store);
        DataShape.DemoOrganization seeded = shape().writeDemo(store);
        demoOrg = seeded.id();
        demo = seeded.categories();
    }
}
