package com.awsinsight.categories.store.dynamodb;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;
import java.time.Duration;

/**
 * Builds the DynamoDB client for cold start: the URL-connection HTTP client, the region and the
 * credentials provider set explicitly (no provider-chain probing), and the call-metrics interceptor.
 * The SDK's own retry policy for DynamoDB handles throttling ({@code AWS_MAX_ATTEMPTS} tunes it).
 */
public final class DynamoClients {

    private DynamoClients() {
    }

    /**
     * @param endpoint a local DynamoDB-compatible server, or null for AWS; with a local endpoint and no
     *                 AWS credentials in the environment, fixed local credentials are used
     */
    public static DynamoDbClient create(String region, URI endpoint) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials(endpoint))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10))
                        .build())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new CallMetricsInterceptor()));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
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
