package com.awsinsight.categories.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.awsinsight.categories.Application;
import com.awsinsight.categories.Settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The Lambda entry point for every route ({@code com.awsinsight.categories.edge.LambdaHandler::handleRequest}),
 * on the managed Java runtimes and in the custom-runtime artifact (src/lambda/bootstrap). Reads API
 * Gateway REST proxy events as raw JSON (no reflection-based runtime serialisation) and hands them to
 * the shared router. The application is built once per container, in static init, which also
 * registers {@link Priming} as an {@code org.crac} resource for SnapStart and, when Lambda says the
 * environment is initialised ahead of requests ({@code AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency}),
 * runs the priming requests at once. An on-demand cold start does not prime: the first request is
 * waiting, and priming would only add CPU to it.
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
            Priming priming = Priming.register(HANDLER);
            if (Priming.primesDuringInit(System.getenv())) {
                priming.prime();
            }
        }
    }
}
