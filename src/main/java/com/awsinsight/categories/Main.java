package com.awsinsight.categories;

import com.awsinsight.categories.auth.DevIdentityProvider;
import com.awsinsight.categories.demo.DemoData;
import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Role;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.edge.LocalServer;
import com.awsinsight.categories.observability.JsonLog;
import com.awsinsight.categories.services.CategoryApplication;
import com.awsinsight.categories.services.TreeRepair;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The jar's command line: {@code serve} runs the gateway as a local HTTP server; {@code invoke} runs
 * one API Gateway proxy event (a file, or standard input) through the Lambda handler and prints the
 * proxy response, like a local Lambda invocation; {@code migrate} makes the data the Node service wrote
 * indexed (see {@link MigrateCommand}); {@code repair --org X} brings one organization's data in line with
 * the tree invariants (see {@link TreeRepair}).
 */
public final class Main {
    private static final String USAGE = """
            usage: java -jar category-gateway.jar serve [--port N] [--host H]
                   java -jar category-gateway.jar invoke [event.json | -]
                   java -jar category-gateway.jar migrate [--dry-run] [--segments N] [--rate CALLS_PER_SECOND] [--state FILE]
                   java -jar category-gateway.jar migrate --org ORGANIZATION_ID [--dry-run]
                   java -jar category-gateway.jar migrate --reset-markers [--org ORGANIZATION_ID]
                   java -jar category-gateway.jar repair --org ORGANIZATION_ID [--deactivate]""";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        String command = arguments.isEmpty() ? "serve" : arguments.get(0);
        switch (command) {
            case "serve" -> serve(arguments);
            case "invoke" -> invoke(arguments.size() > 1 ? arguments.get(1) : "-", System.out);
            case "repair" -> {
                String org = option(arguments, "--org", null);
                if (org == null) {
                    System.err.println(USAGE);
                    System.exit(2);
                }
                repair(Application.store(settings()), org,
                        arguments.contains("--deactivate"), System.out);
            }
            case "migrate" -> {
                MigrateCommand migrate = new MigrateCommand(Application.store(settings()),
                        Clock.systemUTC(), System.out, System.err);
                System.exit(MigrateCommand.runWithInterrupts(migrate, arguments.subList(1, arguments.size())));
            }
            default -> {
                System.err.println(USAGE);
                System.exit(2);
            }
        }
    }

    /** The settings of the environment, or exit status 2 with the reason when they are incomplete or invalid. */
    private static Settings settings() {
        try {
            return Settings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("category-gateway: " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    static void serve(List<String> arguments) throws IOException {
        Settings settings = settings();
        int port = Integer.parseInt(option(arguments, "--port", System.getenv().getOrDefault("PORT", "8080")));
        String host = option(arguments, "--host", System.getenv().getOrDefault("HOST", "127.0.0.1"));
        LocalServer server = new LocalServer(host, port);
        String base = "http://" + host + ":" + server.port();
        DevIdentityProvider dev = settings.auth().isPresent() ? null : new DevIdentityProvider(base + "/dev");
        Application application = Application.create(settings, dev);
        server.start(application.router());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        PrintStream out = System.out;
        out.println("category-gateway listening on " + base + " (store: " + application.store().kind() + ")");
        out.println("  GraphQL:    POST " + base + "/graphql");
        if (settings.playgroundEnabled()) {
            out.println("  Playground: " + base + "/playground");
        }
        if (dev != null) {
            out.println("  No Cognito settings: dev identity provider on (tokens from " + base + "/dev/token?org=…&role=…)");
            out.println("  Token for " + DemoData.ORGANIZATION + " (editor, 8 h):");
            out.println("  " + dev.issueToken(DemoData.ORGANIZATION, "editor", DemoData.USER, Duration.ofHours(8)));
        }
    }

    static void invoke(String source, PrintStream out) throws IOException {
        try (InputStream in = "-".equals(source) ? System.in : Files.newInputStream(Path.of(source))) {
            LambdaHandler handler = new LambdaHandler();
            JsonLog.redirect(System.err, false);
            handler.handleRequest(in, out, null);
            out.println();
        }
    }

    /**
     * Runs {@link TreeRepair} on one organization of the configured store (TABLE_NAME / DYNAMODB_ENDPOINT,
     * as for {@code serve}) and prints its report as JSON.
     */
    static TreeRepair.Report repair(Store store, String organizationId, boolean deactivate, PrintStream out) throws IOException {
        Caller operator = new Caller(organizationId, "repair-command", Role.ADMIN);
        TreeRepair.Report report = new CategoryApplication(store, Clock.systemUTC()).forCaller(operator).repair().run(deactivate);
        out.println(MigrateCommand.JSON.writeValueAsString(report));
        return report;
    }

    static String option(List<String> arguments, String name, String fallback) {
        int index = arguments.indexOf(name);
        return index >= 0 && index + 1 < arguments.size() ? arguments.get(index + 1) : fallback;
    }
}
