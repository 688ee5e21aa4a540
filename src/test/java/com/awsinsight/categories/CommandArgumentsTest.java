package com.awsinsight.categories;

import com.awsinsight.categories.testing.Tripwire;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command parses all its arguments before it touches anything: {@code --help}/{@code -h} print the command's
 * usage and exit 0, an unknown option or a missing or malformed value prints the reason and the usage and exits 2,
 * and in none of these cases does the command connect to the store its settings name (a {@link Tripwire} counts
 * connections). Run in this process through {@link Main#run}; {@code CommandProcessTest} runs the same rows as
 * separate processes (real exit statuses, working directory).
 */
class CommandArgumentsTest {
    private static final List<String> COMMANDS = List.of("serve", "invoke", "migrate", "repair", "check-tables");
    private static Tripwire tripwire;
    private static Map<String, String> env;

    @BeforeAll
    static void armTheTripwire() throws IOException {
        tripwire = new Tripwire();
        env = Map.of("DYNAMODB_ENDPOINT", tripwire.endpoint().toString(), "TABLE_NAME", "live-categories",
                "TEMPLATES_TABLE_NAME", "live-templates", "DYNAMODB_CALL_TIMEOUT_MS", "500");
    }

    @AfterAll
    static void disarm() throws IOException {
        tripwire.close();
    }

    static Stream<Arguments> help() {
        List<Arguments> cases = new ArrayList<>();
        for (String command : COMMANDS) {
            cases.add(Arguments.of(command, List.of("--help")));
            cases.add(Arguments.of(command, List.of("-h")));
        }
        cases.add(Arguments.of("repair", List.of("--org", "acme", "--hlep", "--help")));
        cases.add(Arguments.of("migrate", List.of("--dry-run", "-h")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource
    void help(String command, List<String> arguments) throws Exception {
        Run run = run(command, arguments);

        assertEquals(0, run.status, run.err);
        assertTrue(run.out.startsWith("usage: java -jar category-gateway.jar " + command), run.out);
        assertTrue(run.out.contains("-h, --help"), run.out);
        assertEquals("", run.err);
        assertEquals(0, tripwire.connections(), "--help connected to the store");
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of("serve", List.of("--hlep"), "unknown option --hlep"),
                Arguments.of("serve", List.of("--port"), "--port N needs a value"),
                Arguments.of("serve", List.of("--port", "http"), "--port needs a whole number from 0 to 65535, not \"http\""),
                Arguments.of("serve", List.of("extra"), "unexpected argument \"extra\""),
                Arguments.of("invoke", List.of("--hlep"), "unknown option --hlep"),
                Arguments.of("invoke", List.of("a.json", "b.json"), "unexpected argument \"b.json\""),
                Arguments.of("migrate", List.of("--hlep"), "unknown option --hlep"),
                Arguments.of("migrate", List.of("--segments"), "--segments N needs a value"),
                Arguments.of("migrate", List.of("--segments", "100000"), "--segments needs a whole number from 1 to 1000, not \"100000\""),
                Arguments.of("migrate", List.of("--rate", "0"), "--rate needs a whole number of at least 1, not \"0\""),
                Arguments.of("migrate", List.of("--org"), "--org ORGANIZATION_ID needs a value"),
                Arguments.of("migrate", List.of("--org", "acme corp"),
                        "--org needs an organization id (1-128 letters, digits, _ . : -), not \"acme corp\""),
                Arguments.of("migrate", List.of("--reset-markers", "--dry-run"), "--reset-markers cannot be combined with --dry-run"),
                Arguments.of("migrate", List.of("--org", "acme", "--state", "s.json"),
                        "--state belongs to the whole-table run, not to --org or --reset-markers"),
                Arguments.of("migrate", List.of("--org", "acme", "--segments", "2"), "--segments belongs to whole-table runs, not to --org"),
                Arguments.of("repair", List.of("--org", "acme", "--hlep"), "unknown option --hlep"),
                Arguments.of("repair", List.of(), "missing --org ORGANIZATION_ID"),
                Arguments.of("repair", List.of("--org", "--deactivate"), "--org ORGANIZATION_ID needs a value"),
                Arguments.of("check-tables", List.of("--hlep"), "unknown option --hlep"),
                Arguments.of("check-tables", List.of("live-categories"), "unexpected argument \"live-categories\""));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource
    void usageErrors(String command, List<String> arguments, String message) throws Exception {
        Run run = run(command, arguments);

        assertEquals(2, run.status, run.err);
        assertEquals("", run.out);
        assertTrue(run.err.startsWith("category-gateway " + command + ": " + message + "\nusage: java -jar category-gateway.jar "
                + command), run.err);
        assertEquals(0, tripwire.connections(), "a usage error connected to the store");
    }

    @Test
    void unknownCommandAndTopLevelHelp() throws Exception {
        Run unknown = run("mgirate", List.of());
        Run help = run("--help", List.of());

        assertEquals(2, unknown.status);
        assertTrue(unknown.err.startsWith("category-gateway: unknown command \"mgirate\"\nusage: java -jar category-gateway.jar serve"),
                unknown.err);
        assertEquals(0, help.status);
        for (String command : COMMANDS) {
            assertTrue(help.out.contains("java -jar category-gateway.jar " + command), help.out);
        }
        assertEquals(0, tripwire.connections());
    }

    @ParameterizedTest
    @ValueSource(strings = {"migrate", "repair", "check-tables"})
    void operatorCommandsNeedTheTablesNamed(String command) throws Exception {
        List<String> arguments = command.equals("repair") ? List.of("--org", "acme") : List.of();

        Run run = run(command, arguments, Map.of("DYNAMODB_ENDPOINT", tripwire.endpoint().toString()));

        assertEquals(2, run.status, run.err);
        assertEquals("category-gateway " + command + ": works on the DynamoDB tables: set TABLE_NAME (and TEMPLATES_TABLE_NAME,"
                + " AWS_REGION; DYNAMODB_ENDPOINT for a local DynamoDB)\n", run.err);
        assertEquals(0, tripwire.connections());
    }

    /**
     * `serve` with the dev identity provider (no Cognito settings) hands out tokens for any organization and role:
     * on AWS's tables (no endpoint) or any DynamoDB not on this machine it refuses to start, before any connection.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "https://dynamodb-fips.us-east-1.amazonaws.com", "http://10.0.0.12:8000"})
    void serveRefusesDevTokensOnTablesNotOnThisMachine(String endpoint) throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(Map.of("TABLE_NAME", "prod-insight-categories",
                "TEMPLATES_TABLE_NAME", "prod-insight-category-templates", "AWS_REGION", "eu-west-1", "PORT", "0"));
        if (!endpoint.isEmpty()) {
            environment.put("DYNAMODB_ENDPOINT", endpoint);
        }

        Run run = run("serve", List.of(), environment);

        assertEquals(2, run.status, run.err);
        assertEquals("category-gateway serve: refuses the dev identity provider on the DynamoDB tables prod-insight-categories"
                + " and prod-insight-category-templates at " + (endpoint.isEmpty() ? "https://dynamodb.eu-west-1.amazonaws.com" : endpoint)
                + ": its tokens (anyone's, any organization, any role) could write to them. Set USER_POOL_ID and APP_CLIENT_IDS"
                + " to serve them with Cognito tokens, or DYNAMODB_ENDPOINT to a DynamoDB on this machine\n", run.err);
        assertEquals("", run.out);
    }

    @Test
    void aDynamoDbOnThisMachineIsOneOnLocalhostOrALoopbackAddress() {
        for (String local : List.of("http://localhost:8000", "http://127.0.0.1:4566", "http://[::1]:8000", "http://dynamodb.localhost:8000")) {
            assertTrue(Main.onThisMachine(java.net.URI.create(local)), local);
        }
        for (String remote : List.of("http://10.0.0.12:8000", "https://dynamodb.eu-west-1.amazonaws.com", "http://localhost.example.com")) {
            assertFalse(Main.onThisMachine(java.net.URI.create(remote)), remote);
        }
        assertFalse(Main.onThisMachine(null), "AWS's own endpoint");
    }

    @Test
    void invokeOfAFileThatCannotBeReadIsAUsageErrorBeforeAnyConnection() throws Exception {
        Run run = run("invoke", List.of("no-such-event.json"), Map.of("TABLE_NAME", "live-categories", "DYNAMODB_ENDPOINT",
                tripwire.endpoint().toString()));

        assertEquals(2, run.status, run.err);
        assertEquals("category-gateway invoke: cannot read the event file \"no-such-event.json\"\n", run.err);
        assertEquals(0, tripwire.connections());
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of("AWS_MAX_ATTEMPTS", "abc", "AWS_MAX_ATTEMPTS must be a whole number from 1 to 20, not \"abc\""),
                Arguments.of("AWS_REGION", " ", "AWS_REGION must name a region (such as us-east-1), not be empty"),
                Arguments.of("DYNAMODB_ENDPOINT", "localhost:8000", "DYNAMODB_ENDPOINT must be an http:// or https:// URL with a host"
                        + " (such as http://localhost:8000), not \"localhost:8000\""),
                Arguments.of("MAX_BODY_BYTES", "100kb", "MAX_BODY_BYTES must be a whole number from 1 up, not \"100kb\""),
                Arguments.of("STORE_BUDGET_MS", "0", "STORE_BUDGET_MS must be a whole number from 1 up, not \"0\""));
    }

    @ParameterizedTest
    @MethodSource("invalidSettings")
    void eachInvalidSettingIsNamedBeforeAnyConnection(String name, String value, String message) throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(Map.of("TABLE_NAME", "live-categories",
                "DYNAMODB_ENDPOINT", tripwire.endpoint().toString()));
        environment.put(name, value);

        Run run = run("migrate", List.of("--dry-run"), environment);

        assertEquals(2, run.status, run.err);
        assertEquals("category-gateway: " + message + "\n", run.err);
        assertEquals(0, tripwire.connections());
    }

    @Test
    void invalidSettingsAreAUsageErrorBeforeAnyConnection() throws Exception {
        Run run = run("migrate", List.of("--dry-run"), Map.of("TABLE_NAME", "live-categories", "DYNAMODB_ENDPOINT",
                tripwire.endpoint().toString(), "ORGANIZATION_CACHE_MB", "-1"));

        assertEquals(2, run.status);
        assertEquals("category-gateway: ORGANIZATION_CACHE_MB must be 0 or more\n", run.err);
        assertEquals(0, tripwire.connections());
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String command, List<String> arguments) throws Exception {
        return run(command, arguments, env);
    }

    private static Run run(String command, List<String> arguments, Map<String, String> environment) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(arguments);
        Main.Outcome outcome = Main.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertNull(outcome.server(), "no server may be left running");
        return new Run(outcome.status(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
