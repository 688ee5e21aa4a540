package com.awsinsight.categories.store.dynamodb;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.ChangePage;
import com.awsinsight.categories.domain.model.CategoryOrder;
import com.awsinsight.categories.domain.model.CategoryQuery;
import com.awsinsight.categories.domain.ports.CategoryRepository;
import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.model.Position;
import com.awsinsight.categories.domain.model.Slice;
import com.awsinsight.categories.domain.model.StaleVersion;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.store.dynamodb.TableLayout.Index;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Categories on the Node service's table. Access paths: the base table (organizationId, categoryId) for
 * point reads and whole-organization reads; NameKeyIndex for names and name order;
 * CreatedAtIndex (keys only) for creation order; ParentIndex (organizationId, parentKey) for the
 * children of a parent in name order; UpdatedAtIndex (keys only) for delta sync ({@link DynamoChangeFeed}). The
 * Node service's CategoryNameIndex (exact names) is kept for it but not read: the gateway orders names by their
 * normalized form. Point reads are strongly consistent BatchGetItem calls of at most 100 keys,
 * sent in parallel; unprocessed keys are retried with backoff and never dropped.
 *
 * <p>Long on purpose (about 250 lines): it is the one place that knows the categories' access paths; query
 * planning ({@link ListPlan}), item mapping ({@link ItemMapper}), the change feed and the call plumbing
 * ({@link DynamoCalls}) are already their own classes.
 */
final class DynamoCategoryRepository implements CategoryRepository {
    private static final int BATCH_GET_LIMIT = 100;
    private static final int BATCH_WRITE_LIMIT = 25;
    private static final int LIST_PAGE_SIZE = 100;

    private final DynamoDbClient client;
    private final String table;
    private final String organizationId;
    private final Executor executor;
    private final StoreMetrics metrics;
    private final DynamoCalls.CallOptions counted;
    private final DynamoChangeFeed changes;

    DynamoCategoryRepository(DynamoDbClient client, String table, String organizationId, Executor executor, StoreMetrics metrics) {
        this.client = client;
        this.table = table;
        this.organizationId = organizationId;
        this.executor = executor;
        this.metrics = metrics;
        this.counted = DynamoCalls.counted(metrics);
        this.changes = new DynamoChangeFeed(client, table, organizationId, counted, this::findByIds);
    }

    @Override
    public String organizationId() {
        return organizationId;
    }

    @Override
    public Map<String, Category> findByIds(Collection<String> ids) {
        List<String> distinct = ids.stream().distinct().toList();
        List<Supplier<List<Category>>> chunks = new ArrayList<>();
        for (int start = 0; start < distinct.size(); start += BATCH_GET_LIMIT) {
            List<String> chunk = distinct.subList(start, Math.min(distinct.size(), start + BATCH_GET_LIMIT));
            chunks.add(() -> batchGet(chunk));
        }
        Map<String, Category> found = new HashMap<>();
        inParallel(chunks).forEach(list -> list.forEach(c -> found.put(c.id(), c)));
        return found;
    }

    @Override
    public Map<String, List<Category>> findChildren(Collection<String> parentIds) {
        List<String> parents = new ArrayList<>(parentIds);
        List<Supplier<List<Category>>> queries = parents.stream()
                .<Supplier<List<Category>>>map(parentId -> () -> queryAll(QueryRequest.builder()
                        .indexName(Index.PARENT.indexName())
                        .keyConditionExpression("organizationId = :o AND begins_with(parentKey, :p)")
                        .expressionAttributeValues(Map.of(
                                ":o", ItemMapper.s(organizationId),
                                ":p", ItemMapper.s(ItemMapper.parentPrefix(parentId))))))
                .toList();
        List<List<Category>> results = inParallel(queries);
        Map<String, List<Category>> byParent = new LinkedHashMap<>();
        for (int i = 0; i < parents.size(); i++) {
            String parentId = parents.get(i);
            byParent.put(parentId, results.get(i).stream()
                    .filter(c -> Objects.equals(c.parentId(), parentId)) // the prefix may hold another parent's children
                    .sorted(CategoryOrder.NAME_ASC.comparator()).toList());
        }
        return byParent;
    }

    @Override
    public List<Category> findAll() {
        return queryAll(QueryRequest.builder()
                .consistentRead(true)
                .keyConditionExpression("organizationId = :o")
                .expressionAttributeValues(Map.of(":o", ItemMapper.s(organizationId))));
    }

    /** The ids NameKeyIndex finds are read again strongly consistently (a uniqueness check must not miss a write). */
    @Override
    public List<Category> findByNameKey(String nameKey) {
        List<Map<String, AttributeValue>> keys = DynamoCalls.queryPages(client, QueryRequest.builder().tableName(table)
                .indexName(Index.NAME_KEY.indexName())
                .keyConditionExpression("organizationId = :o AND begins_with(nameOrder, :k)")
                .expressionAttributeValues(Map.of(":o", ItemMapper.s(organizationId),
                        ":k", ItemMapper.s(ItemMapper.namePrefix(nameKey)))), counted);
        return keys.isEmpty() ? List.of() : hydrate(keys).stream()
                .filter(c -> c.nameKey().equals(nameKey))
                .toList();
    }

    /**
     * Reads the chosen index in order, page by page, keeping candidates that match the query until one more than
     * asked is found. The first Query asks for exactly that many, so an unfiltered page is one call; filtered
     * pages read on in pages of {@value #LIST_PAGE_SIZE} until {@code maxRead} candidates have been read, and
     * then give up (empty). The next page starts strictly after the last item returned.
     */
    @Override
    public Optional<Slice<Category>> list(CategoryQuery query, Position after, int limit, int maxRead) {
        ListPlan plan = ListPlan.of(organizationId, query, after);
        List<Category> matches = new ArrayList<>();
        Map<String, AttributeValue> startKey = plan.startKey();
        int pageSize = limit + 1;
        int read = 0;
        do {
            if (read >= maxRead) {
                return Optional.empty();
            }
            QueryRequest request = plan.request(table, startKey, Math.min(pageSize, maxRead - read))
                    .toBuilder().overrideConfiguration(counted.next()).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            QueryResponse response = DynamoCalls.call(() -> client.query(request));
            read += response.items().size();
            List<Category> candidates = plan.keysOnly() ? hydrate(response.items())
                    : response.items().stream().map(ItemMapper::toCategory).toList();
            for (Category candidate : candidates) {
                if (query.matches(candidate)) {
                    matches.add(candidate);
                }
                if (matches.size() > limit) {
                    return Optional.of(new Slice<>(matches.subList(0, limit), true));
                }
            }
            startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
            pageSize = LIST_PAGE_SIZE;
        } while (startKey != null);
        return Optional.of(new Slice<>(matches, false));
    }

    @Override
    public ChangePage pageById(String afterId, int limit) {
        return changes.pageById(afterId, limit);
    }

    @Override
    public ChangePage changedAfter(Position after, int limit) {
        return changes.changedAfter(after, limit);
    }

    @Override
    public void insert(Category category) {
        requireOwn(category);
        try {
            DynamoCalls.call(() -> client.putItem(r -> r.tableName(table)
                    .item(ItemMapper.toItem(category))
                    .conditionExpression("attribute_not_exists(categoryId)")
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                    .overrideConfiguration(counted.next())));
        } catch (ConditionalCheckFailedException e) {
            throw DomainException.conflict(Field.ID, "A category with this id already exists");
        }
    }

    /**
     * One UpdateItem that SETs the document attributes that changed and the gateway's own attributes (REMOVEs any the
     * new document lacks), conditioned on the version read: every other attribute stays as stored.
     */
    @Override
    public void update(Category current, Category updated) {
        requireOwn(updated);
        if (!current.id().equals(updated.id()) || !current.organizationId().equals(updated.organizationId())) {
            throw new IllegalArgumentException("An update must keep the category's organization and id");
        }
        long expectedVersion = current.version();
        String condition = expectedVersion == 0
                ? "attribute_exists(categoryId) AND (attribute_not_exists(#v) OR #v = :expected)"
                : "attribute_exists(categoryId) AND #v = :expected";
        ItemMapper.Changes changes = ItemMapper.changes(current, updated);
        Map<String, String> names = new HashMap<>(Map.of("#v", ItemMapper.VERSION));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":expected", ItemMapper.n(expectedVersion)));
        List<String> sets = new ArrayList<>();
        changes.set().forEach((name, value) -> {
            String placeholder = "a" + names.size();
            names.put("#" + placeholder, name);
            values.put(":" + placeholder, value);
            sets.add("#" + placeholder + " = :" + placeholder);
        });
        List<String> removes = new ArrayList<>();
        changes.remove().forEach(name -> {
            String placeholder = "#a" + names.size();
            names.put(placeholder, name);
            removes.add(placeholder);
        });
        String expression = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        try {
            DynamoCalls.call(() -> client.updateItem(r -> r.tableName(table)
                    .key(ItemMapper.key(organizationId, updated.id()))
                    .updateExpression(expression)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                    .overrideConfiguration(counted.next())));
        } catch (ConditionalCheckFailedException e) {
            Category stored = findByIds(List.of(updated.id())).get(updated.id());
            if (stored == null) {
                throw DomainException.notFound(Field.ID, "Category not found");
            }
            throw StaleVersion.of(stored.version());
        }
    }

    @Override
    public void insertAll(List<Category> categories) {
        categories.forEach(this::requireOwn);
        for (int start = 0; start < categories.size(); start += BATCH_WRITE_LIMIT) {
            List<WriteRequest> batch = categories.subList(start, Math.min(categories.size(), start + BATCH_WRITE_LIMIT))
                    .stream()
                    .map(c -> WriteRequest.builder().putRequest(p -> p.item(ItemMapper.toItem(c))).build())
                    .toList();
            DynamoCalls.batchWrite(client, table, batch, counted);
        }
    }

    /** The calls in parallel, counted as one round trip. */
    private <T> List<T> inParallel(List<Supplier<T>> calls) {
        metrics.beginParallel();
        try {
            return DynamoCalls.inParallel(executor, calls);
        } finally {
            metrics.endParallel();
        }
    }

    private void requireOwn(Category category) {
        if (!category.organizationId().equals(organizationId)) {
            throw new IllegalArgumentException("A category of another organization cannot be written here");
        }
    }

    private List<Category> batchGet(List<String> ids) {
        List<Map<String, AttributeValue>> keys = ids.stream().map(id -> ItemMapper.key(organizationId, id)).toList();
        return DynamoCalls.batchGet(client, table, keys, counted).stream().map(ItemMapper::toCategory).toList();
    }

    private List<Category> hydrate(List<Map<String, AttributeValue>> keys) {
        List<String> ids = keys.stream().map(k -> k.get(ItemMapper.CATEGORY_ID).s()).toList();
        Map<String, Category> found = findByIds(ids);
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    private List<Category> queryAll(QueryRequest.Builder builder) {
        return DynamoCalls.queryPages(client, builder.tableName(table), counted).stream().map(ItemMapper::toCategory).toList();
    }

}
