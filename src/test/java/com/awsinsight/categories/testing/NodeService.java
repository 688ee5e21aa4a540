package com.awsinsight.categories.testing;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.Timestamps;
import com.awsinsight.categories.edge.http.Json;
import com.fasterxml.jackson.core.type.TypeReference;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Node service's own data access for tests: its documents, written and read with the AWS SDK for
 * JavaScript v3 document client exactly as its handlers do (src/test/node-service/documents.mjs, run with
 * node against dynalite). So a test can give the gateway a table the Node service wrote, and check that the
 * Node service can still read what the gateway wrote (a rollback).
 */
public final class NodeService {
    private static final Path SCRIPT = Path.of("src/test/node-service/documents.mjs").toAbsolutePath();

    private NodeService() {
    }

    /**
     * The document the Node service's create handler writes for {@code category}: its ten attributes, no
     * {@code nameKey}, {@code parentKey}, {@code version} or {@code updatedBy}; timestamps from
     * {@code new Date().toISOString()} (always with milliseconds); a root's parent as null.
     */
    public static Map<String, Object> document(Category category) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("organizationId", category.organizationId());
        document.put("categoryId", category.id());
        document.put("categoryName", category.name());
        document.put("description", category.description());
        document.put("parentCategoryId", category.parentId());
        if (category.metadata() != null) {
            document.put("metadata", category.metadata());
        }
        document.put("createdAt", Timestamps.format(category.createdAt()));
        document.put("updatedAt", Timestamps.format(category.updatedAt()));
        document.put("createdBy", category.createdBy());
        document.put("isActive", category.active());
        return document;
    }

    /** Writes the categories as the Node service's documents, one PutCommand each. */
    public static void put(String table, List<Category> categories) {
        run("put", table, null, Json.write(categories.stream().map(NodeService::document).toList()));
    }

    /**
     * Writes documents of any shape the Node service stored (timestamps without milliseconds or with an offset,
     * attributes left out, ids of any form), one PutCommand each, exactly as given.
     */
    public static void putDocuments(String table, List<Map<String, Object>> documents) {
        run("put", table, null, Json.write(documents));
    }

    /** Writes many documents through BatchWriteCommand (bulk fixtures; the same item shape). */
    public static void load(String table, List<Map<String, Object>> documents) {
        run("load", table, null, Json.write(documents));
    }

    /** The items of these keys as the Node service's document client returns them (null where missing). */
    public static List<Map<String, Object>> get(String table, List<Map<String, String>> keys) {
        return parse(run("get", table, null, Json.write(keys)));
    }

    /** Every item of an organization, as the Node service's list handler reads them. */
    public static List<Map<String, Object>> list(String table, String organizationId) {
        return parse(run("list", table, organizationId, "[]"));
    }

    /** Every item of the table as the Node service's document client reads it (auxiliary items included). */
    public static List<Map<String, Object>> scan(String table) {
        return parse(run("scan", table, null, "[]"));
    }

    private static List<Map<String, Object>> parse(String json) {
        try {
            return Json.MAPPER.readValue(json, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable output of documents.mjs: " + json, e);
        }
    }

    private static String run(String command, String table, String organizationId, String input) {
        List<String> arguments = new ArrayList<>(List.of("node", SCRIPT.toString(), command, table));
        if (organizationId != null) {
            arguments.add(organizationId);
        }
        try {
            File log = new File("target/node-service.log");
            ProcessBuilder builder = new ProcessBuilder(arguments)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log));
            builder.environment().put("DYNAMODB_ENDPOINT", Dynalite.get().endpoint().toString());
            Process process = builder.start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("documents.mjs " + command + " failed; see target/node-service.log");
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run node (src/test/node-service)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
