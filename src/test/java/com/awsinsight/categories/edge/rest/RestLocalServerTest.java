package com.awsinsight.categories.edge.rest;

import com.awsinsight.categories.Application;
import com.awsinsight.categories.Settings;
import com.awsinsight.categories.auth.DevIdentityProvider;
import com.awsinsight.categories.edge.Authenticator;
import com.awsinsight.categories.edge.LocalServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The REST contract over real HTTP: the local server on a free port (embedded store, dev identity
 * provider), replaying each fixture's method, path, query, headers and body. Authorizer claims in a
 * fixture become a dev token for the same organization, role and user, since the local server
 * never trusts claims from the client; a fixture without claims sends no token.
 */
class RestLocalServerTest extends RestRoutesContract {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private static LocalServer server;
    private static LocalServer unreachableServer;
    private static DevIdentityProvider dev;

    @BeforeAll
    static void start() throws IOException {
        server = new LocalServer("127.0.0.1", 0);
        dev = new DevIdentityProvider("http://127.0.0.1:" + server.port() + "/dev");
        Settings settings = Settings.fromEnvironment(Map.of("CORS_ALLOWED_ORIGINS", ORIGIN));
        server.start(Application.create(settings, dev).router());
        unreachableServer = new LocalServer("127.0.0.1", 0);
        unreachableServer.start(unreachableStoreRouter(new Authenticator(null)));
    }

    @AfterAll
    static void stop() {
        server.close();
        unreachableServer.close();
    }

    @Override
    Response send(ObjectNode event) throws Exception {
        return replay(server.port(), event);
    }

    @Override
    Response sendToUnreachableStore(ObjectNode event) throws Exception {
        return replay(unreachableServer.port(), event);
    }

    private static Response replay(int port, ObjectNode event) throws Exception {
        String body = event.path("body").isTextual() ? event.path("body").asText() : null;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + event.path("path").asText() + queryString(event.path("queryStringParameters"))))
                .method(event.path("httpMethod").asText(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        event.path("headers").fields().forEachRemaining(header -> {
            if (!RESTRICTED.contains(header.getKey().toLowerCase())) {
                request.header(header.getKey(), header.getValue().asText());
            }
        });
        JsonNode claims = event.at("/requestContext/authorizer/claims");
        if (claims.isObject()) {
            String token = dev.issueToken(claims.path("custom:organizationId").asText(),
                    claims.path("custom:role").asText(), claims.path("sub").asText(), Duration.ofMinutes(10));
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name, values.get(values.size() - 1)));
        return new Response(response.statusCode(), headers, response.body());
    }

    private static String queryString(JsonNode query) {
        if (!query.isObject() || query.isEmpty()) {
            return "";
        }
        StringJoiner joined = new StringJoiner("&", "?", "");
        query.fields().forEachRemaining(e -> joined.add(encode(e.getKey()) + "=" + encode(e.getValue().asText())));
        return joined.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
