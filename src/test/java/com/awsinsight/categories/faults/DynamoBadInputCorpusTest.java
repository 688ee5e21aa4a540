package com.awsinsight.categories.faults;

import com.awsinsight.categories.testing.Dynalite;

import java.util.Map;
import java.util.UUID;

/** The bad-input corpus on DynamoDB (dynalite), on fresh tables that the gateway creates and loads with the demo data. */
class DynamoBadInputCorpusTest extends BadInputCorpusContract {
    @Override
    protected Map<String, String> environment() {
        String prefix = "corpus" + UUID.randomUUID().toString().substring(0, 8);
        return Map.of("DYNAMODB_ENDPOINT", Dynalite.get().endpoint().toString(),
                "TABLE_NAME", prefix + "-categories",
                "TEMPLATES_TABLE_NAME", prefix + "-templates");
    }
}
