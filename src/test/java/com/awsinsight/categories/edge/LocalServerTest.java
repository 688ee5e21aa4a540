package com.awsinsight.categories.edge;

import com.awsinsight.categories.Application;
import com.awsinsight.categories.Settings;
import com.awsinsight.categories.auth.DevIdentityProvider;
import com.awsinsight.categories.edge.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local server over real HTTP: dev tokens, GraphQL, refusal without a token, the playground. */
class LocalServerTest {
    private static LocalServer server;
    private static String base;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        server = new LocalServer("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        DevIdentityProvider dev = new DevIdentityProvider(base + "/dev");
        server.start(Application.create(Settings.fromEnvironment(Map.of()), dev).router());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void nagleIsOffUnlessTheUserSaidOtherwise() {
        // set by LocalServer's static initialiser before the JDK server reads it (LocalServerKeepAliveIT
        // checks the effect on a kept-alive connection)
        assertEquals("true", System.getProperty("sun.net.httpserver.nodelay"));
    }

    @Test
    void devTokenOpensGraphQLForItsOrganization() throws Exception {
        String token = token("demo-org-2", "viewer");

        HttpResponse<String> response = post("/graphql", "{\"query\":\"{ categoryTree { name children { name } } }\"}", token);

        assertEquals(200, response.statusCode());
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertEquals("Infrastructure Costs", body.at("/data/categoryTree/0/name").asText());
        assertEquals("Compute", body.at("/data/categoryTree/0/children/0/name").asText());
        assertEquals("Marketing", body.at("/data/categoryTree/1/name").asText());
    }

    @Test
    void theDemoDataIsLoadedAsProductionHasItSoNamesResolveIgnoringCase() throws Exception {
        HttpResponse<String> response = post("/graphql", "{\"query\":\"{ categoryByName(name: \\\"ec2\\\") { name path } }\"}",
                token("demo-org", "viewer"));

        JsonNode body = Json.MAPPER.readTree(response.body());
        assertEquals("EC2", body.at("/data/categoryByName/name").asText(), response.body());
        assertEquals("Infrastructure Costs › Compute › EC2", body.at("/data/categoryByName/path").asText());
    }

    @Test
    void requestsWithoutAValidTokenAreRefused() throws Exception {
        HttpResponse<String> none = post("/graphql", "{\"query\":\"{ categoryTree { name } }\"}", null);
        HttpResponse<String> forged = post("/graphql", "{\"query\":\"{ categoryTree { name } }\"}",
                tampered(token("demo-org", "editor")));

        assertEquals(401, none.statusCode());
        assertEquals("Missing bearer token", Json.MAPPER.readTree(none.body()).at("/errors/0/message").asText());
        assertEquals(401, forged.statusCode());
    }

    @Test
    void badRoleForADevTokenIs400() throws Exception {
        HttpResponse<String> response = get("/dev/token?org=demo-org&role=root");

        assertEquals(400, response.statusCode());
    }

    @Test
    void devTokensAreNotIssuedForOrganizationsThatAreNotValidIds() throws Exception {
        HttpResponse<String> auxiliary = get("/dev/token?org=demo-org%23IDEMPOTENCY&role=admin");
        HttpResponse<String> overlong = get("/dev/token?org=" + "x".repeat(3000) + "&role=viewer");

        assertEquals(400, auxiliary.statusCode(), auxiliary.body());
        assertEquals(400, overlong.statusCode(), overlong.body());
    }

    @Test
    void playgroundIsServedWithAContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get("/playground");
        HttpResponse<String> script = get("/playground/app.js");
        HttpResponse<String> config = get("/playground/config.json");

        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        assertTrue(page.body().contains("playground/app.js"));
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(Json.MAPPER.readTree(config.body()).get("devTokens").asBoolean());
    }

    /**
     * The token with one signature character changed. Not the last one: its low bits are padding in
     * base64url, so changing it can leave the signature bytes as they were.
     */
    private static String tampered(String token) {
        int at = token.length() - 10;
        char replacement = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + replacement + token.substring(at + 1);
    }

    private static String token(String org, String role) throws Exception {
        HttpResponse<String> response = get("/dev/token?org=" + org + "&role=" + role);
        assertEquals(200, response.statusCode(), response.body());
        return Json.MAPPER.readTree(response.body()).get("token").asText();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
