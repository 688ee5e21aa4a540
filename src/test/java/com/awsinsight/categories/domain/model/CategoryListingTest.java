package com.awsinsight.categories.domain.model;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static com.awsinsight.categories.testing.Categories.category;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Listings computed in memory keep only the best page while they scan; they must give exactly the page a full
 * sort gives, in every order, from every position, with any filter. And the name key's fast path for ASCII names
 * must be the same function as the full normalization.
 */
class CategoryListingTest {
    private static final List<String> NAMES = List.of("EC2", "ec2 ", "AWS Backup", "Artifact Registry", "athena", "Zeta",
            "  Lambda", "S3", "s3 Glacier", "Éclair", "eclair", "Ölçü", "ÖLÇÜ", "日本", "e\u0301clair", "İstanbul", "\tTabbed");

    @Test
    void aPageIsWhatAFullSortGives() {
        Random random = new Random(42);
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        List<Category> all = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String name = NAMES.get(random.nextInt(NAMES.size())) + (random.nextBoolean() ? "" : " " + random.nextInt(50));
            all.add(category("org", "cat-" + random.nextInt(1_000_000)).named(name)
                    .under(random.nextInt(4) == 0 ? null : "cat-p" + random.nextInt(3))
                    .at(start.plusSeconds(random.nextInt(100))).updatedAt(start).active(random.nextInt(5) > 0).build());
        }
        for (CategoryOrder order : CategoryOrder.values()) {
            for (CategoryQuery query : List.of(new CategoryQuery(null, null, false, false, order),
                    new CategoryQuery("e", null, false, true, order), new CategoryQuery(null, "cat-p1", false, false, order),
                    new CategoryQuery(null, null, true, true, order))) {
                List<Category> reference = all.stream().filter(query::matches).sorted(order.comparator()).toList();
                for (int limit : List.of(1, 7, 20, 1000)) {
                    for (int from = -1; from < reference.size(); from += 13) {
                        Position after = from < 0 ? null : order.positionOf(reference.get(from));
                        List<Category> expected = reference.subList(from + 1, Math.min(reference.size(), from + 1 + limit));
                        Slice<Category> page = CategoryListing.page(all, query, after, limit);
                        assertEquals(expected, page.items(), order + " " + query + " after " + from + " limit " + limit);
                        assertEquals(from + 1 + limit < reference.size(), page.hasMore());
                    }
                }
            }
        }
    }

    @Test
    void theNameKeyIsTrimmedNormalizedAndLowerCasedForEveryName() {
        for (String name : NAMES) {
            String full = Normalizer.normalize(name.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
            assertEquals(full, CategoryRules.nameKey(name), name);
        }
        assertEquals("e\u0301clair".length() - 1, CategoryRules.nameKey("e\u0301clair").length(), "composed by NFC");
    }

    @Test
    void textBelowTheFirstCombiningMarkIsLeftAsItIsByNfc() {
        for (char a = 0; a < 0x300; a++) {
            for (char b = 0; b < 0x300; b++) {
                String text = "x" + a + b;
                assertEquals(text, Normalizer.normalize(text, Normalizer.Form.NFC), Integer.toHexString(a) + " " + Integer.toHexString(b));
            }
        }
    }
}
