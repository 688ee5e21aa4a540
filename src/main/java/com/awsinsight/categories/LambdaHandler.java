package com.awsinsight.categories;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.awsinsight.categories.edge.HttpRouter;
import com.awsinsight.categories.edge.http.ErrorResponses;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.edge.http.ProxyRequest;
import com.awsinsight.categories.edge.http.ProxyResponse;
import com.awsinsight.categories.observability.JsonLog;
import com.awsinsight.categories.observability.RequestLog;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/**
 * The Lambda entry point for every route ({@code com.awsinsight.categories.LambdaHandler::handleRequest}), on
 * the managed Java runtimes and in the custom-runtime artifact (src/lambda/bootstrap). Reads API Gateway REST
 * proxy events as raw JSON (no reflection-based runtime serialisation) and hands them to the shared router;
 * an event that is not one (unreadable JSON, a number Jackson cannot hold such as {@code 1e2147483648}, not an
 * object) is answered 400 with a log line, never with an exception to the runtime.
 *
 * <p>The application is built once per container when Lambda first constructs the handler. A failure there
 * (a missing setting, such as {@code TABLE_NAME}) is thrown as itself, so the runtime reports its type and
 * message as the init error, not a bare {@code ExceptionInInitializerError}. Building also registers
 * {@link Priming} as an {@code org.crac} resource for SnapStart and, when Lambda says the environment is
 * initialised ahead of requests ({@code AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency}), runs the
 * priming requests at once. An on-demand cold start does not prime: the first request is waiting, and
 * priming would only add CPU to it.
 */
public final class LambdaHandler implements RequestStreamHandler {
    private static LambdaHandler processHandler;

    private final HttpRouter router;

    /** The constructor Lambda calls, during the init phase: builds the process's application once. */
    public LambdaHandler() {
        this(processHandler().router);
    }

    public LambdaHandler(HttpRouter router) {
        this.router = router;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event;
        try {
            event = Json.parse(input);
        } catch (IOException e) {
            event = null;
        }
        ProxyResponse response = event != null && event.isObject()
                ? router.handle(ProxyRequest.fromEvent(event))
                : malformedEvent();
        Json.MAPPER.writeValue(output, response.toEvent());
    }

    /** A 400 for something that is not an API Gateway proxy event, logged like any request. */
    private static ProxyResponse malformedEvent() {
        String requestId = UUID.randomUUID().toString();
        RequestLog log = new RequestLog(Settings.fromEnvironment(System.getenv()).environment(), requestId,
                System.getProperty("com.amazonaws.xray.traceHeader"), "?", "?");
        log.error("BAD_USER_INPUT");
        JsonLog.error(requestId, "malformed event: not an API Gateway proxy event", null);
        log.finish(400);
        return ErrorResponses.of(400, "BAD_USER_INPUT", "The event is not an API Gateway proxy event", null, false)
                .withHeader("X-Request-Id", requestId);
    }

    /** The process's handler, built on first use; a failure propagates as itself and is retried on the next call. */
    private static synchronized LambdaHandler processHandler() {
        if (processHandler == null) {
            Application application = Application.create(Settings.fromEnvironment(System.getenv()), null);
            LambdaHandler handler = new LambdaHandler(application.router());
            // SnapStart: the snapshot is taken after a real request through this handler (Priming)
            Priming priming = Priming.register(handler);
            if (Priming.primesDuringInit(System.getenv())) {
                priming.prime();
            }
            processHandler = handler;
        }
        return processHandler;
    }
}
