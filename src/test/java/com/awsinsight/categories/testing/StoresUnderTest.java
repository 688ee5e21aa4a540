package com.awsinsight.categories.testing;

import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.store.memory.InMemoryStore;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The stores and data shapes the contract suites run on, as arguments of their {@code @ParameterizedClass}: each
 * contract is one class whose every test runs on the embedded store and on DynamoDB (dynalite), on data the gateway
 * wrote and on data the Node service wrote. The fast lane ({@code mvn -Pfast test}) sets {@code tests.stores=memory}
 * and runs them on the embedded store only.
 */
public final class StoresUnderTest {
    /** System property naming the stores to run on ({@code memory}, {@code dynamodb}; comma-separated). */
    public static final String PROPERTY = "tests.stores";

    private StoresUnderTest() {
    }

    /** A kind of store a contract runs on. */
    public enum Kind {
        MEMORY("memory"),
        DYNAMODB("dynamodb");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** A fresh store of this kind (DynamoDB: new tables on the shared dynalite). */
        public Store newStore() {
            return this == MEMORY ? new InMemoryStore() : Dynalite.get().newStore();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One store kind with the writer of its data. */
    public record StoreAndShape(Kind kind, DataShape shape) {
        public Store newStore() {
            return kind.newStore();
        }

        @Override
        public String toString() {
            return kind + ", " + (shape == DataShape.GATEWAY ? "written by the gateway" : "written by the Node service");
        }
    }

    /** Every store kind selected for this run. */
    public static Stream<Kind> kinds() {
        Set<String> selected = Set.copyOf(Arrays.asList(System.getProperty(PROPERTY, "memory,dynamodb").split(",")));
        return Stream.of(Kind.values()).filter(kind -> selected.contains(kind.label));
    }

    /** Every selected store kind with every data shape. */
    public static Stream<StoreAndShape> kindsAndShapes() {
        return kinds().flatMap(kind -> Stream.of(DataShape.values()).map(shape -> new StoreAndShape(kind, shape)));
    }

    /** For {@code @MethodSource}: {@link #kindsAndShapes()} as a list. */
    public static List<StoreAndShape> everyStoreAndShape() {
        return kindsAndShapes().toList();
    }

    /** For {@code @MethodSource}: {@link #kinds()} as a list. */
    public static List<Kind> everyStore() {
        return kinds().toList();
    }
}
