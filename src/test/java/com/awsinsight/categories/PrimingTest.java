package com.awsinsight.categories;

import com.awsinsight.categories.demo.DemoData;
import com.awsinsight.categories.domain.ports.CategoryRepository;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.ports.TemplateRepository;
import com.awsinsight.categories.domain.ports.WriteCoordination;
import com.awsinsight.categories.graphql.SchemaFactory;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.DelegatingStore;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.ProxyEvents;
import graphql.schema.GraphQLSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
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
@Tag("dynalite")
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
    void registeringWithTheGlobalContextWorksWithoutCracAndHappensOnce() {
        Priming first = Priming.register(handler(new InMemoryStore()));

        assertSame(first, Priming.register(handler(new InMemoryStore())), "registered once per process");
        assertTrue(first.prime().stream().allMatch(status -> Math.abs(status) >= 200), "the registered priming runs");
    }

    @Test
    void onlyProvisionedConcurrencyPrimesDuringInit() {
        assertTrue(Priming.primesDuringInit(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency")));
        assertFalse(Priming.primesDuringInit(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")));
        assertFalse(Priming.primesDuringInit(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")));
        assertFalse(Priming.primesDuringInit(Map.of()));
    }

    private static LambdaHandler handler(Store store) {
        return new LambdaHandler(ProxyEvents.router(store));
    }

    private static String tree(Store store) {
        return new GraphQLHarness(store).run(GraphQLHarness.viewer(DemoData.ORGANIZATION),
                "{ categoryTree { id name version children { id name version children { id name version } } } }").json().toString();
    }

    /** The store, recording "read <organization>", "write" or "template <method>" for every repository call. */
    private static Store recording(Store store, List<String> calls) {
        return new DelegatingStore(store) {
            @Override
            public CategoryRepository categories(String organizationId, StoreMetrics metrics) {
                return recorded(CategoryRepository.class, super.categories(organizationId, metrics),
                        method -> method.startsWith("insert") || method.equals("update") ? "write" : "read " + organizationId);
            }

            @Override
            public TemplateRepository templates(StoreMetrics metrics) {
                return recorded(TemplateRepository.class, super.templates(metrics), method -> "template " + method);
            }

            @Override
            public WriteCoordination coordination(String organizationId, StoreMetrics metrics) {
                return recorded(WriteCoordination.class, super.coordination(organizationId, metrics),
                        method -> method.startsWith("find") || method.equals("indexedSince") || method.equals("state") ? "read " + organizationId : "write");
            }

            private <T> T recorded(Class<T> type, T target, java.util.function.Function<String, String> entry) {
                return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
                    calls.add(entry.apply(method.getName()));
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
            }
        };
    }
}
