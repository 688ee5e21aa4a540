package com.awsinsight.categories.store.dynamodb;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;

import java.net.URI;
import java.util.Map;
import java.time.Duration;
import java.util.List;

/**
 * Builds the DynamoDB client for cold start: the URL-connection HTTP client, the region and the
 * credentials provider set explicitly (no provider-chain probing), and the call-metrics interceptor.
 * Throttling and transient failures are retried by the SDK's standard strategy for DynamoDB (its
 * backoff and retry conditions) within a bounded number of attempts, {@value #DEFAULT_MAX_ATTEMPTS}
 * unless {@code AWS_MAX_ATTEMPTS} says otherwise; past that budget the store reports RATE_LIMITED or
 * UNAVAILABLE.
 */
public final class DynamoClients {
    public static final int DEFAULT_MAX_ATTEMPTS = 4;

    /**
     * How long DynamoDB may take: one attempt (connect, send, read), and one call with all its retries. Every
     * request's calls together are further bounded by the request's own budget ({@link DynamoCalls.CallOptions}).
     */
    public record Timeouts(Duration attempt, Duration call) {
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(6));
    }

    private DynamoClients() {
    }

    /**
     * @param endpoint a local DynamoDB-compatible server, or null for AWS; with a local endpoint and no
     *                 AWS credentials in the environment, fixed local credentials are used
     */
    public static DynamoDbClient create(String region, URI endpoint) {
        return create(region, endpoint, List.of());
    }

    /** The client with these timeouts (and the retry budget of {@code AWS_MAX_ATTEMPTS}). */
    public static DynamoDbClient create(String region, URI endpoint, Timeouts timeouts) {
        return create(region, endpoint, maxAttempts(), timeouts, List.of());
    }

    /**
     * The client with these timeouts and more interceptors after the metrics one: the X-Ray subsegments in
     * Lambda ({@link XRayInterceptor}); tests inject faults this way.
     */
    public static DynamoDbClient create(String region, URI endpoint, Timeouts timeouts, List<ExecutionInterceptor> extra) {
        return create(region, endpoint, maxAttempts(), timeouts, extra);
    }

    /** The same client with more interceptors after the metrics one (tests inject faults this way). */
    public static DynamoDbClient create(String region, URI endpoint, List<ExecutionInterceptor> extra) {
        return create(region, endpoint, maxAttempts(), Timeouts.DEFAULT, extra);
    }

    /** As {@link #create(String, URI, List)}, with an explicit retry budget. */
    public static DynamoDbClient create(String region, URI endpoint, int maxAttempts, List<ExecutionInterceptor> extra) {
        return create(region, endpoint, maxAttempts, Timeouts.DEFAULT, extra);
    }

    /** As {@link #create(String, URI, List)}, with an explicit retry budget and timeouts. */
    public static DynamoDbClient create(String region, URI endpoint, int maxAttempts, Timeouts timeouts,
                                        List<ExecutionInterceptor> extra) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials(endpoint))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(timeouts.attempt())
                        .socketTimeout(timeouts.attempt())
                        .build())
                .overrideConfiguration(o -> {
                    o.addExecutionInterceptor(new CallMetricsInterceptor());
                    extra.forEach(o::addExecutionInterceptor);
                    o.retryStrategy(strategy -> strategy.maxAttempts(maxAttempts));
                    o.apiCallAttemptTimeout(timeouts.attempt());
                    o.apiCallTimeout(timeouts.call());
                });
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /**
     * Where a client built with these settings sends its calls: {@code endpoint} when given, else DynamoDB's endpoint
     * of the region (its FIPS endpoint with {@code AWS_USE_FIPS_ENDPOINT=true}). Commands print it before they write.
     */
    public static URI endpoint(String region, URI endpoint) {
        return endpoint(region, endpoint, System.getenv());
    }

    /**
     * {@link #endpoint(String, URI)} with the environment given: without {@code endpoint}, the SDK's own endpoint
     * settings ({@code AWS_ENDPOINT_URL_DYNAMODB}, then {@code AWS_ENDPOINT_URL}) come before the region's.
     */
    static URI endpoint(String region, URI endpoint, Map<String, String> env) {
        if (endpoint != null) {
            return endpoint;
        }
        for (String name : List.of("AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL")) {
            String configured = env.get(name);
            if (configured != null && !configured.isBlank()) {
                return URI.create(configured.trim());
            }
        }
        boolean fips = "true".equalsIgnoreCase(env.get("AWS_USE_FIPS_ENDPOINT"));
        return DynamoDbEndpointProvider.defaultProvider()
                .resolveEndpoint(p -> p.region(Region.of(region)).useFips(fips)).join().url();
    }

    private static int maxAttempts() {
        return Integer.parseInt(System.getenv().getOrDefault("AWS_MAX_ATTEMPTS", Integer.toString(DEFAULT_MAX_ATTEMPTS)));
    }

    private static AwsCredentialsProvider credentials(URI endpoint) {
        boolean hasEnvironmentKeys = System.getenv("AWS_ACCESS_KEY_ID") != null;
        if (endpoint != null && !hasEnvironmentKeys) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        }
        if (!hasEnvironmentKeys && System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null) {
            // Lambda with SnapStart serves the role's credentials from a local endpoint instead of variables
            return ContainerCredentialsProvider.builder().build();
        }
        return EnvironmentVariableCredentialsProvider.create();
    }
}
