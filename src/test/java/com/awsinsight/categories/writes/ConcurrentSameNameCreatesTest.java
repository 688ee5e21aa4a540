package com.awsinsight.categories.writes;

import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Role;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 20 creates of one name (in different cases and spacing) released at once, as roots (name claims
 * alone decide) and under one parent (the lease serialises them too): exactly one succeeds, the other
 * 19 get CONFLICT on {@code name}, and the organization holds one active category of that name.
 */
@Tag("dynalite")
class ConcurrentSameNameCreatesTest {
    private static final int CREATORS = 20;
    private static final List<String> SPELLINGS = List.of("Shared Services", " shared services", "SHARED SERVICES ", "Shared services");

    private final Store store = Dynalite.get().newStore();
    private final GraphQLHarness graphQL = new GraphQLHarness(store);

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void exactlyOneRootCreateWins() throws Exception {
        String org = "org-" + UUID.randomUUID();

        List<Response> responses = createAtOnce(org, null);

        assertOneWinner(org, responses);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void exactlyOneCreateUnderAParentWins() throws Exception {
        String org = "org-" + UUID.randomUUID();
        String parent = graphQL.run(editor(org), "mutation { createCategory(input: { name: \"Parent\" }) { category { id } } }")
                .text("/data/createCategory/category/id");

        List<Response> responses = createAtOnce(org, parent);

        assertOneWinner(org, responses);
    }

    private List<Response> createAtOnce(String org, String parentId) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CREATORS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        for (int i = 0; i < CREATORS; i++) {
            Caller caller = new Caller(org, "creator-" + i, Role.EDITOR);
            Map<String, Object> variables = new HashMap<>();
            variables.put("n", SPELLINGS.get(i % SPELLINGS.size()));
            variables.put("p", parentId);
            futures.add(pool.submit(() -> {
                start.await();
                return graphQL.run(caller, "mutation($n: String!, $p: ID) { createCategory(input: { name: $n, parentId: $p }) "
                        + "{ category { id } userErrors { code field message } } }", variables);
            }));
        }
        start.countDown();
        List<Response> responses = new ArrayList<>();
        for (Future<Response> future : futures) {
            responses.add(future.get());
        }
        pool.shutdown();
        return responses;
    }

    private void assertOneWinner(String org, List<Response> responses) {
        long winners = responses.stream().filter(r -> !r.at("/data/createCategory/category").isNull()).count();
        List<String> losers = responses.stream().filter(r -> r.at("/data/createCategory/category").isNull())
                .map(r -> r.text("/data/createCategory/userErrors/0/code") + "/" + r.text("/data/createCategory/userErrors/0/field"))
                .toList();
        long active = InvariantChecker.all(store, org).stream()
                .filter(c -> c.active() && c.nameKey().equals("shared services")).count();

        assertEquals(1, winners, responses.toString());
        assertEquals(List.of(), losers.stream().filter(l -> !l.equals("CONFLICT/name")).toList());
        assertEquals(CREATORS - 1, losers.size());
        assertEquals(1, active);
        assertEquals(List.of(), InvariantChecker.violations(store, org));
    }
}
