package com.awsinsight.categories.faults;

import java.util.Map;

/** The bad-input corpus on the embedded store with the demo data. */
class InMemoryBadInputCorpusTest extends BadInputCorpusContract {
    @Override
    protected Map<String, String> environment() {
        return Map.of();
    }
}
