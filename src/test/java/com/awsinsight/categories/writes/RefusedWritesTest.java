package com.awsinsight.categories.writes;

import com.awsinsight.categories.domain.ports.CategoryRepository;
import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.domain.error.StoreException;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.DelegatingStore;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A write the store refuses (an error, not a crash of the process) gives its name claim back at once, so the
 * name is not blocked for the claim's pending minute: the create or rename can be retried straight away.
 */
class RefusedWritesTest {
    private final AtomicBoolean failNextWrite = new AtomicBoolean();
    private final GraphQLHarness graphQL = new GraphQLHarness(new DelegatingStore(new InMemoryStore()) {
        @Override
        public CategoryRepository categories(String organizationId, StoreMetrics metrics) {
            CategoryRepository real = target.categories(organizationId, metrics);
            return (CategoryRepository) Proxy.newProxyInstance(CategoryRepository.class.getClassLoader(),
                    new Class<?>[]{CategoryRepository.class}, (proxy, method, args) -> {
                        boolean write = method.getName().equals("insert") || method.getName().equals("update");
                        if (write && failNextWrite.getAndSet(false)) {
                            throw new StoreException(ErrorCode.UNAVAILABLE, "The category store is unavailable; retry shortly", null);
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    });
    private final String org = "org-" + UUID.randomUUID();

    @Test
    void aCreateTheStoreRefusedCanBeRetriedAtOnce() {
        String create = "mutation { createCategory(input: { name: \"Retried\" }) { category { name } userErrors { code message } } }";

        failNextWrite.set(true);
        Response refused = graphQL.run(editor(org), create);
        Response retried = graphQL.run(editor(org), create);

        assertEquals("UNAVAILABLE", refused.errorCode(), refused.json().toString());
        assertEquals("Retried", retried.text("/data/createCategory/category/name"), retried.json().toString());
    }

    @Test
    void aRenameTheStoreRefusedCanBeRetriedAtOnce() {
        String id = graphQL.run(editor(org), "mutation { createCategory(input: { name: \"Before\" }) { category { id } } }")
                .text("/data/createCategory/category/id");
        String rename = "mutation($id: ID!) { updateCategory(id: $id, input: { name: \"After\" }) { category { name } userErrors { code } } }";

        failNextWrite.set(true);
        Response refused = graphQL.run(editor(org), rename, Map.of("id", id));
        Response other = graphQL.run(editor(org), "mutation { createCategory(input: { name: \"After\" }) { category { name } userErrors { code } } }");

        assertEquals("UNAVAILABLE", refused.errorCode(), refused.json().toString());
        assertEquals("After", other.text("/data/createCategory/category/name"), other.json().toString());
    }
}
