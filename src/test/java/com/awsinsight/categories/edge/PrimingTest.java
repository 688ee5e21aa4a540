package com.awsinsight.categories.edge;

import com.awsinsight.categories.domain.CategoryRepository;
import com.awsinsight.categories.domain.Store;
import com.awsinsight.categories.domain.StoreMetrics;
import com.awsinsight.categories.domain.TemplateRepository;
import com.awsinsight.categories.domain.WriteCoordination;
import com.awsinsight.categories.graphql.GraphQLGateway;
import com.awsinsight.categories.graphql.SchemaFactory;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.store.memory.DemoData;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.GraphQLHarness;
import graphql.schema.GraphQLSchema;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Priming (SnapStart, provisioned concurrency) runs real requests through the real handler, and touches
 * no tenant's data: every store call it makes is for the organization {@value Priming#ORGANIZATION},
 * and nothing is written.
 */
class PrimingTest {
    private static final GraphQLSchema SCHEMA = SchemaFactory.build();

    @Test
    void beforeCheckpointRunsRequestsThroughTheHandlerForNoRealOrganization() throws Exception {
        InMemoryStore memory = new InMemoryStore();
        DemoData.load(memory);
        String before = tree(memory);
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        LambdaHandler handler = handler(recording(memory, calls));
        Priming priming = new Priming(handler);

        priming.beforeCheckpoint(null);

        assertTrue(calls.size() >= 3, "priming made no store calls: " + calls);
        assertTrue(calls.stream().allMatch(c -> c.startsWith("read " + Priming.ORGANIZATION)), calls.toString());
        assertEquals(List.of(200, 200, 200), priming.prime());
        assertEquals(before, tree(memory), "tenant data changed");
    }

    @Test
    void primingAnswersThroughTheDynamoDbStoreWithoutReadingTenantItems() throws Exception {
        DynamoStore dynamo = Dynalite.get().newStore();
        DemoData.load(dynamo);
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        Priming priming = new Priming(handler(recording(dynamo, calls)));

        assertEquals(List.of(200, 200, 200), priming.prime());

        assertTrue(calls.stream().allMatch(c -> c.startsWith("read " + Priming.ORGANIZATION)), calls.toString());
    }

    @Test
    void primingNeverThrowsWhenTheStoreFails() throws Exception {
        Store broken = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[]{Store.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("kind")) {
                        return "broken";
                    }
                    throw new IllegalStateException("store down");
                });
        Priming priming = new Priming(handler(broken));

        priming.beforeCheckpoint(null);

        assertTrue(priming.prime().stream().allMatch(status -> Math.abs(status) >= 200), "a response for every priming request");
    }

    @Test
    void registeringWithTheGlobalContextWorksWithoutCrac() {
        Priming first = Priming.register(handler(new InMemoryStore()));

        assertSame(first, Priming.register(handler(new InMemoryStore())), "registered once per process");
    }

    @Test
    void onlyProvisionedConcurrencyPrimesDuringInit() {
        assertTrue(Priming.primesDuringInit(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency")));
        assertFalse(Priming.primesDuringInit(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")));
        assertFalse(Priming.primesDuringInit(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")));
        assertFalse(Priming.primesDuringInit(Map.of()));
    }

    private static LambdaHandler handler(Store store) {
        GraphQLGateway gateway = new GraphQLGateway(SCHEMA, store, Clock.systemUTC(), true);
        return new LambdaHandler(new HttpRouter(gateway, new Authenticator(null), List.of("*"), false, "test", 102400, null));
    }

    private static String tree(Store store) {
        return new GraphQLHarness(store).run(GraphQLHarness.viewer(DemoData.ORGANIZATION),
                "{ categoryTree { id name version children { id name version children { id name version } } } }").json().toString();
    }

    /** The store, recording "read <organization>", "write" or "template <method>" for every repository call. */
    private static Store recording(Store store, List<String> calls) {
        return new Store() {
            @Override
            public CategoryRepository categories(StoreMetrics metrics) {
                CategoryRepository target = store.categories(metrics);
                return (CategoryRepository) Proxy.newProxyInstance(CategoryRepository.class.getClassLoader(),
                        new Class<?>[]{CategoryRepository.class}, (proxy, method, args) -> {
                            boolean write = method.getName().startsWith("insert") || method.getName().equals("replace");
                            calls.add(write ? "write" : "read " + (args != null && args.length > 0 ? args[0] : ""));
                            try {
                                return method.invoke(target, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }

            @Override
            public TemplateRepository templates(StoreMetrics metrics) {
                TemplateRepository target = store.templates(metrics);
                return (TemplateRepository) Proxy.newProxyInstance(TemplateRepository.class.getClassLoader(),
                        new Class<?>[]{TemplateRepository.class}, (proxy, method, args) -> {
                            calls.add("template " + method.getName());
                            try {
                                return method.invoke(target, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }

            @Override
            public WriteCoordination coordination(StoreMetrics metrics) {
                WriteCoordination target = store.coordination(metrics);
                return (WriteCoordination) Proxy.newProxyInstance(WriteCoordination.class.getClassLoader(),
                        new Class<?>[]{WriteCoordination.class}, (proxy, method, args) -> {
                            calls.add(method.getName().startsWith("find") ? "read " + args[0] : "write");
                            try {
                                return method.invoke(target, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }

            @Override
            public void ping() {
                store.ping();
            }

            @Override
            public String kind() {
                return store.kind();
            }
        };
    }
}
