package com.awsinsight.categories.benchmark;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.net.URI;
import java.util.Map;

/**
 * The cold-start floor of the benchmark: a fresh JVM that answers the benchmark's list request (the
 * first 100 categories of an organization by name) with nothing but the AWS SDK v2 DynamoDB client,
 * built the way the gateway builds it (URL-connection HTTP client, explicit region and credentials).
 * It reads the same index as the gateway and prints a JSON body; no GraphQL, no Jackson, no router.
 *
 * <p>Run from the same shaded jar as the gateway, so both pay the same jar-opening costs:
 * {@code java -cp target/category-gateway.jar:target/test-classes com.awsinsight.categories.benchmark.SdkOnlyColdStart}
 * with {@code DYNAMODB_ENDPOINT}, {@code TABLE_NAME} and {@code ORGANIZATION_ID} in the environment.
 */
public final class SdkOnlyColdStart {
    private SdkOnlyColdStart() {
    }

    public static void main(String[] args) {
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
        try (DynamoDbClient client = builder.build()) {
            QueryResponse response = client.query(q -> q.tableName(table)
                    .indexName("CategoryNameIndex")
                    .keyConditionExpression("organizationId = :o")
                    .expressionAttributeValues(Map.of(":o", AttributeValue.fromS(organization)))
                    .limit(101));
            StringBuilder body = new StringBuilder("{\"data\":{\"categories\":{\"edges\":[");
            int count = 0;
            for (Map<String, AttributeValue> item : response.items()) {
                if (count == 100) {
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
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s().replace("\"", "\\\"");
    }

    private static String quote(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
