package com.awsinsight.categories.edge;

import com.awsinsight.categories.Application;
import com.awsinsight.categories.Settings;
import com.awsinsight.categories.auth.DevIdentityProvider;
import com.awsinsight.categories.edge.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local server over real HTTP: dev tokens, GraphQL, refusal without a token and the challenge saying why, the
 * headers a browser script may read, gzip, the playground.
 */
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
    void theBearerChallengeSaysWhyATokenWasRefused() throws Exception {
        String query = "{\"query\":\"{ categoryTree { name } }\"}";
        HttpResponse<String> none = post("/graphql", query, null);
        HttpResponse<String> forged = post("/graphql", query, tampered(token("demo-org", "editor")));
        HttpResponse<String> malformed = post("/graphql", query, "not-a-jwt");

        assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals("Bearer error=\"invalid_token\", error_description=\"Token signature is invalid\"",
                forged.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals("Bearer error=\"invalid_token\", error_description=\"Token is malformed\"",
                malformed.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(401, malformed.statusCode());
    }

    @Test
    void anExpiredTokenIsNamedInTheChallenge() {
        assertEquals("Bearer error=\"invalid_token\", error_description=\"Token has expired\"", HttpRouter.bearerChallenge(
                new com.awsinsight.categories.auth.AuthException(com.awsinsight.categories.auth.AuthFailure.UNAUTHENTICATED,
                        com.awsinsight.categories.auth.TokenVerifier.EXPIRED)));
    }

    @Test
    void aBrowserScriptMayReadTheChallengeAndTheRetryAdvice() throws Exception {
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/graphql"))
                .header("Content-Type", "application/json").header("Origin", "https://dashboard.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ categoryTree { name } }\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        String exposed = refused.headers().firstValue("Access-Control-Expose-Headers").orElse("");
        assertEquals(401, refused.statusCode());
        assertTrue(List.of(exposed.split(",")).containsAll(List.of("WWW-Authenticate", "Retry-After", "ETag", "X-Request-Id")), exposed);
    }

    @Test
    void aWholeTreeComesGzippedAndDecodesToTheSameBytes() throws Exception {
        String token = token("demo-org", "viewer");
        String wholeTree = "{\"query\":\"{ categoryTree(maxDepth: 5) { ...F children { ...F children { ...F children { ...F "
                + "children { ...F } } } } } } fragment F on Category { id name description path depth childCount parentId "
                + "isActive createdAt updatedAt createdBy updatedBy version metadata }\"}";
        HttpResponse<byte[]> identity = HTTP.send(graphQL(wholeTree, token).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> gzipped = HTTP.send(graphQL(wholeTree, token).header("Accept-Encoding", "gzip, deflate, br").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> refusedCoding = HTTP.send(graphQL(wholeTree, token).header("Accept-Encoding", "gzip;q=0, br").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<String> small = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, identity.statusCode());
        assertTrue(identity.body().length > 100_000, "a whole tree of the demo organization: " + identity.body().length + " bytes");
        assertTrue(identity.headers().firstValue("Content-Encoding").isEmpty());
        assertEquals("Accept-Encoding", identity.headers().firstValue("Vary").orElse(null));
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
        assertEquals("Accept-Encoding", gzipped.headers().firstValue("Vary").orElse(null));
        byte[] decoded = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body())).readAllBytes();
        assertTrue(java.util.Arrays.equals(identity.body(), decoded), "gzip decodes to the same bytes");
        assertTrue(gzipped.body().length * 5 < identity.body().length, gzipped.body().length + " of " + identity.body().length);
        assertTrue(refusedCoding.headers().firstValue("Content-Encoding").isEmpty(), "gzip;q=0 refuses gzip, and br is not made");
        assertTrue(small.headers().firstValue("Content-Encoding").isEmpty(), "below the threshold");
    }

    private static HttpRequest.Builder graphQL(String body, String token) {
        return HttpRequest.newBuilder(URI.create(base + "/graphql")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body));
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
    @Tag("node") // the playground's bundle is built with Node (not in the fast lane)
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
