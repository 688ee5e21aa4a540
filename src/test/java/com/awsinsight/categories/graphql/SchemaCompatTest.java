package com.awsinsight.categories.graphql;

import com.awsinsight.categories.graphql.BreakingChanges.Change;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema's history: {@code schema/schema.graphqls} may break a client of the released schema
 * ({@code schema/released/schema.graphqls}) only where {@code schema/CHANGELOG.md} declares it, under
 * "## Unreleased", one line per {@link BreakingChanges breaking change} ({@code - breaking: `<coordinate>` ...});
 * a field, argument, input field or enum value is removed only after a release that deprecated it; and the
 * declarations name only changes that happened, so that releasing (copying the schema to the snapshot) also moves
 * them under the release's heading. Below, the comparison itself: each rule on a pair of small schemas.
 */
class SchemaCompatTest {
    private static final Path CURRENT = Path.of("schema/schema.graphqls");
    private static final Path RELEASED = Path.of("schema/released/schema.graphqls");
    private static final Path CHANGELOG = Path.of("schema/CHANGELOG.md");
    private static final Pattern DECLARATION = Pattern.compile("^- breaking: `([^`]+)`");

    @Test
    void everyBreakingChangeSinceTheReleasedSchemaIsDeclaredInTheChangelog() throws IOException {
        Set<String> declared = unreleasedDeclarations(Files.readString(CHANGELOG));

        List<Change> undeclared = changesSinceRelease().stream().filter(change -> !declared.contains(change.coordinate())).toList();

        assertEquals(List.of(), undeclared, "breaking changes since schema/released/schema.graphqls that schema/CHANGELOG.md "
                + "does not declare under ## Unreleased (- breaking: `<coordinate>` why, and what clients do)");
    }

    @Test
    void nothingIsRemovedThatTheReleasedSchemaDidNotDeprecate() throws IOException {
        List<Change> removedUndeprecated = changesSinceRelease().stream().filter(change -> change.removal() && !change.deprecated()).toList();

        assertEquals(List.of(), removedUndeprecated, "deprecate first (@deprecated(reason: ...)), release, then remove");
    }

    @Test
    void everyDeclaredChangeHappened() throws IOException {
        Set<String> happened = new LinkedHashSet<>(changesSinceRelease().stream().map(Change::coordinate).toList());

        List<String> stale = unreleasedDeclarations(Files.readString(CHANGELOG)).stream().filter(c -> !happened.contains(c)).toList();

        assertEquals(List.of(), stale, "declared under ## Unreleased but not a breaking change since the released schema: "
                + "after a release, move the entries under the release's heading");
    }

    @Test
    void theChangelogIsReadLineByLineUnderUnreleasedOnly() {
        String changelog = """
                # Schema changelog
                ## Unreleased
                - breaking: `Category.legacyName` removed after its deprecation in 2026-12
                - breaking: `Query.categories(legacy:)` removed
                Some prose that mentions - breaking: `Not.this`
                ## 2026-12-01
                - breaking: `CategoryPayload` type removed
                """;

        assertEquals(Set.of("Category.legacyName", "Query.categories(legacy:)"), unreleasedDeclarations(changelog));
        assertThrows(IllegalStateException.class, () -> unreleasedDeclarations("# Schema changelog\n## 2026-12-01\n"));
    }

    // The comparison, rule by rule.

    private static final String BASE = """
            type Query { node(id: ID!): Node, items(first: Int, filter: Filter): [Item!]!, search: SearchResult }
            interface Node { id: ID! }
            type Item implements Node { id: ID! name: String! note: String old: String @deprecated(reason: "use name") tags: [String!] }
            type Other implements Node { id: ID! }
            union SearchResult = Item | Other
            enum Order { NAME CREATED OLD @deprecated }
            input Filter { name: String, first: Int!, order: Order }
            directive @cached(ttl: Int) on FIELD_DEFINITION | OBJECT
            """;

    @Test
    void additionsStricterOutputsLooserInputsAndNewDeprecationsAreNotBreaking() {
        String changed = BASE
                .replace("note: String", "note: String! extra: Int @deprecated(reason: \"soon\")")
                .replace("tags: [String!]", "tags: [String!]!")
                .replace("first: Int!", "first: Int, later: Boolean, withDefault: Int! = 1")
                .replace("items(first: Int,", "items(first: Int, after: String,")
                .replace("enum Order { NAME", "enum Order { NEWEST NAME")
                .replace("union SearchResult = Item | Other", "union SearchResult = Item | Other | Third\ntype Third { id: ID! }");

        assertEquals(List.of(), BreakingChanges.between(BASE, changed));
    }

    @Test
    void removalsSayWhetherTheOldSchemaDeprecatedThem() {
        List<Change> changes = BreakingChanges.between(BASE, BASE
                .replace(" old: String @deprecated(reason: \"use name\")", "")
                .replace(" note: String", "")
                .replace(" OLD @deprecated", "")
                .replace(", order: Order", "")
                .replace(", filter: Filter", ""));

        assertEquals(List.of(
                "Filter.order: input field removed without deprecation",
                "Item.note: field removed without deprecation",
                "Item.old: field removed (deprecated)",
                "Order.OLD: enum value removed (deprecated)",
                "Query.items(filter:): argument removed without deprecation"), strings(changes));
        assertEquals(List.of(false, false, true, true, false), changes.stream().map(Change::deprecated).toList());
        assertTrue(changes.stream().allMatch(Change::removal));
    }

    @Test
    void looserOutputsStricterInputsAndOtherTypesAreBreaking() {
        List<Change> changes = BreakingChanges.between(BASE, BASE
                .replace("name: String!", "name: String")
                .replace("tags: [String!]", "tags: [String]")
                .replace("node(id: ID!): Node", "node(id: ID!): Item")
                .replace("name: String, first", "name: String!, first")
                .replace("items(first: Int,", "items(first: Int!,")
                .replace("search: SearchResult", "search: SearchResult, other(id: ID!, scope: String!): Other"));

        assertEquals(List.of(
                "Filter.name: type String became String!",
                "Item.name: type String! became String",
                "Item.tags: type [String!] became [String]",
                "Query.items(first:): type Int became Int!",
                "Query.node: type Node became Item"), strings(changes), "a new field's required arguments break nobody");
    }

    @Test
    void requiredArgumentsAndInputFieldsAddedToExistingOnesAreBreaking() {
        assertEquals(List.of("Filter.owner: required input field added", "Query.search(scope:): required argument added"),
                strings(BreakingChanges.between(BASE, BASE
                        .replace("order: Order }", "order: Order, owner: ID! }")
                        .replace("search: SearchResult", "search(scope: String!): SearchResult"))));
    }

    @Test
    void removedTypesMembersInterfacesEnumValuesAndDirectivesAreBreaking() {
        assertEquals(List.of(
                "@cached: location OBJECT removed",
                "@cached(ttl:): argument removed without deprecation",
                "Item: no longer implements Node",
                "Order.CREATED: enum value removed without deprecation",
                "Other: object type removed",
                "SearchResult: union member Other removed"), strings(BreakingChanges.between(BASE, BASE
                .replace("type Item implements Node", "type Item")
                .replace("type Other implements Node { id: ID! }", "")
                .replace("union SearchResult = Item | Other", "union SearchResult = Item")
                .replace(" CREATED", "")
                .replace("directive @cached(ttl: Int) on FIELD_DEFINITION | OBJECT", "directive @cached on FIELD_DEFINITION"))));
        assertEquals(List.of("@cached: directive removed", "Filter: input type became enum"),
                strings(BreakingChanges.between(BASE, BASE
                        .replace("directive @cached(ttl: Int) on FIELD_DEFINITION | OBJECT", "")
                        .replace("input Filter { name: String, first: Int!, order: Order }", "enum Filter { NAME }"))));
    }

    @Test
    void theCurrentSchemaIsComparedForReal() throws IOException {
        List<Change> loosened = BreakingChanges.between(Files.readString(CURRENT),
                Files.readString(CURRENT).replace("createdAt: DateTime!", "createdAt: DateTime"));

        assertEquals(List.of("Category.createdAt: type DateTime! became DateTime", "Template.createdAt: type DateTime! became DateTime"),
                strings(loosened));
        assertFalse(changesSinceRelease().stream().anyMatch(change -> change.coordinate().equals("Template.createdAt")),
                "Template.createdAt became non-null since the release: stricter, not breaking");
    }

    private static List<Change> changesSinceRelease() throws IOException {
        return BreakingChanges.between(Files.readString(RELEASED), Files.readString(CURRENT));
    }

    /** The coordinates declared under "## Unreleased", up to the next "## " heading. */
    static Set<String> unreleasedDeclarations(String changelog) {
        Set<String> declared = new LinkedHashSet<>();
        boolean unreleased = false;
        boolean found = false;
        for (String line : changelog.lines().toList()) {
            if (line.startsWith("## ")) {
                unreleased = line.strip().equals("## Unreleased");
                found |= unreleased;
                continue;
            }
            Matcher declaration = DECLARATION.matcher(line);
            if (unreleased && declaration.find()) {
                declared.add(declaration.group(1));
            }
        }
        if (!found) {
            throw new IllegalStateException("schema/CHANGELOG.md has no \"## Unreleased\" section");
        }
        return declared;
    }

    private static List<String> strings(List<Change> changes) {
        List<String> strings = new ArrayList<>();
        changes.forEach(change -> strings.add(change.toString()));
        return strings;
    }
}
