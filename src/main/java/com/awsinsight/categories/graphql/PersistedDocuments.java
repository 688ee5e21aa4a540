package com.awsinsight.categories.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which document a request runs when it names one by hash: Apollo's automatic persisted queries (APQ) and, in
 * production, trusted documents.
 *
 * <p><b>APQ</b> (Apollo's protocol, {@code extensions.persistedQuery: { version: 1, sha256Hash }}): a request
 * with a hash and no query runs the document registered under that hash, or fails with
 * {@code PERSISTED_QUERY_NOT_FOUND}, upon which the client sends query and hash together; the hash is checked
 * against the query and, once the document has run, registered ({@link #register}). The registry is per process,
 * in memory, least recently used first out, bounded by {@link #MAX_ENTRIES} documents and {@link #MAX_BYTES}
 * characters; a new process (another Lambda instance) simply asks the client again.
 *
 * <p><b>Trusted documents</b>: the manifest ({@value #MANIFEST_RESOURCE}, Apollo's persisted-query manifest
 * format) is built at package time from the REST routes' operations, the playground's examples and the
 * dashboards' operations in {@code trusted-documents/}. With {@code trustedOnly}, only documents of the manifest
 * run, named by hash or sent as text; anything else is refused here, before it is parsed. Without it, manifest
 * documents can be named by hash like registered ones.
 */
public final class PersistedDocuments {
    public static final String MANIFEST_RESOURCE = "/trusted-documents.json";
    /** Registered APQ documents kept per process at most. */
    public static final int MAX_ENTRIES = 1000;
    /** Characters of registered APQ documents kept per process at most (the least recently used go first). */
    public static final long MAX_BYTES = 5_000_000;
    public static final String NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND";
    public static final String NOT_IN_LIST = "PERSISTED_QUERY_NOT_IN_LIST";

    private final Map<String, String> manifest;
    private final boolean trustedOnly;
    private final LinkedHashMap<String, String> registered = new LinkedHashMap<>(64, 0.75f, true);
    private long registeredBytes;

    /** A request refused by the persisted-documents rules; {@code status} and {@code code} are for the client. */
    public static final class Refused extends RuntimeException {
        private final int status;
        private final String code;

        Refused(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }

    public PersistedDocuments(Map<String, String> manifest, boolean trustedOnly) {
        this.manifest = Map.copyOf(manifest);
        this.trustedOnly = trustedOnly;
    }

    /** The packaged manifest (empty when the build did not make one) and the mode. */
    public static PersistedDocuments fromClasspath(boolean trustedOnly) {
        Map<String, String> manifest = readManifest(PersistedDocuments.class.getResourceAsStream(MANIFEST_RESOURCE));
        if (trustedOnly && manifest.isEmpty()) {
            throw new IllegalStateException("TRUSTED_DOCUMENTS_ONLY is set but " + MANIFEST_RESOURCE + " holds no document");
        }
        return new PersistedDocuments(manifest, trustedOnly);
    }

    public boolean trustedOnly() {
        return trustedOnly;
    }

    /** Whether the manifest holds exactly this document text. */
    public boolean trusts(String document) {
        return manifest.containsKey(sha256(document));
    }

    /**
     * The document a request runs: its own {@code query} (checked against {@code sha256Hash} when both are given)
     * or the document known under {@code sha256Hash}. Throws {@link Refused} for an unknown hash (404
     * {@value #NOT_FOUND}), a hash that does not match the query (400), or, in trusted mode, a document that is
     * not in the manifest (403 {@value #NOT_IN_LIST}). Neither argument null: at least one is present.
     */
    public String resolve(String query, String sha256Hash) {
        if (sha256Hash != null && !sha256Hash.matches("[0-9a-fA-F]{64}")) {
            throw new Refused(400, "BAD_USER_INPUT", "extensions.persistedQuery.sha256Hash must be 64 hex digits");
        }
        if (query == null) {
            return known(sha256Hash.toLowerCase()).orElseThrow(() -> new Refused(404, NOT_FOUND, "PersistedQueryNotFound"));
        }
        String actual = sha256(query);
        if (sha256Hash != null && !actual.equalsIgnoreCase(sha256Hash)) {
            throw new Refused(400, "BAD_USER_INPUT", "extensions.persistedQuery.sha256Hash does not match the query");
        }
        if (trustedOnly && !manifest.containsKey(actual)) {
            throw new Refused(403, NOT_IN_LIST, "Only trusted documents run here; this document is not in the manifest");
        }
        return query;
    }

    /** Remembers a document that ran under its hash, so later requests can send the hash alone. */
    public synchronized void register(String query) {
        if (trustedOnly || query.length() > MAX_BYTES) {
            return;
        }
        String previous = registered.put(sha256(query), query);
        registeredBytes += query.length() - (previous == null ? 0 : previous.length());
        var eldest = registered.entrySet().iterator();
        while (registered.size() > MAX_ENTRIES || registeredBytes > MAX_BYTES) {
            registeredBytes -= eldest.next().getValue().length();
            eldest.remove();
        }
    }

    private synchronized Optional<String> known(String hash) {
        String document = manifest.get(hash);
        if (document != null) {
            return Optional.of(document);
        }
        return trustedOnly ? Optional.empty() : Optional.ofNullable(registered.get(hash));
    }

    /** The lower-case hex SHA-256 of a document's UTF-8 text, as APQ and the manifest name documents. */
    public static String sha256(String document) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The documents of an Apollo persisted-query manifest ({@code operations: [{ id, body }]}), by id, checked. */
    static Map<String, String> readManifest(InputStream in) {
        if (in == null) {
            return Map.of();
        }
        try (in) {
            JsonNode manifest = new ObjectMapper().readTree(in);
            Map<String, String> documents = new HashMap<>();
            for (JsonNode operation : manifest.path("operations")) {
                String body = operation.path("body").asText();
                String id = operation.path("id").asText();
                if (!sha256(body).equals(id)) {
                    throw new IllegalStateException("Manifest entry " + operation.path("name").asText() + " has id " + id
                            + " but its body hashes to " + sha256(body));
                }
                documents.put(id, body);
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
