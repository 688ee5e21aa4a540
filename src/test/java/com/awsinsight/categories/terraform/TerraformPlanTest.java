package com.awsinsight.categories.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Offline checks of the Terraform stack (no AWS account): {@code terraform fmt -check}, {@code init -backend=false}
 * + {@code validate} once on the root module (terraform/ itself), then for each environment an offline
 * {@code plan -var-file=environments/<env>/terraform.tfvars} of the root (fake credentials,
 * {@code -var offline_plan=true}, local backend override in a copy of terraform/ under target/, one copy per
 * environment so the three plans run side by side) whose {@code terraform show -json} output is checked against
 * the seed's promises.
 *
 * <p>Needs the terraform binary (PATH, /usr/local/bin or TERRAFORM_BINARY) and a local provider mirror
 * (TF_PLUGIN_MIRROR, default /opt/tf-plugins). A missing binary or mirror is a failure, not a skip.
 */
@Tag("terraform")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerraformPlanTest {

    private static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** All an environment directory holds: its values and its state location (the root module is terraform/). */
    private static final Set<String> ENV_FILES = Set.of("terraform.tfvars", "backend.hcl");

    private static final List<String> FUNCTIONS =
            List.of("category-list", "category-crud", "template-list", "category-graphql");

    /** Non-OPTIONS routes that are deliberately public (documented in terraform/README.md). */
    private static final Set<String> PUBLIC_PATHS = Set.of("/health", "/playground", "/playground/{proxy+}");

    /** The only actions that may target Resource "*" outside a KMS key policy (no resource-level permissions). */
    private static final Predicate<String> WILDCARD_RESOURCE_ACTION = action -> action.startsWith("xray:");

    /** Managed policies the stack may attach (documented in terraform/README.md). */
    private static final Set<String> ALLOWED_MANAGED_POLICIES = Set.of(
            "service-role/AWSLambdaVPCAccessExecutionRole",
            "service-role/AmazonAPIGatewayPushToCloudWatchLogs");

    private static final Set<String> REQUIRED_LAMBDA_ENV = Set.of(
            "TABLE_NAME", "TEMPLATES_TABLE_NAME", "LOG_LEVEL", "ENABLE_XRAY", "ENVIRONMENT", "USER_POOL_ID",
            "APP_CLIENT_IDS", "CORS_ALLOWED_ORIGINS", "PLAYGROUND_ENABLED", "INTROSPECTION_ENABLED");

    private static final Set<String> FORBIDDEN_LAMBDA_ENV = Set.of(
            "AWS_REGION", "DYNAMODB_ENDPOINT", "JAVA_TOOL_OPTIONS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");

    /** The seed's per-environment table. */
    private record Expected(int memory, int provisionedConcurrency, boolean pitr, int throttleRate,
                            int throttleBurst, String logLevel, String alarmEmail, boolean playground) {
    }

    private static final Map<String, Expected> EXPECTED = Map.of(
            "dev", new Expected(256, 0, false, 10, 20, "DEBUG", "dev@example.com", true),
            "staging", new Expected(256, 2, true, 50, 100, "INFO", "staging@example.com", true),
            "prod", new Expected(512, 5, true, 100, 200, "INFO", "ops@example.com", false));

    private static final Map<String, Integer> RESERVED_CONCURRENCY = Map.of(
            "category-list", 100, "category-crud", 50, "template-list", 20, "category-graphql", 100);

    private Path repoRoot;
    private Path terraformDir;
    private Path workDir;
    private String terraform;
    private Path cliConfig;
    private ExecutorService executor;
    private final Map<String, CompletableFuture<JsonNode>> plans = new LinkedHashMap<>();
    private CompletableFuture<String> validation;
    private final Map<String, String> planLogs = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    void startTerraform() throws IOException {
        repoRoot = Paths.get("").toAbsolutePath();
        terraformDir = repoRoot.resolve("terraform");
        assertTrue(Files.isDirectory(terraformDir.resolve("environments")) && Files.isRegularFile(terraformDir.resolve("main.tf")),
                "terraform/main.tf and terraform/environments not found under " + repoRoot + " (run from the repository root)");
        terraform = findTerraform();
        Path mirror = Paths.get(envOr("TF_PLUGIN_MIRROR", "/opt/tf-plugins"));
        assertTrue(Files.isDirectory(mirror), "Terraform provider mirror not found at " + mirror
                + ": install hashicorp/aws into a filesystem mirror or set TF_PLUGIN_MIRROR");

        workDir = repoRoot.resolve("target/terraform-test");
        deleteRecursively(workDir);
        Files.createDirectories(workDir);
        cliConfig = workDir.resolve("terraform.rc");
        Files.writeString(cliConfig, "provider_installation {\n  filesystem_mirror {\n    path    = \""
                + mirror.toAbsolutePath().toString().replace("\\", "/") + "\"\n    include = [\"hashicorp/*\"]\n  }\n}\n");

        // One init/validate of the root, then the three environments' plans side by side, each in its own copy
        // of terraform/ with its own TF_DATA_DIR and state (separate terraform process trees).
        executor = Executors.newFixedThreadPool(ENVIRONMENTS.size());
        validation = CompletableFuture.supplyAsync(this::validate, executor);
        for (String env : ENVIRONMENTS) {
            plans.put(env, validation.thenApplyAsync(valid -> plan(env), executor));
        }
    }

    @AfterAll
    void stopExecutor() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- fmt, validate, layout

    @Test
    void terraformFilesAreCanonicallyFormatted() {
        Result fmt = run(terraformDir, Map.of(), "fmt", "-check", "-recursive", "-diff", "-no-color");
        assertEquals(0, fmt.exitCode, "terraform fmt -check -recursive failed; run `terraform fmt -recursive terraform`\n"
                + fmt.output);
    }

    @Test
    void rootModuleInitialisesAndValidates() {
        String output = await(validation, "init/validate of the root module");
        assertTrue(output.contains("The configuration is valid"), output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void validateAndPlanPrintNoWarnings(String env) {
        String validate = await(validation, "init/validate of the root module");
        plan(env, true);
        for (String output : List.of(validate, planLogs.get(env))) {
            assertFalse(output.contains("Warning:"), "terraform warns about " + env + " (deprecated or ignored settings):\n" + output);
        }
    }

    @Test
    void environmentsAreOnlyValuesAndStateLocationsOfTheOneRootModule() throws IOException {
        assertTrue(Pattern.compile("(?m)^  backend \"s3\" \\{\\}").matcher(Files.readString(terraformDir.resolve("versions.tf"))).find(),
                "terraform/versions.tf must declare the partial backend \"s3\" {} that backend.hcl completes");
        Path environments = terraformDir.resolve("environments");
        Pattern key = Pattern.compile("(?m)^key\\s*=\\s*\"([^\"]+)\"");
        Map<String, String> stateKeys = new TreeMap<>();
        for (String env : ENVIRONMENTS) {
            Set<String> files;
            try (Stream<Path> entries = Files.list(environments.resolve(env))) {
                files = entries.map(path -> path.getFileName().toString()).filter(name -> !name.startsWith("."))
                        .collect(Collectors.toCollection(TreeSet::new));
            }
            assertEquals(new TreeSet<>(ENV_FILES), files, "environments/" + env
                    + " may hold only terraform.tfvars and backend.hcl: the root module is terraform/ itself");
            String backend = Files.readString(environments.resolve(env).resolve("backend.hcl"));
            assertTrue(backend.contains("bucket") && backend.contains("dynamodb_table") && backend.contains("encrypt"),
                    env + "/backend.hcl must configure an encrypted S3 state with DynamoDB locking:\n" + backend);
            java.util.regex.Matcher stateKey = key.matcher(backend);
            assertTrue(stateKey.find() && stateKey.group(1).contains("/" + env + "/"),
                    env + "/backend.hcl must give the environment its own state key (containing /" + env + "/):\n" + backend);
            String other = stateKeys.put(stateKey.group(1), env);
            assertTrue(other == null, env + " and " + other + " share the state key " + stateKey.group(1));
        }
    }

    @Test
    void everyModuleFollowsTheFileLayoutAndTypesAndDescribesItsVariables() throws IOException {
        List<Path> variableFiles = new ArrayList<>();
        variableFiles.add(terraformDir.resolve("variables.tf"));
        try (Stream<Path> modules = Files.list(terraformDir.resolve("modules"))) {
            for (Path module : modules.filter(Files::isDirectory).sorted().collect(Collectors.toList())) {
                for (String file : List.of("main.tf", "variables.tf", "outputs.tf", "versions.tf")) {
                    assertTrue(Files.isRegularFile(module.resolve(file)), module.getFileName() + " lacks " + file);
                }
                variableFiles.add(module.resolve("variables.tf"));
            }
        }
        Pattern description = Pattern.compile("(?m)^  description\\s*=");
        Pattern type = Pattern.compile("(?m)^  type\\s*=");
        List<String> problems = new ArrayList<>();
        for (Path file : variableFiles) {
            String[] blocks = Files.readString(file).split("(?m)^variable \"");
            for (int i = 1; i < blocks.length; i++) {
                String name = blocks[i].substring(0, blocks[i].indexOf('"'));
                if (!description.matcher(blocks[i]).find()) {
                    problems.add(terraformDir.relativize(file) + ": variable " + name + " has no description");
                }
                if (!type.matcher(blocks[i]).find()) {
                    problems.add(terraformDir.relativize(file) + ": variable " + name + " has no type");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    // ---------------------------------------------------------------- DynamoDB

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void tablesAreEncryptedWithTheCustomerKeyAndHavePitrPerEnvironment(String env) {
        JsonNode plan = plan(env, true);
        List<JsonNode> tables = changes(plan, "aws_dynamodb_table");
        assertEquals(2, tables.size(), "two DynamoDB tables expected");
        for (JsonNode table : tables) {
            JsonNode after = after(table);
            String name = after.path("name").asText();
            JsonNode sse = after.path("server_side_encryption").path(0);
            assertTrue(sse.path("enabled").asBoolean(false), name + ": SSE must be enabled");
            boolean keyUnknown = afterUnknown(table).path("server_side_encryption").path(0).path("kms_key_arn").asBoolean(false);
            assertTrue(keyUnknown || sse.hasNonNull("kms_key_arn"), name + ": SSE must use the customer-managed key (kms_key_arn)");
            assertEquals(EXPECTED.get(env).pitr, after.path("point_in_time_recovery").path(0).path("enabled").asBoolean(),
                    name + ": point-in-time recovery in " + env);
            assertEquals("PAY_PER_REQUEST", after.path("billing_mode").asText(), name);
            assertEquals("expiresAt", after.path("ttl").path(0).path("attribute_name").asText(), name + ": TTL attribute");
            assertTrue(after.path("ttl").path(0).path("enabled").asBoolean(), name + ": TTL enabled");
        }
        JsonNode kmsKey = single(plan, "aws_kms_key");
        assertTrue(after(kmsKey).path("enable_key_rotation").asBoolean(), "the customer-managed key must rotate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void tablesHaveTheSeedSchemaPlusTheStoreIndexes(String env) {
        JsonNode plan = plan(env, true);
        JsonNode categories = after(byName(plan, "aws_dynamodb_table", env + "-insight-categories"));
        assertEquals("organizationId", categories.path("hash_key").asText());
        assertEquals("categoryId", categories.path("range_key").asText());
        assertEquals(Map.of(
                        "CategoryNameIndex", "organizationId/categoryName/ALL",
                        "CreatedAtIndex", "organizationId/createdAt/KEYS_ONLY",
                        "ParentIndex", "organizationId/parentKey/ALL"),
                indexes(categories), "categories table indexes");

        JsonNode templates = after(byName(plan, "aws_dynamodb_table", env + "-insight-category-templates"));
        assertEquals("templateId", templates.path("hash_key").asText());
        assertEquals("version", templates.path("range_key").asText());
        assertEquals(Map.of("TemplateTypeIndex", "templateType/version/ALL"), indexes(templates), "templates table indexes");
        assertTrue(attributeTypes(templates).get("version").equals("N"), "templates.version is a number");
    }

    // ---------------------------------------------------------------- Lambda

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void functionsHaveTheSeedSizingAndOneColdStartStrategy(String env) {
        JsonNode plan = plan(env, true);
        Expected expected = EXPECTED.get(env);
        Map<String, JsonNode> functions = new TreeMap<>();
        for (JsonNode function : changes(plan, "aws_lambda_function")) {
            functions.put(function.path("index").asText(), after(function));
        }
        assertEquals(new TreeSet<>(FUNCTIONS), functions.keySet(), "functions deployed in " + env);

        for (Map.Entry<String, JsonNode> entry : functions.entrySet()) {
            String key = entry.getKey();
            JsonNode fn = entry.getValue();
            String name = env + "-insight-" + key;
            assertEquals(name, fn.path("function_name").asText());
            assertEquals("java21", fn.path("runtime").asText(), name);
            assertEquals("com.awsinsight.categories.edge.LambdaHandler::handleRequest", fn.path("handler").asText(), name);
            assertEquals(30, fn.path("timeout").asInt(), name + " timeout");
            int memory = key.equals("category-crud") ? Math.max(512, expected.memory) : expected.memory;
            assertEquals(memory, fn.path("memory_size").asInt(), name + " memory in " + env);
            assertEquals(RESERVED_CONCURRENCY.get(key).intValue(), fn.path("reserved_concurrent_executions").asInt(),
                    name + " reserved concurrency");
            assertTrue(fn.path("publish").asBoolean(), name + " must publish versions (alias, SnapStart, provisioned concurrency)");
            assertEquals("Active", fn.path("tracing_config").path(0).path("mode").asText(), name + ": X-Ray tracing");
            assertFalse(fn.path("vpc_config").path(0).isMissingNode(), name + " must run in the VPC");

            boolean snapStart = fn.path("snap_start").size() > 0;
            assertEquals(expected.provisionedConcurrency == 0, snapStart,
                    name + ": SnapStart exactly where there is no provisioned concurrency (" + env + ")");
            if (snapStart) {
                assertEquals("PublishedVersions", fn.path("snap_start").path(0).path("apply_on").asText(), name);
            }
        }

        // The variables map is unknown in the resource at plan time (it holds the pool and client ids), so the
        // contract is read from the lambda_environment output, which is exactly what every function receives.
        JsonNode functionConfig = moduleResource(plan.path("configuration").path("root_module"), "lambda", "aws_lambda_function");
        assertTrue(functionConfig.path("expressions").path("environment").path(0).path("variables").path("references").toString()
                .contains("var.environment_variables"), "every function gets the module's environment_variables");
        JsonNode output = plan.path("output_changes").path("lambda_environment");
        JsonNode variables = output.path("after");
        Set<String> names = new TreeSet<>();
        variables.fieldNames().forEachRemaining(names::add);
        output.path("after_unknown").fieldNames().forEachRemaining(names::add);
        assertTrue(names.containsAll(REQUIRED_LAMBDA_ENV), "function environment lacks " + missing(REQUIRED_LAMBDA_ENV, names));
        for (String forbidden : FORBIDDEN_LAMBDA_ENV) {
            assertFalse(names.contains(forbidden), "functions must not set " + forbidden);
        }
        assertEquals("true", variables.path("ENABLE_XRAY").asText());
        assertEquals(env, variables.path("ENVIRONMENT").asText());
        assertEquals(env + "-insight-categories", variables.path("TABLE_NAME").asText());
        assertEquals(env + "-insight-category-templates", variables.path("TEMPLATES_TABLE_NAME").asText());
        assertEquals(expected.logLevel, variables.path("LOG_LEVEL").asText());
        assertEquals(String.valueOf(expected.playground), variables.path("PLAYGROUND_ENABLED").asText());
        if (env.equals("prod")) {
            assertEquals("false", variables.path("INTROSPECTION_ENABLED").asText(), "no introspection in prod");
        }

        List<JsonNode> provisioned = changes(plan, "aws_lambda_provisioned_concurrency_config");
        if (expected.provisionedConcurrency == 0) {
            assertTrue(provisioned.isEmpty(), "no provisioned concurrency in " + env);
        } else {
            assertEquals(FUNCTIONS.size(), provisioned.size(), "provisioned concurrency on every alias in " + env);
            for (JsonNode config : provisioned) {
                assertEquals(expected.provisionedConcurrency, after(config).path("provisioned_concurrent_executions").asInt(),
                        config.path("address").asText());
                assertEquals("live", after(config).path("qualifier").asText(), "provisioned concurrency goes on the live alias");
            }
        }
        assertEquals(FUNCTIONS.size(), changes(plan, "aws_lambda_alias").size(), "one live alias per function");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void tracingIsOnAndLogsAreKeptThirtyDays(String env) {
        JsonNode plan = plan(env, true);
        JsonNode stage = single(plan, "aws_api_gateway_stage");
        assertTrue(after(stage).path("xray_tracing_enabled").asBoolean(), "X-Ray on the API stage");
        assertEquals(env, after(stage).path("stage_name").asText(), "stage named by environment");
        String format = after(stage).path("access_log_settings").path(0).path("format").asText();
        for (String field : List.of("requestId", "ip", "caller", "user", "requestTime", "httpMethod", "resourcePath",
                "status", "protocol", "responseLength", "integrationError")) {
            assertTrue(format.contains("\"" + field + "\""), "access log format lacks " + field + ": " + format);
        }

        List<JsonNode> groups = changes(plan, "aws_cloudwatch_log_group");
        assertEquals(FUNCTIONS.size() + 1, groups.size(), "one log group per function plus the API access log");
        for (JsonNode group : groups) {
            assertEquals(30, after(group).path("retention_in_days").asInt(), after(group).path("name").asText() + " retention");
        }
    }

    // ---------------------------------------------------------------- IAM

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void iamHasNoWildcardActionsAndNoWildcardResourcesBeyondXRay(String env) {
        JsonNode plan = plan(env, true);
        List<String> problems = new ArrayList<>();
        int documents = 0;

        for (JsonNode document : policyDocuments(plan)) {
            documents++;
            String address = document.path("address").asText();
            boolean keyPolicy = address.endsWith("aws_iam_policy_document.key_policy");
            for (JsonNode statement : document.path("values").path("statement")) {
                checkStatement(address, keyPolicy, statement.path("actions"), statement.path("resources"),
                        statement.path("not_actions"), statement.path("not_resources"), problems);
            }
        }
        // Any policy JSON already known at plan time (inline policies, assume-role policies, ...).
        for (JsonNode change : plan.path("resource_changes")) {
            JsonNode after = change.path("change").path("after");
            for (String attribute : List.of("policy", "assume_role_policy")) {
                JsonNode policy = after.path(attribute);
                if (policy.isTextual() && policy.asText().trim().startsWith("{")) {
                    boolean keyPolicy = change.path("type").asText().equals("aws_kms_key");
                    for (JsonNode statement : asArray(readJson(policy.asText()).path("Statement"))) {
                        checkStatement(change.path("address").asText() + "." + attribute, keyPolicy,
                                asArray(statement.path("Action")), asArray(statement.path("Resource")),
                                statement.path("NotAction"), statement.path("NotResource"), problems);
                    }
                }
            }
        }
        assertTrue(documents >= 4, "expected the policy documents of the stack, found " + documents);

        for (JsonNode attachment : changes(plan, "aws_iam_role_policy_attachment")) {
            String arn = after(attachment).path("policy_arn").asText();
            String suffix = arn.substring(arn.indexOf(":policy/") + ":policy/".length());
            if (!ALLOWED_MANAGED_POLICIES.contains(suffix)) {
                problems.add(attachment.path("address").asText() + " attaches unexpected managed policy " + arn);
            }
        }
        assertTrue(problems.isEmpty(), "IAM policy problems in " + env + ":\n  " + String.join("\n  ", problems));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void functionRoleGrantsExactlyWhatTheCodeNeedsAndTheKeyPolicyLetsItUseTheKey(String env) {
        JsonNode plan = plan(env, true);
        Map<String, JsonNode> documents = new TreeMap<>();
        policyDocuments(plan).forEach(document -> documents.put(document.path("address").asText(), document));

        Map<String, JsonNode> statements = new TreeMap<>();
        JsonNode role = documents.get("module.lambda.data.aws_iam_policy_document.this");
        assertNotNull(role, "the function role's policy document: " + documents.keySet());
        role.path("values").path("statement").forEach(statement -> statements.put(statement.path("sid").asText(), statement));
        assertEquals(Set.of("DynamoDBTables", "FunctionLogs", "XRayTracing", "KmsKeyUse"), statements.keySet());

        assertEquals(List.of("dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:GetItem",
                        "dynamodb:PutItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:UpdateItem"),
                texts(statements.get("DynamoDBTables").path("actions")), "DynamoDB actions of the functions");
        assertEquals(4, statements.get("DynamoDBTables").path("resources").size(), "the two tables and their indexes");
        assertEquals(List.of("logs:CreateLogStream", "logs:PutLogEvents"), texts(statements.get("FunctionLogs").path("actions")));
        assertEquals(List.of("xray:PutTelemetryRecords", "xray:PutTraceSegments"), texts(statements.get("XRayTracing").path("actions")));
        assertEquals(List.of("*"), texts(statements.get("XRayTracing").path("resources")));
        assertEquals(List.of("kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"),
                texts(statements.get("KmsKeyUse").path("actions")));
        assertEquals(1, statements.get("KmsKeyUse").path("resources").size(), "the one key");

        JsonNode keyPolicy = documents.get("module.kms.data.aws_iam_policy_document.key_policy");
        assertNotNull(keyPolicy, "the key policy document");
        Set<String> sids = new TreeSet<>();
        keyPolicy.path("values").path("statement").forEach(statement -> sids.add(statement.path("sid").asText()));
        assertTrue(sids.containsAll(Set.of("KeyAdministration", "DynamoDBTableEncryption", "KeyUsers")),
                "the key policy lets the account administer the key, DynamoDB encrypt the tables and the function role use it: " + sids);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static void checkStatement(String where, boolean keyPolicy, JsonNode actions, JsonNode resources,
                                       JsonNode notActions, JsonNode notResources, List<String> problems) {
        if (notActions.size() > 0 || notResources.size() > 0) {
            problems.add(where + ": NotAction/NotResource is not allowed");
        }
        List<String> actionList = new ArrayList<>();
        for (JsonNode action : actions) {
            String value = action.asText();
            actionList.add(value);
            if (value.contains("*")) {
                problems.add(where + ": wildcard action " + value);
            }
        }
        for (JsonNode resource : resources) {
            if (resource.isTextual() && resource.asText().equals("*")) {
                boolean xrayOnly = !actionList.isEmpty() && actionList.stream().allMatch(WILDCARD_RESOURCE_ACTION);
                // In a KMS key policy, Resource "*" means "this key": the only resource a key policy can govern.
                if (!xrayOnly && !keyPolicy) {
                    problems.add(where + ": Resource \"*\" for " + actionList);
                }
            }
        }
    }

    // ---------------------------------------------------------------- API Gateway

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyMethodButPreflightAndPublicPagesIsBehindTheCognitoAuthorizer(String env) {
        JsonNode plan = plan(env, true);
        Expected expected = EXPECTED.get(env);
        Set<String> routes = new TreeSet<>();
        Set<String> preflightPaths = new TreeSet<>();
        List<String> problems = new ArrayList<>();

        for (JsonNode method : changes(plan, "aws_api_gateway_method")) {
            JsonNode after = after(method);
            String httpMethod = after.path("http_method").asText();
            String key = method.path("index").asText();
            String authorization = after.path("authorization").asText();
            if (httpMethod.equals("OPTIONS")) {
                preflightPaths.add(key);
                if (!authorization.equals("NONE")) {
                    problems.add("OPTIONS " + key + " must be unauthenticated (CORS preflight)");
                }
                continue;
            }
            routes.add(key);
            String path = key.substring(key.indexOf(' ') + 1);
            if (PUBLIC_PATHS.contains(path)) {
                if (!authorization.equals("NONE")) {
                    problems.add(key + " is documented as public but has authorization " + authorization);
                }
            } else {
                if (!authorization.equals("COGNITO_USER_POOLS")) {
                    problems.add(key + " has authorization " + authorization + " instead of COGNITO_USER_POOLS");
                }
                if (!afterUnknown(method).path("authorizer_id").asBoolean(false) && !after.hasNonNull("authorizer_id")) {
                    problems.add(key + " has no authorizer_id");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));

        Set<String> expectedRoutes = new TreeSet<>(List.of("GET /categories", "POST /categories", "GET /categories/{id}",
                "PUT /categories/{id}", "DELETE /categories/{id}", "GET /templates", "GET /health", "POST /graphql",
                "GET /graphql"));
        if (expected.playground) {
            expectedRoutes.addAll(List.of("GET /playground", "GET /playground/{proxy+}"));
        }
        assertEquals(expectedRoutes, routes, "routes of " + env);

        Set<String> paths = routes.stream().map(r -> r.substring(r.indexOf(' ') + 1)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(paths, preflightPaths, "an OPTIONS preflight on every resource");

        Map<String, String> integrationTypes = new TreeMap<>();
        for (JsonNode integration : changes(plan, "aws_api_gateway_integration")) {
            integrationTypes.put(integration.path("address").asText(), after(integration).path("type").asText());
        }
        integrationTypes.forEach((address, type) -> assertTrue(
                address.contains("integration.options[") ? type.equals("MOCK") : type.equals("AWS_PROXY"),
                address + " has integration type " + type));
        assertEquals(routes.size() + paths.size(), integrationTypes.size(), "one integration per method");
        List<JsonNode> permissions = changes(plan, "aws_lambda_permission");
        assertEquals(routes.size(), permissions.size(), "one invoke permission per route");
        for (JsonNode permission : permissions) {
            assertEquals("live", after(permission).path("qualifier").asText(), "API Gateway may invoke the live alias only");
            assertEquals("apigateway.amazonaws.com", after(permission).path("principal").asText());
        }
        // Integrations call the live aliases (SnapStart and provisioned concurrency only exist on published versions).
        assertTrue(plan.path("configuration").path("root_module").path("module_calls").path("api_gateway").path("expressions")
                .path("functions").toString().contains("module.lambda.alias_invoke_arns"),
                "API Gateway integrations must target the aliases' invoke ARNs");

        JsonNode authorizer = after(single(plan, "aws_api_gateway_authorizer"));
        assertEquals("COGNITO_USER_POOLS", authorizer.path("type").asText());
        assertEquals(300, authorizer.path("authorizer_result_ttl_in_seconds").asInt(), "authorizer cache TTL");

        JsonNode api = after(single(plan, "aws_api_gateway_rest_api"));
        assertEquals("1024", api.path("minimum_compression_size").asText(), "minimum compression size");
        assertEquals("REGIONAL", api.path("endpoint_configuration").path(0).path("types").path(0).asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void usagePlansAndStageThrottlingFollowTheSeed(String env) {
        JsonNode plan = plan(env, true);
        Map<String, String> plansByName = new TreeMap<>();
        for (JsonNode usagePlan : changes(plan, "aws_api_gateway_usage_plan")) {
            JsonNode after = after(usagePlan);
            JsonNode quota = after.path("quota_settings").path(0);
            JsonNode throttle = after.path("throttle_settings").path(0);
            plansByName.put(after.path("name").asText(), quota.path("limit").asInt() + "/" + quota.path("period").asText()
                    + " burst " + throttle.path("burst_limit").asInt() + " rate " + throttle.path("rate_limit").asDouble());
            assertEquals(env, after.path("api_stages").path(0).path("stage").asText(), "usage plan bound to the stage");
        }
        assertEquals(Map.of(
                        env + "-standard-usage-plan", "10000/DAY burst 100 rate 50.0",
                        env + "-premium-usage-plan", "100000/DAY burst 500 rate 200.0"),
                plansByName, "usage plans of " + env);

        JsonNode settings = after(single(plan, "aws_api_gateway_method_settings"));
        assertEquals("*/*", settings.path("method_path").asText());
        JsonNode throttling = settings.path("settings").path(0);
        assertEquals(EXPECTED.get(env).throttleRate, throttling.path("throttling_rate_limit").asDouble(), 0.0, "stage rate limit");
        assertEquals(EXPECTED.get(env).throttleBurst, throttling.path("throttling_burst_limit").asInt(), "stage burst limit");
        assertTrue(throttling.path("metrics_enabled").asBoolean(), "method metrics");
    }

    // ---------------------------------------------------------------- Cognito, network, monitoring, outputs

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void cognitoPoolAndClientFollowTheSeed(String env) {
        JsonNode plan = plan(env, true);
        JsonNode pool = after(single(plan, "aws_cognito_user_pool"));
        JsonNode password = pool.path("password_policy").path(0);
        assertEquals(12, password.path("minimum_length").asInt());
        for (String rule : List.of("require_lowercase", "require_numbers", "require_symbols", "require_uppercase")) {
            assertTrue(password.path(rule).asBoolean(), rule);
        }
        assertEquals("OPTIONAL", pool.path("mfa_configuration").asText());
        assertTrue(pool.path("software_token_mfa_configuration").path(0).path("enabled").asBoolean());
        assertEquals("verified_email", pool.path("account_recovery_setting").path(0).path("recovery_mechanism").path(0).path("name").asText());
        Set<String> custom = new TreeSet<>();
        pool.path("schema").forEach(attribute -> custom.add(attribute.path("name").asText()));
        assertTrue(custom.containsAll(Set.of("organizationId", "role")), "custom attributes: " + custom);

        JsonNode client = after(single(plan, "aws_cognito_user_pool_client"));
        assertFalse(client.path("generate_secret").asBoolean(), "browser client without secret");
        client.path("write_attributes").forEach(attribute -> assertFalse(attribute.asText().startsWith("custom:"),
                "users must not write " + attribute.asText()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void networkHasTheSeedCidrsAGatewayEndpointAndHttpsOnlyEgress(String env) {
        JsonNode plan = plan(env, true);
        assertEquals("10.0.0.0/16", after(single(plan, "aws_vpc")).path("cidr_block").asText());
        Set<String> subnets = changes(plan, "aws_subnet").stream().map(s -> after(s).path("cidr_block").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("10.0.1.0/24", "10.0.2.0/24", "10.0.101.0/24", "10.0.102.0/24")), subnets);
        JsonNode endpoint = after(single(plan, "aws_vpc_endpoint"));
        assertEquals("Gateway", endpoint.path("vpc_endpoint_type").asText());
        assertTrue(endpoint.path("service_name").asText().endsWith(".dynamodb"));
        assertFalse(changes(plan, "aws_nat_gateway").isEmpty(), "NAT egress for Cognito JWKS and X-Ray");

        List<JsonNode> egress = changes(plan, "aws_vpc_security_group_egress_rule");
        assertEquals(1, egress.size(), "the function security group has exactly one egress rule");
        assertEquals(443, after(egress.get(0)).path("from_port").asInt());
        assertEquals(443, after(egress.get(0)).path("to_port").asInt());
        assertTrue(changes(plan, "aws_vpc_security_group_ingress_rule").isEmpty(), "no ingress to the functions");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void alarmsDashboardAndOutputsExist(String env) {
        JsonNode plan = plan(env, true);
        Map<String, JsonNode> alarms = new TreeMap<>();
        changes(plan, "aws_cloudwatch_metric_alarm").forEach(alarm -> alarms.put(after(alarm).path("alarm_name").asText(), after(alarm)));
        for (String function : FUNCTIONS) {
            JsonNode errors = alarms.get(env + "-" + function + "-lambda-errors");
            assertNotNull(errors, "errors alarm for " + function);
            assertEquals(10, errors.path("threshold").asInt());
            assertEquals(2, errors.path("evaluation_periods").asInt());
            assertEquals(300, errors.path("period").asInt());
            assertNotNull(alarms.get(env + "-" + function + "-lambda-throttles"), "throttles alarm for " + function);
            JsonNode p99 = alarms.get(env + "-" + function + "-lambda-duration-p99");
            assertNotNull(p99, "p99 duration alarm for " + function);
            assertEquals("p99", p99.path("extended_statistic").asText());
        }
        JsonNode api5xx = alarms.get(env + "-category-api-5xx-errors");
        assertNotNull(api5xx, "API 5XX alarm");
        assertEquals(20, api5xx.path("threshold").asInt());
        assertEquals(EXPECTED.get(env).alarmEmail, after(single(plan, "aws_sns_topic_subscription")).path("endpoint").asText());
        assertEquals(1, changes(plan, "aws_cloudwatch_dashboard").size(), "one dashboard");
        assertTrue(changes(plan, "aws_cloudfront_distribution").isEmpty(), "CloudFront is off by default");

        Set<String> outputs = new TreeSet<>();
        plan.path("output_changes").fieldNames().forEachRemaining(outputs::add);
        assertTrue(outputs.containsAll(Set.of("api_url", "graphql_url", "user_pool_id", "user_pool_client_id",
                "categories_table_name", "templates_table_name")), "outputs: " + outputs);
        assertEquals(env + "-insight-categories", plan.path("output_changes").path("categories_table_name").path("after").asText());
    }

    // ---------------------------------------------------------------- terraform runs

    private String validate() {
        Map<String, String> extra = Map.of("TF_DATA_DIR", workDir.resolve("validate-data").toString());
        Result init = run(terraformDir, extra, "init", "-backend=false", "-input=false", "-no-color");
        require(init, "terraform init -backend=false (root module)");
        Result validate = run(terraformDir, extra, "validate", "-no-color");
        require(validate, "terraform validate (root module)");
        return validate.output;
    }

    /**
     * Plans the environment as a deployment would (the root module with -var-file=environments/&lt;env&gt;/terraform.tfvars),
     * in a copy of terraform/ (a few kilobytes, without .terraform dirs or state) with a local backend override, so the
     * real S3 backend is never contacted, nothing is written in the source tree, and each environment has its own
     * copy, TF_DATA_DIR and state file.
     */
    private JsonNode plan(String env) {
        try {
            Path base = workDir.resolve(env);
            Path tree = base.resolve("tree");
            copyTree(terraformDir, tree);
            Files.writeString(tree.resolve("backend_override.tf"), "terraform {\n  backend \"local\" {\n    path = \""
                    + base.resolve("terraform.tfstate").toString().replace("\\", "/") + "\"\n  }\n}\n");

            Map<String, String> extra = Map.of("TF_DATA_DIR", base.resolve("plan-data").toString());
            require(run(tree, extra, "init", "-input=false", "-no-color"), "terraform init (" + env + ", local backend)");
            Path planFile = base.resolve(env + ".tfplan");
            Result plan = run(tree, extra, "plan", "-refresh=false", "-input=false", "-lock=false", "-no-color",
                    "-var-file=environments/" + env + "/terraform.tfvars", "-var", "offline_plan=true", "-out=" + planFile);
            require(plan, "terraform plan -var-file=environments/" + env + "/terraform.tfvars");
            planLogs.put(env, plan.output);
            Path json = base.resolve(env + ".plan.json");
            Result show = run(tree, extra, json, "show", "-json", "-no-color", planFile.toString());
            require(show, "terraform show -json (" + env + ")");
            return JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode plan(String env, boolean await) {
        return await(plans.get(env), "offline plan of " + env);
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(10, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return fail(what + " failed: " + cause.getMessage(), cause);
        } catch (Exception e) {
            return fail(what + " did not finish: " + e, e);
        }
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(Path dir, Map<String, String> extraEnv, String... args) {
        return run(dir, extraEnv, null, args);
    }

    private Result run(Path dir, Map<String, String> extraEnv, Path stdoutFile, String... args) {
        List<String> command = new ArrayList<>();
        command.add(terraform);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("TF_VAR_") || name.startsWith("AWS_") || name.equals("TF_WORKSPACE"));
        environment.remove("TF_PLUGIN_CACHE_DIR");
        environment.put("TF_CLI_CONFIG_FILE", cliConfig.toString());
        environment.put("TF_IN_AUTOMATION", "1");
        environment.put("TF_INPUT", "0");
        environment.put("CHECKPOINT_DISABLE", "1");
        environment.put("AWS_ACCESS_KEY_ID", "test");
        environment.put("AWS_SECRET_ACCESS_KEY", "test");
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        environment.putAll(extraEnv);
        try {
            Path log = Files.createTempFile(workDir, "terraform-", ".log");
            if (stdoutFile != null) {
                builder.redirectOutput(stdoutFile.toFile()).redirectError(log.toFile());
            } else {
                builder.redirectErrorStream(true).redirectOutput(log.toFile());
            }
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Result(-1, "timed out after " + COMMAND_TIMEOUT + ": " + String.join(" ", command)
                        + "\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    private static void require(Result result, String what) {
        if (result.exitCode != 0) {
            throw new AssertionError(what + " exited with " + result.exitCode + ":\n" + result.output);
        }
    }

    private static String findTerraform() {
        List<Path> candidates = new ArrayList<>();
        String explicit = System.getenv("TERRAFORM_BINARY");
        if (explicit != null && !explicit.isBlank()) {
            Path binary = Paths.get(explicit);
            if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
                return fail("TERRAFORM_BINARY=" + explicit + " is not an executable terraform binary");
            }
            return binary.toString();
        }
        for (String entry : envOr("PATH", "").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                candidates.add(Paths.get(entry, "terraform"));
            }
        }
        candidates.add(Paths.get("/usr/local/bin/terraform"));
        candidates.add(Paths.get("/usr/bin/terraform"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("terraform binary not found (looked at TERRAFORM_BINARY, PATH, /usr/local/bin, /usr/bin): "
                + "install Terraform >= 1.5 to run the @Tag(\"terraform\") checks");
    }

    // ---------------------------------------------------------------- plan JSON helpers

    private static List<JsonNode> changes(JsonNode plan, String type) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode change : plan.path("resource_changes")) {
            if (change.path("mode").asText().equals("managed") && change.path("type").asText().equals(type)
                    && !change.path("change").path("actions").toString().contains("delete")) {
                found.add(change);
            }
        }
        return found;
    }

    private static JsonNode single(JsonNode plan, String type) {
        List<JsonNode> found = changes(plan, type);
        assertEquals(1, found.size(), "exactly one " + type + " expected");
        return found.get(0);
    }

    private static JsonNode byName(JsonNode plan, String type, String name) {
        return changes(plan, type).stream().filter(change -> after(change).path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(type + " named " + name + " not planned"));
    }

    private static JsonNode after(JsonNode change) {
        return change.path("change").path("after");
    }

    private static JsonNode afterUnknown(JsonNode change) {
        return change.path("change").path("after_unknown");
    }

    /**
     * Every aws_iam_policy_document: those read during plan (prior_state, with known JSON) and those deferred
     * to apply because they reference resources not created yet (resource_changes, statements with the known
     * parts; unknown ARNs are null and cannot be wildcards since they come from resources).
     */
    private static List<JsonNode> policyDocuments(JsonNode plan) {
        Map<String, JsonNode> documents = new TreeMap<>();
        collectPriorDocuments(plan.path("prior_state").path("values").path("root_module"), documents);
        for (JsonNode change : plan.path("resource_changes")) {
            if (change.path("mode").asText().equals("data") && change.path("type").asText().equals("aws_iam_policy_document")) {
                documents.put(change.path("address").asText(),
                        JSON.createObjectNode().put("address", change.path("address").asText()).set("values", after(change)));
            }
        }
        return new ArrayList<>(documents.values());
    }

    private static void collectPriorDocuments(JsonNode module, Map<String, JsonNode> documents) {
        for (JsonNode resource : module.path("resources")) {
            if (resource.path("mode").asText().equals("data") && resource.path("type").asText().equals("aws_iam_policy_document")) {
                documents.put(resource.path("address").asText(), resource);
            }
        }
        for (JsonNode child : module.path("child_modules")) {
            collectPriorDocuments(child, documents);
        }
    }

    private static JsonNode moduleResource(JsonNode module, String moduleName, String type) {
        JsonNode child = module.path("module_calls").path(moduleName).path("module");
        for (JsonNode resource : child.path("resources")) {
            if (resource.path("type").asText().equals(type)) {
                return resource;
            }
        }
        throw new AssertionError(type + " not found in module " + moduleName);
    }

    private static Map<String, String> indexes(JsonNode table) {
        Map<String, String> indexes = new TreeMap<>();
        for (JsonNode index : table.path("global_secondary_index")) {
            indexes.put(index.path("name").asText(), index.path("hash_key").asText() + "/" + index.path("range_key").asText()
                    + "/" + index.path("projection_type").asText());
        }
        return indexes;
    }

    private static Map<String, String> attributeTypes(JsonNode table) {
        Map<String, String> types = new TreeMap<>();
        table.path("attribute").forEach(attribute -> types.put(attribute.path("name").asText(), attribute.path("type").asText()));
        return types;
    }

    private static JsonNode asArray(JsonNode node) {
        if (node.isArray()) {
            return node;
        }
        return node.isMissingNode() || node.isNull() ? JSON.createArrayNode() : JSON.createArrayNode().add(node);
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> missing(Set<String> required, Set<String> present) {
        Set<String> missing = new TreeSet<>(required);
        missing.removeAll(present);
        return missing;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.collect(Collectors.toList())) {
                Path relative = source.relativize(path);
                String name = path.getFileName().toString();
                boolean inDataDir = false;
                for (Path element : relative) {
                    inDataDir |= element.toString().equals(".terraform");
                }
                if (inDataDir || name.endsWith(".tfstate") || name.endsWith(".tfstate.backup")) {
                    continue;
                }
                Path destination = target.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination);
                }
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(path);
            }
        }
    }
}
