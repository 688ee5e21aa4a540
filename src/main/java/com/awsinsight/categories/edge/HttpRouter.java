package com.awsinsight.categories.edge;

import com.awsinsight.categories.auth.AuthException;
import com.awsinsight.categories.auth.AuthFailure;
import com.awsinsight.categories.auth.DevIdentityProvider;
import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.domain.error.StoreException;
import com.awsinsight.categories.edge.http.Cors;
import com.awsinsight.categories.edge.http.ErrorResponses;
import com.awsinsight.categories.edge.http.HttpCaching;
import com.awsinsight.categories.edge.http.HttpProblem;
import com.awsinsight.categories.edge.http.HttpStatus;
import com.awsinsight.categories.edge.http.MediaTypes;
import com.awsinsight.categories.edge.http.ProxyRequest;
import com.awsinsight.categories.edge.http.ProxyResponse;
import com.awsinsight.categories.edge.rest.RestRoutes;
import com.awsinsight.categories.graphql.GraphQLEngine;
import com.awsinsight.categories.graphql.PersistedDocuments;
import com.awsinsight.categories.graphql.context.FieldNaming;
import com.awsinsight.categories.observability.JsonLog;
import com.awsinsight.categories.observability.RequestLog;
import com.awsinsight.categories.services.CategoryApplication;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Routes a proxy event to its handler. The Lambda handler and the local server both end here, so they
 * behave alike. Every response gets CORS headers, {@code X-Content-Type-Options: nosniff} and one log line. OPTIONS on any path is the CORS preflight
 * (as the Node service's mock integrations); {@code /graphql} is GraphQL over HTTP; the legacy REST API's
 * routes ({@code /categories}, {@code /categories/{id}}, {@code /templates}) are {@link RestRoutes}, which
 * run fixed GraphQL operations through the same engine.
 */
public final class HttpRouter {
    private final GraphQLHttpHandler graphQL;
    private final RestRoutes rest;
    private final Authenticator authenticator;
    private final CategoryApplication application;
    private final Cors cors;
    private final PlaygroundAssets playground;
    private final Settings settings;

    /**
     * How the router behaves beyond its handlers.
     *
     * @param devIdentity            the local dev token issuer; null everywhere but the local server, which
     *                               makes {@code /dev/token} and {@code /dev/jwks.json} exist only there
     * @param devDefaultOrganization the organization {@code /dev/token} issues for when none is asked
     */
    public record Settings(List<String> corsOrigins, boolean playgroundEnabled, String environment, int maxBodyBytes,
                           DevIdentityProvider devIdentity, String devDefaultOrganization) {
    }

    /** A router whose GraphQL edge runs any document (automatic persisted queries on, trusted-documents mode off). */
    public HttpRouter(GraphQLEngine engine, Authenticator authenticator, Settings settings) {
        this(engine, authenticator, settings, PersistedDocuments.fromClasspath(false));
    }

    /** @param documents the persisted documents: APQ registrations and the trusted-documents manifest and mode */
    public HttpRouter(GraphQLEngine engine, Authenticator authenticator, Settings settings, PersistedDocuments documents) {
        this.graphQL = new GraphQLHttpHandler(engine, settings.maxBodyBytes(), documents);
        this.rest = new RestRoutes(engine, settings.maxBodyBytes(), documents);
        this.authenticator = authenticator;
        this.application = engine.application();
        this.cors = new Cors(settings.corsOrigins());
        this.playground = new PlaygroundAssets();
        this.settings = settings;
    }

    /** The response to one request (a proxy event, or the local server's request turned into one). */
    public ProxyResponse handle(ProxyRequest request) {
        return respond(request, this::route);
    }

    /**
     * The response refusing a request before its body is read (the local server, for a declared body over the
     * limit): the same headers, error body and log line as any refusal of {@link #handle}.
     */
    public ProxyResponse refuse(ProxyRequest request, HttpProblem problem) {
        return respond(request, (refused, requestId, log) -> {
            throw problem;
        });
    }

    /** The request body size limit ({@code MAX_BODY_BYTES}): the local server refuses larger bodies before reading them. */
    public int maxBodyBytes() {
        return settings.maxBodyBytes();
    }

    /** What answers a request once it has its id and log line. */
    @FunctionalInterface
    private interface Route {
        ProxyResponse answer(ProxyRequest request, String requestId, RequestLog log);
    }

    private ProxyResponse respond(ProxyRequest request, Route route) {
        String requestId = request.requestId() != null ? request.requestId() : UUID.randomUUID().toString();
        RequestLog log = new RequestLog(settings.environment(), requestId, traceId(request), request.method(), request.path());
        boolean graphQLShape = normalise(request.routePath()).equals("/graphql");
        ProxyResponse response;
        try {
            response = route.answer(request, requestId, log);
        } catch (HttpProblem e) {
            log.error(e.code());
            response = ErrorResponses.of(e.status(), e.code(), e.getMessage(), e.field(), graphQLShape);
            if (e.allow() != null) {
                response = response.withHeader("Allow", e.allow());
            }
        } catch (AuthException e) {
            boolean forbidden = e.failure() == AuthFailure.FORBIDDEN;
            ErrorCode code = forbidden ? ErrorCode.FORBIDDEN : ErrorCode.UNAUTHENTICATED;
            log.error(code.name());
            response = ErrorResponses.of(HttpStatus.of(code), code.name(), e.getMessage(), null, graphQLShape);
            if (!forbidden) {
                response = response.withHeader("WWW-Authenticate", bearerChallenge(e));
            }
        } catch (DomainException e) {
            log.error(e.code().name());
            String field = e.field() == null ? null : FieldNaming.GRAPHQL.name(e.field());
            response = ErrorResponses.of(HttpStatus.of(e.code()), e.code().name(), e.getMessage(), field, graphQLShape);
        } catch (StoreException e) {
            log.error(e.code().name());
            JsonLog.error(requestId, "store failure", e);
            response = ErrorResponses.withRetryAdvice(
                    ErrorResponses.of(HttpStatus.of(e.code()), e.code().name(), e.getMessage(), null, graphQLShape), e.code());
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // The JVM's own errors too: the request's objects are garbage once it unwinds, and an operator needs
            // the log line more than ever (a response past the size cap no longer gets here).
            log.error(ErrorCode.INTERNAL.name());
            JsonLog.error(requestId, "unexpected failure", e);
            response = ErrorResponses.of(500, ErrorCode.INTERNAL.name(), ErrorCode.internalMessage(requestId), null, graphQLShape);
        }
        if (graphQLShape && response.statusCode() >= 400) {
            response = inNegotiatedMediaType(request, response);
        }
        if ("GET".equals(request.method()) && response.statusCode() >= 400) {
            response = HttpCaching.notStored(response);
        }
        log.finish(response.statusCode());
        return cors.apply(request, response.withHeader("X-Request-Id", requestId).withHeader("X-Content-Type-Options", "nosniff"));
    }

    private ProxyResponse route(ProxyRequest request, String requestId, RequestLog log) {
        String path = normalise(request.routePath());
        if ("OPTIONS".equals(request.method())) {
            return cors.preflight(request);
        }
        if (path.equals("/health")) {
            return health(request);
        }
        if (path.equals("/graphql")) {
            request.requireMethod("GET, POST", "GET", "POST");
            GraphQLHttpHandler.Incoming graphQLRequest = graphQL.read(request);
            Caller caller = authenticator.authenticate(request);
            log.organization(caller.organizationId());
            return graphQL.execute(request, graphQLRequest, caller, requestId, log);
        }
        Optional<ProxyResponse> restResponse = rest.handle(path, request, authenticator::authenticate, requestId, log);
        if (restResponse.isPresent()) {
            return restResponse.get();
        }
        if (path.equals("/playground") || path.startsWith("/playground/")) {
            request.requireMethod("GET", "GET");
            return playground(path);
        }
        if (settings.devIdentity() != null && path.startsWith("/dev/")) {
            request.requireMethod("GET", "GET");
            return dev(request, path);
        }
        throw new HttpProblem(404, "NOT_FOUND", "No route for " + path);
    }

    /**
     * The RFC 6750 challenge of a 401: a plain {@code Bearer} when the request carried no token, else
     * {@code error="invalid_token"} with the refusal's message (client-safe, never the token) as
     * {@code error_description}, so a client can tell a missing token from a bad or expired one.
     */
    static String bearerChallenge(AuthException e) {
        if (e.missingToken()) {
            return "Bearer";
        }
        String description = e.getMessage().replaceAll("[^\\x20-\\x7E]|[\"\\\\]", "");
        return "Bearer error=\"invalid_token\", error_description=\"" + description + "\"";
    }

    /**
     * A GraphQL error response refused before execution (401, 405, 413, ...) in the media type the
     * client asked for, so a client accepting only {@code application/graphql-response+json} can
     * trust the status; {@code application/json} otherwise, including when nothing is acceptable.
     */
    private static ProxyResponse inNegotiatedMediaType(ProxyRequest request, ProxyResponse response) {
        String mediaType = MediaTypes.negotiate(request.header("Accept").orElse(null));
        if (!MediaTypes.GRAPHQL_RESPONSE.equals(mediaType)) {
            return response;
        }
        return response.withHeader("Content-Type", mediaType + "; charset=utf-8");
    }

    private ProxyResponse health(ProxyRequest request) {
        request.requireMethod("GET", "GET");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("store", application.storeKind());
        if ("true".equalsIgnoreCase(request.query().get("deep"))) {
            try {
                application.pingStore();
                body.put("storeReachable", true);
            } catch (RuntimeException e) {
                body.put("status", "unavailable");
                body.put("storeReachable", false);
                return ProxyResponse.json(503, body).withHeader("Retry-After", "5");
            }
        }
        return ProxyResponse.json(200, body);
    }

    private ProxyResponse playground(String path) {
        if (!settings.playgroundEnabled() || !playground.available()) {
            throw new HttpProblem(404, "NOT_FOUND", "No route for " + path);
        }
        if (path.equals("/playground/config.json")) {
            return ProxyResponse.json(200, Map.of("devTokens", settings.devIdentity() != null,
                    "environment", settings.environment()));
        }
        String file = path.equals("/playground") ? "index.html" : path.substring("/playground/".length());
        return playground.serve(file).orElseThrow(() -> new HttpProblem(404, "NOT_FOUND", "No route for " + path));
    }

    private ProxyResponse dev(ProxyRequest request, String path) {
        DevIdentityProvider devIdentity = settings.devIdentity();
        if (path.equals("/dev/jwks.json")) {
            return ProxyResponse.text(200, "application/json", devIdentity.jwksJson());
        }
        if (!path.equals("/dev/token")) {
            throw new HttpProblem(404, "NOT_FOUND", "No route for " + path);
        }
        String organization = request.query().getOrDefault("org", settings.devDefaultOrganization());
        String role = request.query().getOrDefault("role", "editor");
        String user = request.query().getOrDefault("user", "dev-" + role);
        try {
            return ProxyResponse.json(200, Map.of("token", devIdentity.issueToken(organization, role, user, Duration.ofHours(8))));
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(400, "BAD_USER_INPUT",
                    "org must be 1-128 letters, digits, '_', '.', ':' or '-', and role one of viewer, editor, admin");
        }
    }

    /**
     * The X-Ray trace id: the request's {@code X-Amzn-Trace-Id} header, else what the Lambda Java runtime
     * sets for the current invocation (the system property {@code com.amazonaws.xray.traceHeader}; the
     * {@code _X_AMZN_TRACE_ID} variable is not set for Java), else that variable (other runtimes).
     */
    static String traceId(ProxyRequest request) {
        return request.header("X-Amzn-Trace-Id")
                .or(() -> Optional.ofNullable(System.getProperty("com.amazonaws.xray.traceHeader")))
                .orElse(System.getenv("_X_AMZN_TRACE_ID"));
    }

    private static String normalise(String path) {
        if (path.length() > 1 && path.endsWith("/")) {
            return path.substring(0, path.length() - 1);
        }
        return path;
    }
}
