package com.awsinsight.categories;

import com.awsinsight.categories.auth.DevIdentityProvider;
import com.awsinsight.categories.auth.TokenVerifier;
import com.awsinsight.categories.demo.DemoData;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.edge.Authenticator;
import com.awsinsight.categories.edge.HttpRouter;
import com.awsinsight.categories.graphql.GraphQLEngine;
import com.awsinsight.categories.graphql.PersistedDocuments;
import com.awsinsight.categories.graphql.SchemaFactory;
import com.awsinsight.categories.observability.JsonLog;
import com.awsinsight.categories.services.CategoryApplication;
import com.awsinsight.categories.services.write.WriteTimings;
import com.awsinsight.categories.services.read.OrganizationCache;
import com.awsinsight.categories.store.dynamodb.DynamoClients;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.store.dynamodb.DynamoTables;
import com.awsinsight.categories.store.dynamodb.TableCheck;
import com.awsinsight.categories.store.dynamodb.XRayDaemon;
import com.awsinsight.categories.store.dynamodb.XRayInterceptor;
import com.awsinsight.categories.store.memory.InMemoryStore;
import graphql.schema.GraphQLSchema;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The composition root: builds the store, the application, the GraphQL engine, authentication and the router
 * once per process. The schema (SDL parse, wiring) is built on its own thread while the calling thread builds
 * the store (the DynamoDB client, whose TLS set-up dominates): two independent start-up paths that overlap on
 * two cores, which a Lambda cold start's init has (docs/performance.md, "Where the artifact's time goes").
 *
 * <p>Nothing is warmed here: on an on-demand Lambda cold start the request waits for init, so work done only
 * to warm code paths is paid twice in CPU (measured in docs/performance.md). Where init happens before any
 * request waits (SnapStart, provisioned concurrency), {@link Priming} warms the handler instead; see
 * {@link LambdaHandler}. The token verifier is built on first use ({@link Authenticator#lazy}).
 */
public final class Application {
    private final Settings settings;
    private final Store store;
    private final GraphQLEngine engine;
    private final HttpRouter router;
    private final String storeSummary;

    private Application(Settings settings, Store store, GraphQLEngine engine, HttpRouter router, String storeSummary) {
        this.settings = settings;
        this.store = store;
        this.engine = engine;
        this.router = router;
        this.storeSummary = storeSummary;
    }

    /**
     * @param devIdentity the local dev token issuer, or null; used only when no Cognito settings exist
     */
    public static Application create(Settings settings, DevIdentityProvider devIdentity) {
        FutureTask<GraphQLSchema> schemaBuild = new FutureTask<>(SchemaFactory::build);
        Thread builder = new Thread(schemaBuild, "schema-build");
        builder.setDaemon(true);
        builder.start();
        PreparedStore prepared = store(settings);
        Store store = prepared.store();
        GraphQLSchema schema = joined(schemaBuild);
        CategoryApplication application = new CategoryApplication(store, Clock.systemUTC(), WriteTimings.DEFAULT,
                CategoryApplication.DEFAULT_FAN_OUT_LIMIT, new OrganizationCache(settings.organizationCacheBytes()),
                settings.storeBudget());
        GraphQLEngine engine = new GraphQLEngine(schema, application, settings.queryLimits(), JsonLog::error);
        DevIdentityProvider dev = settings.auth().isEmpty() ? devIdentity : null;
        Authenticator authenticator = Authenticator.lazy(() -> settings.auth().map(TokenVerifier::new)
                .orElse(dev == null ? null : new TokenVerifier(dev.settings(dev.issuer() + "/jwks.json"))));
        HttpRouter router = new HttpRouter(engine, authenticator, new HttpRouter.Settings(
                settings.corsOrigins(), settings.playgroundEnabled(), settings.environment(), settings.maxBodyBytes(),
                dev, DemoData.ORGANIZATION), PersistedDocuments.fromClasspath(settings.trustedDocumentsOnly()));
        return new Application(settings, store, engine, router, prepared.summary());
    }

    /** The built schema; a failure while building it is thrown as itself (Lambda reports it as the init error). */
    private static GraphQLSchema joined(FutureTask<GraphQLSchema> schemaBuild) {
        try {
            return schemaBuild.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("schema build failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the schema was built", e);
        }
    }

    /** The store and one line saying how it was set up (serve prints it). */
    record PreparedStore(Store store, String summary) {
    }

    /**
     * The store of these settings. Lambda uses the tables as they are: no table is created, nothing is written and
     * no extra call is made on the cold path (a request that meets a missing index answers UNAVAILABLE). A local run
     * without DynamoDB settings gets the embedded store with the demo data. A local run on DynamoDB creates the tables
     * that are missing when it has an endpoint, then checks both tables ({@link TableCheck}: a
     * {@link TableCheck.NotReady} names every missing index), and writes the demo data only into the tables it has
     * just created, never overwriting an item: tables that existed are left exactly as they were. Where Lambda names
     * an X-Ray daemon (and {@code ENABLE_XRAY} is not false), the client sends each DynamoDB call of a sampled
     * invocation as a subsegment; its socket is opened here, during init, not on the first request.
     */
    static PreparedStore store(Settings settings) {
        if (!settings.usesDynamoDb()) {
            if (settings.inLambda()) {
                throw new IllegalStateException("TABLE_NAME must be set in Lambda");
            }
            InMemoryStore memory = new InMemoryStore();
            DemoData.load(memory);
            return new PreparedStore(memory, "embedded store with the demo data");
        }
        String categories = settings.categoriesTableOrDefault();
        String templates = settings.templatesTable();
        List<ExecutionInterceptor> tracing = settings.xrayDaemon() == null ? List.of()
                : List.of(new XRayInterceptor(XRayDaemon.open(settings.xrayDaemon())));
        DynamoStore dynamo = new DynamoStore(DynamoClients.create(settings.region(), settings.dynamoEndpoint(),
                settings.dynamoTimeouts(), tracing), categories, templates);
        if (settings.inLambda()) {
            return new PreparedStore(dynamo, "DynamoDB tables " + categories + " and " + templates);
        }
        DynamoTables.Created created = settings.dynamoEndpoint() == null ? new DynamoTables.Created(false, false)
                : DynamoTables.createIfMissing(dynamo.client(), categories, templates);
        TableCheck.requireReady(dynamo.client(), categories, templates);
        DemoData.Loaded demo = DemoData.loadIntoNewTables(dynamo, created.categories(), created.templates());
        List<String> loaded = new ArrayList<>(demo.organizations());
        if (demo.templates() > 0) {
            loaded.add(demo.templates() + " template versions");
        }
        return new PreparedStore(dynamo, "DynamoDB tables " + categories + (created.categories() ? " (created)" : " (existing, not written)")
                + " and " + templates + (created.templates() ? " (created)" : " (existing, not written)")
                + "; demo data: " + (loaded.isEmpty() ? "none" : String.join(", ", loaded)));
    }

    public HttpRouter router() {
        return router;
    }

    public GraphQLEngine engine() {
        return engine;
    }

    public Store store() {
        return store;
    }

    public Settings settings() {
        return settings;
    }

    /** How the store was set up: the embedded store, or which DynamoDB tables, whether created, and the demo data loaded. */
    public String storeSummary() {
        return storeSummary;
    }
}
