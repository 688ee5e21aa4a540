package com.awsinsight.categories.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The keys and global secondary indexes of the two tables, declared once: the queries take their index names
 * from here, {@link DynamoTables} creates local tables from it, and {@link TableCheck} compares live tables with
 * it. An index the gateway {@linkplain Index#readByGateway() reads} must exist with these keys, at least this
 * projection, and be ACTIVE; the Node service's {@code CategoryNameIndex} is created for local tables (they
 * mirror production) but never read, so it is not required. Terraform declares the same indexes
 * (terraform/modules/dynamodb); {@code TerraformPlanTest} pins them.
 */
public final class TableLayout {
    /** Where an operator adds what a check or a request finds missing: the cutover runbook's index step. */
    public static final String INDEX_STEP = "docs/cutover.md step 2, \"Add the indexes\" (terraform apply -target=module.dynamodb)";
    /** Where an operator compares a table with what the stack expects (a wrong table name or key). */
    public static final String TABLES_STEP = "docs/operations.md, \"Adopting an existing Node-service environment\", step 1";

    private TableLayout() {
    }

    /** A key attribute: its name and DynamoDB type. */
    public record KeyAttribute(String name, ScalarAttributeType type) {
        @Override
        public String toString() {
            return name + " (" + type + ")";
        }
    }

    private static KeyAttribute s(String name) {
        return new KeyAttribute(name, ScalarAttributeType.S);
    }

    private static KeyAttribute n(String name) {
        return new KeyAttribute(name, ScalarAttributeType.N);
    }

    /** The two tables and their primary keys (the Node service's). */
    public enum Table {
        CATEGORIES("categories", "TABLE_NAME", s(ItemMapper.ORGANIZATION_ID), s(ItemMapper.CATEGORY_ID)),
        TEMPLATES("templates", "TEMPLATES_TABLE_NAME", s(ItemMapper.TEMPLATE_ID), n(ItemMapper.VERSION));

        private final String label;
        private final String variable;
        private final KeyAttribute hashKey;
        private final KeyAttribute rangeKey;

        Table(String label, String variable, KeyAttribute hashKey, KeyAttribute rangeKey) {
            this.label = label;
            this.variable = variable;
            this.hashKey = hashKey;
            this.rangeKey = rangeKey;
        }

        /** "categories" or "templates", as messages name the table's role. */
        public String label() {
            return label;
        }

        /** The environment variable that names the table. */
        public String variable() {
            return variable;
        }

        public KeyAttribute hashKey() {
            return hashKey;
        }

        public KeyAttribute rangeKey() {
            return rangeKey;
        }

        /** The table's global secondary indexes, in declaration order. */
        public List<Index> indexes() {
            return Arrays.stream(Index.values()).filter(i -> i.table == this).toList();
        }
    }

    /** The global secondary indexes of both tables. */
    public enum Index {
        /** The Node service's exact-name index: kept for it, never read by the gateway (names are ordered by their key). */
        CATEGORY_NAME(Table.CATEGORIES, "CategoryNameIndex", s(ItemMapper.ORGANIZATION_ID), s(ItemMapper.CATEGORY_NAME),
                ProjectionType.ALL, false),
        /** Creation order (the Node service's); keys only, the items are read by key. */
        CREATED_AT(Table.CATEGORIES, "CreatedAtIndex", s(ItemMapper.ORGANIZATION_ID), s(ItemMapper.CREATED_AT),
                ProjectionType.KEYS_ONLY, true),
        /** Children of a parent in name order. */
        PARENT(Table.CATEGORIES, "ParentIndex", s(ItemMapper.ORGANIZATION_ID), s(ItemMapper.PARENT_KEY),
                ProjectionType.ALL, true),
        /** Every name in name order; the categories of one name key. */
        NAME_KEY(Table.CATEGORIES, "NameKeyIndex", s(ItemMapper.ORGANIZATION_ID), s(ItemMapper.NAME_ORDER),
                ProjectionType.ALL, true),
        /** Delta sync: categories by their last change; keys only. */
        UPDATED_AT(Table.CATEGORIES, "UpdatedAtIndex", s(ItemMapper.ORGANIZATION_ID), s(DynamoChangeFeed.UPDATED_AT),
                ProjectionType.KEYS_ONLY, true),
        /** The shared template catalog by type (the Node service's). */
        TEMPLATE_TYPE(Table.TEMPLATES, "TemplateTypeIndex", s(ItemMapper.TEMPLATE_TYPE), n(ItemMapper.VERSION),
                ProjectionType.ALL, true),
        /** One organization's private templates by type, newest version first. */
        ORGANIZATION_TEMPLATE(Table.TEMPLATES, "OrganizationTemplateIndex", s(ItemMapper.ORGANIZATION_ID),
                s(TemplateItems.TYPE_VERSION), ProjectionType.ALL, true);

        private final Table table;
        private final String indexName;
        private final KeyAttribute hashKey;
        private final KeyAttribute rangeKey;
        private final ProjectionType projection;
        private final boolean readByGateway;

        Index(Table table, String indexName, KeyAttribute hashKey, KeyAttribute rangeKey, ProjectionType projection,
              boolean readByGateway) {
            this.table = table;
            this.indexName = indexName;
            this.hashKey = hashKey;
            this.rangeKey = rangeKey;
            this.projection = projection;
            this.readByGateway = readByGateway;
        }

        public Table table() {
            return table;
        }

        /** The name DynamoDB knows the index by (what a Query or Scan passes as IndexName). */
        public String indexName() {
            return indexName;
        }

        public KeyAttribute hashKey() {
            return hashKey;
        }

        public KeyAttribute rangeKey() {
            return rangeKey;
        }

        /** The projection the gateway relies on: ALL where it reads attributes from the index, else KEYS_ONLY. */
        public ProjectionType projection() {
            return projection;
        }

        /** Whether some query of the gateway reads this index (so it must exist before the gateway serves). */
        public boolean readByGateway() {
            return readByGateway;
        }

        /** Whether {@code actual} gives every attribute the gateway reads from this index. */
        public boolean projectsEnough(ProjectionType actual) {
            return projection == ProjectionType.KEYS_ONLY || actual == ProjectionType.ALL;
        }

        /** The index of this name, if it is one of the layout's. */
        public static Optional<Index> named(String name) {
            return Arrays.stream(values()).filter(i -> i.indexName.equals(name)).findFirst();
        }

        @Override
        public String toString() {
            return indexName + " (" + hashKey.name() + ", " + rangeKey.name() + "; projection " + projection + ")";
        }
    }
}
