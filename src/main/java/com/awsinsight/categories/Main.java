package com.awsinsight.categories;

import com.awsinsight.categories.auth.DevIdentityProvider;
import com.awsinsight.categories.cli.Arguments;
import com.awsinsight.categories.cli.CommandLine;
import com.awsinsight.categories.cli.Option;
import com.awsinsight.categories.cli.UsageException;
import com.awsinsight.categories.demo.DemoData;
import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.CategoryRules;
import com.awsinsight.categories.domain.model.Role;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.edge.LocalServer;
import com.awsinsight.categories.observability.JsonLog;
import com.awsinsight.categories.services.CategoryApplication;
import com.awsinsight.categories.services.TreeRepair;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.store.dynamodb.DynamoClients;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.store.dynamodb.TableCheck;
import com.awsinsight.categories.store.dynamodb.TableLayout;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The jar's command line: {@code serve} runs the gateway as a local HTTP server; {@code invoke} runs one API
 * Gateway proxy event (a file, or standard input) through the Lambda handler and prints the proxy response, like a
 * local Lambda invocation; {@code migrate} makes the data the Node service wrote indexed (see
 * {@link MigrateCommand}); {@code repair --org X} brings one organization's data in line with the tree invariants
 * (see {@link TreeRepair}); {@code check-tables} checks that both tables have what the gateway reads
 * ({@link TableCheck}).
 *
 * <p>Every command declares its arguments once ({@link CommandLine}) and parses all of them, then reads its
 * settings, before it touches anything: {@code -h}/{@code --help} prints the command's usage and exits 0; an unknown
 * option, a missing or malformed value prints the reason and the usage and exits 2. Only then does a command connect
 * to a store. The commands that work on DynamoDB tables ({@code migrate}, {@code repair}, {@code check-tables}) print
 * the tables, region and endpoint they use on standard error, then check the tables and refuse (exit 1) when an index
 * the gateway reads is missing, before their first write; they never create a table and never load demo data.
 * Exit statuses: 0 done, 1 refused or failed, 2 usage, 3 {@code migrate} stopped before the end.
 */
public final class Main {
    static final String PROGRAM = "java -jar category-gateway.jar";
    static final int USAGE = 2;
    static final int REFUSED = 1;
    private static final Set<String> HELP = Set.of("-h", "--help");

    static final Option<Integer> PORT = Option.number("--port", "N", 0, 65535,
            "port to listen on (default: PORT, else 8080; 0 picks a free port)");
    static final Option<String> HOST = Option.text("--host", "H", "address to listen on (default: HOST, else 127.0.0.1)");
    static final CommandLine SERVE = CommandLine.command(PROGRAM, "serve")
            .synopsis("[--port N] [--host H]")
            .description("""
                    Runs the gateway as a local HTTP server. Without TABLE_NAME and DYNAMODB_ENDPOINT it uses the embedded
                    store with the demo data. On DynamoDB it first creates the tables that are missing (with an endpoint
                    only), then checks both tables and refuses to start when an index the gateway reads is missing; demo
                    data goes only into tables this run created, and nothing is written into tables that existed.""")
            .option(PORT).option(HOST).build();

    static final CommandLine INVOKE = CommandLine.command(PROGRAM, "invoke")
            .synopsis("[event.json | -]")
            .description("""
                    Runs one API Gateway proxy event (a file, or standard input with - or nothing) through the Lambda
                    handler and prints the proxy response, like a local Lambda invoke. The function's settings come from
                    the environment, as in Lambda.""")
            .operands(1).build();

    static final Option<String> REPAIR_ORG = organizationOption("the organization to repair");
    static final Option<Boolean> DEACTIVATE = Option.flag("--deactivate",
            "also switch off active categories under inactive ones (otherwise only reported)");
    static final CommandLine REPAIR = CommandLine.command(PROGRAM, "repair")
            .synopsis("--org ORGANIZATION_ID [--deactivate]")
            .description("""
                    Reattaches orphans and cycles of one organization, indexes it, and reports duplicate names and
                    categories under inactive ones, on the DynamoDB tables of TABLE_NAME / TEMPLATES_TABLE_NAME (after
                    checking them). Prints its report as JSON.""")
            .required(REPAIR_ORG).option(DEACTIVATE).build();

    static final CommandLine CHECK_TABLES = CommandLine.command(PROGRAM, "check-tables")
            .description("""
                    Checks both DynamoDB tables (TABLE_NAME, TEMPLATES_TABLE_NAME) before a cutover: the key, every index
                    the gateway reads with its keys and projection, and that they are ACTIVE. Writes nothing. Exit 0 when
                    the gateway can use them, 1 with one line per problem and the runbook step that fixes it.""")
            .build();

    private static final Map<String, CommandLine> COMMANDS = commands();

    /** What a command leaves: its exit status, or the local server it started (which keeps the process running). */
    record Outcome(int status, LocalServer server) {
        static Outcome exit(int status) {
            return new Outcome(status, null);
        }
    }

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Outcome outcome = run(List.of(args), System.getenv(), System.out, System.err);
        if (outcome.server() != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(outcome.server()::close));
            return;
        }
        System.out.flush();
        System.exit(outcome.status());
    }

    /**
     * Runs the command of {@code args} (none: {@code serve}) with the environment {@code env}: parses every argument
     * and the settings first, and only then touches a store or a file.
     */
    static Outcome run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) throws IOException {
        List<String> arguments = args.isEmpty() ? List.of("serve") : args;
        String name = arguments.get(0);
        if (HELP.contains(name)) {
            out.print(overview());
            return Outcome.exit(0);
        }
        CommandLine command = COMMANDS.get(name);
        if (command == null) {
            err.println("category-gateway: unknown command \"" + name + "\"");
            err.print(overview());
            return Outcome.exit(USAGE);
        }
        Arguments parsed;
        try {
            List<String> rest = arguments.subList(1, arguments.size());
            parsed = command == MigrateCommand.COMMAND_LINE ? MigrateCommand.parse(rest) : command.parse(rest);
        } catch (UsageException e) {
            err.println("category-gateway " + name + ": " + e.getMessage());
            err.print(command.usage());
            return Outcome.exit(USAGE);
        }
        if (parsed.help()) {
            out.print(command.usage());
            return Outcome.exit(0);
        }
        Settings settings;
        try {
            settings = Settings.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            err.println("category-gateway: " + e.getMessage());
            return Outcome.exit(USAGE);
        }
        try {
            return switch (name) {
                case "serve" -> serve(parsed, settings, env, out, err);
                case "invoke" -> {
                    String source = parsed.operands().isEmpty() ? "-" : parsed.operands().get(0);
                    if (!"-".equals(source) && !Files.isReadable(Path.of(source))) {
                        throw new UsageException("cannot read the event file \"" + source + "\"");
                    }
                    if (settings.usesDynamoDb()) {
                        err.println("invoke: categories table " + settings.categoriesTableOrDefault() + ", templates table "
                                + settings.templatesTable() + ", region " + settings.region() + ", endpoint "
                                + DynamoClients.endpoint(settings.region(), settings.dynamoEndpoint()) + "; the event's writes go there");
                    }
                    invoke(source, out);
                    yield Outcome.exit(0);
                }
                case "migrate" -> Outcome.exit(migrate(parsed, settings, out, err));
                case "repair" -> Outcome.exit(repair(parsed, settings, out, err));
                case "check-tables" -> Outcome.exit(checkTables(settings, out, err));
                default -> throw new IllegalStateException("command without a runner: " + name);
            };
        } catch (TableCheck.NotReady e) {
            err.println("category-gateway " + name + ": refused, " + e.getMessage());
            return Outcome.exit(REFUSED);
        } catch (UsageException e) {
            err.println("category-gateway " + name + ": " + e.getMessage());
            return Outcome.exit(USAGE);
        }
    }

    private static Map<String, CommandLine> commands() {
        Map<String, CommandLine> commands = new LinkedHashMap<>();
        for (CommandLine command : List.of(SERVE, INVOKE, MigrateCommand.COMMAND_LINE, REPAIR, CHECK_TABLES)) {
            commands.put(command.name(), command);
        }
        return commands;
    }

    /** Every command's usage lines, and how to get one command's help. */
    static String overview() {
        StringBuilder text = new StringBuilder();
        List<String> lines = COMMANDS.values().stream().flatMap(c -> c.synopses().stream()).toList();
        for (int i = 0; i < lines.size(); i++) {
            text.append(i == 0 ? "usage: " : "       ").append(lines.get(i)).append('\n');
        }
        text.append("\n").append(PROGRAM).append(" COMMAND --help describes a command and its options.\n");
        return text.toString();
    }

    static Outcome serve(Arguments arguments, Settings settings, Map<String, String> env, PrintStream out, PrintStream err)
            throws IOException, UsageException {
        int port = arguments.has(PORT) ? arguments.get(PORT).orElseThrow() : environmentPort(env);
        String host = arguments.get(HOST).orElse(env.getOrDefault("HOST", "127.0.0.1"));
        if (settings.auth().isEmpty() && settings.usesDynamoDb() && !onThisMachine(settings.dynamoEndpoint())) {
            throw new UsageException("refuses the dev identity provider on the DynamoDB tables " + settings.categoriesTableOrDefault()
                    + " and " + settings.templatesTable() + " at " + DynamoClients.endpoint(settings.region(), settings.dynamoEndpoint())
                    + ": its tokens (anyone's, any organization, any role) could write to them. Set USER_POOL_ID and"
                    + " APP_CLIENT_IDS to serve them with Cognito tokens, or DYNAMODB_ENDPOINT to a DynamoDB on this machine");
        }
        LocalServer server = new LocalServer(host, port);
        Application application;
        String base = "http://" + host + ":" + server.port();
        DevIdentityProvider dev = settings.auth().isPresent() ? null : new DevIdentityProvider(base + "/dev");
        try {
            application = Application.create(settings, dev);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        server.start(application.router());
        out.println("category-gateway listening on " + base + " (store: " + application.storeSummary() + ")");
        out.println("  GraphQL:    POST " + base + "/graphql");
        if (settings.playgroundEnabled()) {
            out.println("  Playground: " + base + "/playground");
        }
        if (dev != null) {
            out.println("  No Cognito settings: dev identity provider on (tokens from " + base + "/dev/token?org=…&role=…)");
            out.println("  Token for " + DemoData.ORGANIZATION + " (editor, 8 h):");
            out.println("  " + dev.issueToken(DemoData.ORGANIZATION, "editor", DemoData.USER, Duration.ofHours(8)));
        }
        return new Outcome(0, server);
    }

    /**
     * Whether {@code endpoint} is a DynamoDB on this machine (localhost or a loopback address, as written; no name is
     * resolved): the only DynamoDB the dev identity provider may serve. Null is AWS's own endpoint.
     */
    static boolean onThisMachine(URI endpoint) {
        if (endpoint == null || endpoint.getHost() == null) {
            return false;
        }
        String host = endpoint.getHost().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.") || host.equals("[::1]")
                || host.equals("::1");
    }

    private static int environmentPort(Map<String, String> env) throws UsageException {
        String text = env.getOrDefault("PORT", "8080");
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new UsageException("PORT must be a whole number from 0 to 65535, not \"" + text + "\"");
    }

    /** The {@code --org} option of the commands that work on one organization: an organization id, checked at parse time. */
    static Option<String> organizationOption(String description) {
        return Option.of("--org", "ORGANIZATION_ID", description, text -> {
            if (!CategoryRules.isValidId(text)) {
                throw new IllegalArgumentException("--org needs an organization id (1-128 letters, digits, _ . : -), not \""
                        + text + "\"");
            }
            return text;
        });
    }

    static void invoke(String source, PrintStream out) throws IOException {
        try (InputStream in = "-".equals(source) ? System.in : Files.newInputStream(Path.of(source))) {
            LambdaHandler handler = new LambdaHandler();
            JsonLog.redirect(System.err, false);
            handler.handleRequest(in, out, null);
            out.println();
        }
    }

    private static int migrate(Arguments arguments, Settings settings, PrintStream out, PrintStream err) throws UsageException {
        String writes = arguments.has(MigrateCommand.DRY_RUN) ? "writes nothing (dry run)" : "writes to " + settings.categoriesTable();
        DynamoStore store = checkedTables("migrate", settings, writes, err);
        MigrateCommand migrate = new MigrateCommand(store, Clock.systemUTC(), out, err);
        return MigrateCommand.runWithInterrupts(migrate, arguments);
    }

    private static int repair(Arguments arguments, Settings settings, PrintStream out, PrintStream err)
            throws UsageException, IOException {
        DynamoStore store = checkedTables("repair", settings, "writes to " + settings.categoriesTable(), err);
        String organization = arguments.get(REPAIR_ORG).orElseThrow();
        if (!hasCategories(store, organization)) {
            err.println("category-gateway repair: refused, " + noCategories(organization, settings.categoriesTable()));
            return REFUSED;
        }
        repair(store, organization, arguments.has(DEACTIVATE), out);
        return 0;
    }

    /**
     * Whether {@code organization} has a category in {@code store} (one read of one item): the commands that work on
     * one organization refuse an id that has none, a mistyped {@code --org}, before writing anything for it.
     */
    static boolean hasCategories(Store store, String organization) {
        return !store.categories(organization, new StoreMetrics()).pageById(null, 1).categories().isEmpty();
    }

    static String noCategories(String organization, String table) {
        return "organization \"" + organization + "\" has no categories in " + table + " (check --org)";
    }

    private static int checkTables(Settings settings, PrintStream out, PrintStream err) throws UsageException {
        checkedTables("check-tables", settings, "writes nothing", err);
        out.println("categories table " + settings.categoriesTable() + ": key and indexes "
                + String.join(", ", TableCheck.readIndexes(TableLayout.Table.CATEGORIES)) + " as the gateway reads them, ACTIVE");
        out.println("templates table " + settings.templatesTable() + ": key and indexes "
                + String.join(", ", TableCheck.readIndexes(TableLayout.Table.TEMPLATES)) + " as the gateway reads them, ACTIVE");
        return 0;
    }

    /**
     * The DynamoDB tables of an operator's command, as they are (never created, no demo data): says on {@code err}
     * which tables, region and endpoint it uses, then checks them ({@link TableCheck.NotReady} when they are not
     * ready). The command's first write comes after this.
     */
    private static DynamoStore checkedTables(String command, Settings settings, String writes, PrintStream err)
            throws UsageException {
        if (settings.categoriesTable() == null) {
            throw new UsageException("works on the DynamoDB tables: set TABLE_NAME (and TEMPLATES_TABLE_NAME, AWS_REGION;"
                    + " DYNAMODB_ENDPOINT for a local DynamoDB)");
        }
        err.println(command + ": categories table " + settings.categoriesTable() + ", templates table " + settings.templatesTable()
                + ", region " + settings.region() + ", endpoint " + DynamoClients.endpoint(settings.region(), settings.dynamoEndpoint())
                + "; " + writes);
        DynamoStore store = new DynamoStore(DynamoClients.create(settings.region(), settings.dynamoEndpoint(), settings.dynamoTimeouts()),
                settings.categoriesTable(), settings.templatesTable());
        TableCheck.requireReady(store.client(), store.categoriesTable(), store.templatesTable());
        return store;
    }

    /**
     * Runs {@link TreeRepair} on one organization of {@code store} and prints its report as JSON.
     */
    static TreeRepair.Report repair(Store store, String organizationId, boolean deactivate, PrintStream out) throws IOException {
        Caller operator = new Caller(organizationId, "repair-command", Role.ADMIN);
        TreeRepair.Report report = new CategoryApplication(store, Clock.systemUTC()).forCaller(operator).repair().run(deactivate);
        out.println(MigrateCommand.JSON.writeValueAsString(report));
        return report;
    }
}
