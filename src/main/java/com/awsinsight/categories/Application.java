package com.awsinsight.categories;

import com.awsinsight.categories.auth.DevIdentityProvider;
import com.awsinsight.categories.auth.TokenVerifier;
import com.awsinsight.categories.domain.Store;
import com.awsinsight.categories.edge.Authenticator;
import com.awsinsight.categories.edge.HttpRouter;
import com.awsinsight.categories.graphql.GraphQLGateway;
import com.awsinsight.categories.graphql.SchemaFactory;
import com.awsinsight.categories.store.dynamodb.DynamoClients;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.store.dynamodb.DynamoTables;
import com.awsinsight.categories.store.memory.DemoData;
import com.awsinsight.categories.store.memory.InMemoryStore;

import graphql.schema.GraphQLSchema;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * The composition root: builds the store, the GraphQL engine, authentication and the router once per
 * process. The schema is built on the common pool while the calling thread builds the store (two
 * independent start-up paths; on a machine with two cores they overlap).
 *
 * <p>Nothing is warmed here: on an on-demand Lambda cold start the request waits for init, so work done
 * only to warm code paths is paid twice in CPU (measured in docs/performance.md). Where init happens
 * before any request waits (SnapStart, provisioned concurrency), {@code edge.Priming} warms the handler
 * instead; see {@code LambdaHandler}. The token verifier is built on first use ({@link Authenticator#lazy}).
 */
public final class Application {
    private final Settings settings;
    private final Store store;
    private final GraphQLGateway gateway;
    private final HttpRouter router;

    private Application(Settings settings, Store store, GraphQLGateway gateway, HttpRouter router) {
        this.settings = settings;
        this.store = store;
        this.gateway = gateway;
        this.router = router;
    }

    /**
     * @param devIdentity the local dev token issuer, or null; used only when no Cognito settings exist
     */
    public static Application create(Settings settings, DevIdentityProvider devIdentity) {
        CompletableFuture<GraphQLSchema> schema = CompletableFuture.supplyAsync(SchemaFactory::build);
        Store store = store(settings);
        GraphQLGateway gateway = new GraphQLGateway(schema.join(), store, Clock.systemUTC(), true, settings.queryLimits());
        DevIdentityProvider dev = settings.auth().isEmpty() ? devIdentity : null;
        Authenticator authenticator = Authenticator.lazy(() -> settings.auth().map(TokenVerifier::new)
                .orElse(dev == null ? null : new TokenVerifier(dev.settings(dev.issuer() + "/jwks.json"))));
        HttpRouter router = new HttpRouter(gateway, authenticator, settings.corsOrigins(),
                settings.playgroundEnabled(), settings.environment(), settings.maxBodyBytes(), dev);
        return new Application(settings, gateway.store(), gateway, router);
    }

    /** Lambda never creates tables; local runs against an endpoint create missing ones. */
    static Store store(Settings settings) {
        if (!settings.usesDynamoDb()) {
            if (settings.inLambda()) {
                throw new IllegalStateException("TABLE_NAME must be set in Lambda");
            }
            InMemoryStore memory = new InMemoryStore();
            DemoData.load(memory);
            return memory;
        }
        DynamoStore dynamo = new DynamoStore(DynamoClients.create(settings.region(), settings.dynamoEndpoint()),
                settings.categoriesTableOrDefault(), settings.templatesTable());
        if (settings.dynamoEndpoint() != null && !settings.inLambda()) {
            DynamoTables.createIfMissing(dynamo.client(), settings.categoriesTableOrDefault(), settings.templatesTable());
            DemoData.loadIfMissing(dynamo);
        }
        return dynamo;
    }

    public HttpRouter router() {
        return router;
    }

    public GraphQLGateway gateway() {
        return gateway;
    }

    public Store store() {
        return store;
    }

    public Settings settings() {
        return settings;
    }
}
