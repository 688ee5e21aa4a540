package com.awsinsight.categories;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.awsinsight.categories.Application;
import com.awsinsight.categories.Settings;
import com.awsinsight.categories.edge.HttpRouter;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.edge.http.ProxyRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The Lambda entry point for every route ({@code com.awsinsight.categories.LambdaHandler::handleRequest}).
 * Reads API Gateway REST proxy events as raw JSON (no reflection-based runtime serialisation) and
 * hands them to the shared router. The application is built once per container, in static init,
 * which also registers {@link Priming} as an {@code org.crac} resource for SnapStart.
 */
public final class LambdaHandler implements RequestStreamHandler {
    private final HttpRouter router;

    /** The constructor Lambda calls, during the init phase: builds the process's application once. */
    public LambdaHandler() {
        this(Default.APPLICATION.router());
    }

    public LambdaHandler(HttpRouter router) {
        this.router = router;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ProxyRequest request = ProxyRequest.fromEvent(Json.MAPPER.readTree(input));
        Json.MAPPER.writeValue(output, router.handle(request).toEvent());
    }

    private static final class Default {
        static final Application APPLICATION = Application.create(Settings.fromEnvironment(System.getenv()), null);
        static final LambdaHandler HANDLER = new LambdaHandler(APPLICATION.router());

        static {
            // SnapStart: the snapshot is taken after a real request through this handler (Priming)
            Priming.register(HANDLER);
        }
    }
}
