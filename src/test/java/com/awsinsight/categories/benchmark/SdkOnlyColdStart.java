package com.awsinsight.categories.benchmark;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The cold-start floor of the benchmark: a fresh JVM that answers the benchmark's list request (the
 * first 20 categories of an organization by name) with nothing but the AWS SDK v2 DynamoDB client,
 * built the way the gateway builds it (URL-connection HTTP client, explicit region and credentials).
 * It reads the same index as the gateway and prints a JSON body; no GraphQL, no Jackson, no router.
 *
 * <p>Run from the same shaded jar as the gateway, so both pay the same jar-opening costs:
 * {@code java -cp target/category-gateway.jar:target/test-classes com.awsinsight.categories.benchmark.SdkOnlyColdStart [N]}
 * with {@code DYNAMODB_ENDPOINT}, {@code TABLE_NAME} and {@code ORGANIZATION_ID} in the environment. With
 * {@code N} > 1 it answers N times, waiting for a line on standard input before each answer after the
 * first (the benchmark's "second response"), and for one more line or the end of standard input after the last.
 */
public final class SdkOnlyColdStart {
    private static final int PAGE = 20;

    private SdkOnlyColdStart() {
    }

    public static void main(String[] args) throws IOException {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        String endpoint = System.getenv("DYNAMODB_ENDPOINT");
        String table = System.getenv().getOrDefault("TABLE_NAME", "insight-categories");
        String organization = System.getenv().getOrDefault("ORGANIZATION_ID", "demo-org");
        var builder = DynamoDbClient.builder()
                .region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder().build());
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (DynamoDbClient client = builder.build()) {
            for (int i = 0; i < requests; i++) {
                if (i > 0 && in.readLine() == null) {
                    break;
                }
                answer(client, table, organization);
            }
            if (requests > 1) {
                in.readLine(); // the benchmark reads this process's CPU time after the last answer
            }
        }
    }

    /** The first {@value #PAGE} categories by name, as the benchmark's {@code categories(first: 20)}. */
    private static void answer(DynamoDbClient client, String table, String organization) {
        QueryResponse response = client.query(q -> q.tableName(table)
                .indexName("CategoryNameIndex")
                .keyConditionExpression("organizationId = :o")
                .expressionAttributeValues(Map.of(":o", AttributeValue.fromS(organization)))
                .limit(PAGE + 1));
        StringBuilder body = new StringBuilder("{\"data\":{\"categories\":{\"edges\":[");
        int count = 0;
        for (Map<String, AttributeValue> item : response.items()) {
            if (count == PAGE) {
                break;
            }
            if (count++ > 0) {
                body.append(',');
            }
            body.append("{\"node\":{\"id\":\"").append(text(item, "categoryId"))
                    .append("\",\"name\":\"").append(text(item, "categoryName"))
                    .append("\",\"parentId\":\"").append(text(item, "parentCategoryId")).append("\"}}");
        }
        body.append("]}}}");
        System.out.println("{\"statusCode\":200,\"body\":" + quote(body.toString()) + "}");
        System.out.flush();
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s().replace("\"", "\\\"");
    }

    private static String quote(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
