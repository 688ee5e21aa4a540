package com.awsinsight.categories.store.dynamodb;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The endpoint the operator commands print before they write is the one the client calls: {@code DYNAMODB_ENDPOINT},
 * else the SDK's own endpoint settings, else the region's (FIPS when asked).
 */
class DynamoClientsEndpointTest {

    @Test
    void theEndpointPrintedIsTheOneTheSdkCalls() {
        URI explicit = URI.create("http://localhost:8000");

        assertEquals(explicit, DynamoClients.endpoint("eu-west-1", explicit, Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://elsewhere:1")));
        assertEquals(URI.create("http://ddb.internal:8000"), DynamoClients.endpoint("eu-west-1", null,
                Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://ddb.internal:8000", "AWS_ENDPOINT_URL", "http://all.internal:1")));
        assertEquals(URI.create("http://all.internal:1"), DynamoClients.endpoint("eu-west-1", null, Map.of("AWS_ENDPOINT_URL", "http://all.internal:1")));
        assertEquals(URI.create("https://dynamodb.eu-west-1.amazonaws.com"), DynamoClients.endpoint("eu-west-1", null, Map.of()));
        assertEquals(URI.create("https://dynamodb-fips.eu-west-1.amazonaws.com"), DynamoClients.endpoint("eu-west-1", null,
                Map.of("AWS_USE_FIPS_ENDPOINT", "true")));
    }
}
