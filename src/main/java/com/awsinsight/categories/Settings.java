package com.awsinsight.categories;

import com.awsinsight.categories.auth.AuthSettings;
import com.awsinsight.categories.graphql.QueryLimits;
import com.awsinsight.categories.services.CategoryApplication;
import com.awsinsight.categories.store.dynamodb.DynamoClients;
import com.awsinsight.categories.store.dynamodb.XRayDaemon;
import com.awsinsight.categories.services.read.OrganizationCache;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration from environment variables, with the Node service's names where it had them
 * ({@code TABLE_NAME}, {@code TEMPLATES_TABLE_NAME}, {@code ENVIRONMENT}, {@code LOG_LEVEL},
 * {@code USER_POOL_ID}, {@code AWS_REGION}, {@code ENABLE_XRAY}). See docs/operations.md, "Configuration".
 */
public record Settings(
        String environment,
        String region,
        String categoriesTable,
        String templatesTable,
        URI dynamoEndpoint,
        boolean playgroundEnabled,
        List<String> corsOrigins,
        int maxBodyBytes,
        Optional<AuthSettings> auth,
        QueryLimits queryLimits,
        long organizationCacheBytes,
        boolean inLambda,
        DynamoClients.Timeouts dynamoTimeouts,
        Duration storeBudget,
        boolean trustedDocumentsOnly,
        InetSocketAddress xrayDaemon) {

    public static final String DEFAULT_CATEGORIES_TABLE = "insight-categories";
    public static final String DEFAULT_TEMPLATES_TABLE = "insight-category-templates";

    public static Settings fromEnvironment(Map<String, String> env) {
        URI endpoint = endpoint(blankToNull(env.get("DYNAMODB_ENDPOINT")));
        String region = env.getOrDefault("AWS_REGION", "us-east-1").trim();
        if (region.isEmpty()) {
            throw new IllegalArgumentException("AWS_REGION must name a region (such as us-east-1), not be empty");
        }
        // read by the DynamoDB client itself (DynamoClients); checked here, with every other setting, before any connection
        wholeNumber(env, "AWS_MAX_ATTEMPTS", DynamoClients.DEFAULT_MAX_ATTEMPTS, 1, 20);
        return new Settings(
                env.getOrDefault("ENVIRONMENT", "local"),
                region,
                blankToNull(env.get("TABLE_NAME")),
                env.getOrDefault("TEMPLATES_TABLE_NAME", DEFAULT_TEMPLATES_TABLE),
                endpoint,
                !"false".equalsIgnoreCase(env.getOrDefault("PLAYGROUND_ENABLED", "true")),
                Arrays.stream(env.getOrDefault("CORS_ALLOWED_ORIGINS", "*").split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).toList(),
                (int) wholeNumber(env, "MAX_BODY_BYTES", 102_400, 1, Integer.MAX_VALUE),
                AuthSettings.fromEnvironment(env),
                QueryLimits.fromEnvironment(env),
                organizationCacheBytes(env.get("ORGANIZATION_CACHE_MB")),
                env.containsKey("AWS_LAMBDA_FUNCTION_NAME"),
                new DynamoClients.Timeouts(millis(env, "DYNAMODB_ATTEMPT_TIMEOUT_MS", DynamoClients.Timeouts.DEFAULT.attempt()),
                        millis(env, "DYNAMODB_CALL_TIMEOUT_MS", DynamoClients.Timeouts.DEFAULT.call())),
                millis(env, "STORE_BUDGET_MS", CategoryApplication.DEFAULT_STORE_BUDGET),
                "true".equalsIgnoreCase(env.getOrDefault("TRUSTED_DOCUMENTS_ONLY", "false")),
                xrayDaemon(env));
    }

    /**
     * Where DynamoDB subsegments go: the X-Ray daemon Lambda names in {@code AWS_XRAY_DAEMON_ADDRESS} (not resolved
     * here), unless {@code ENABLE_XRAY} is {@code false}; null (no tracing) without a daemon, as locally.
     */
    static InetSocketAddress xrayDaemon(Map<String, String> env) {
        String enabled = env.getOrDefault("ENABLE_XRAY", "true").trim();
        if (!enabled.equalsIgnoreCase("true") && !enabled.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("ENABLE_XRAY must be true or false, not \"" + enabled + "\"");
        }
        String address = blankToNull(env.get("AWS_XRAY_DAEMON_ADDRESS"));
        return enabled.equalsIgnoreCase("false") || address == null ? null : XRayDaemon.address(address);
    }

    /** {@code ORGANIZATION_CACHE_MB}: whole megabytes (0 turns the cache off); the default when unset. */
    static long organizationCacheBytes(String megabytes) {
        if (megabytes == null || megabytes.isBlank()) {
            return OrganizationCache.DEFAULT_MAX_BYTES;
        }
        long value = Long.parseLong(megabytes.trim());
        if (value < 0) {
            throw new IllegalArgumentException("ORGANIZATION_CACHE_MB must be 0 or more");
        }
        return value << 20;
    }

    /** DynamoDB is used when an endpoint or a table is configured; otherwise the embedded store. */
    public boolean usesDynamoDb() {
        return dynamoEndpoint != null || categoriesTable != null;
    }

    public String categoriesTableOrDefault() {
        return categoriesTable == null ? DEFAULT_CATEGORIES_TABLE : categoriesTable;
    }

    private static Duration millis(Map<String, String> env, String name, Duration fallback) {
        return Duration.ofMillis(wholeNumber(env, name, fallback.toMillis(), 1, Long.MAX_VALUE));
    }

    /** The whole number {@code name} holds, from {@code min} to {@code max}; {@code fallback} when it is unset or blank. */
    private static long wholeNumber(Map<String, String> env, String name, long fallback, long min, long max) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE
                ? " up" : " to " + max) + ", not \"" + value + "\"");
    }

    /** {@code DYNAMODB_ENDPOINT} as a URL with a scheme and a host (null when unset). */
    private static URI endpoint(String value) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException("DYNAMODB_ENDPOINT must be an http:// or https:// URL with a host (such as"
                + " http://localhost:8000), not \"" + value + "\"");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
