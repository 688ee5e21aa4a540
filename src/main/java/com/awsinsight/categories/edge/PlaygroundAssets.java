package com.awsinsight.categories.edge;

import com.awsinsight.categories.edge.http.ProxyResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The GraphiQL playground's built files (index.html, app.js, app.css), read from the jar once, on the first
 * playground request (1.7 MB to inflate: not on a Lambda cold start's path, nor at all where the playground is
 * off), and served with a Content-Security-Policy that allows only the page's own scripts.
 */
final class PlaygroundAssets {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'self'; form-action 'none'";
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8");

    private Map<String, byte[]> files;

    boolean available() {
        return files().containsKey("index.html");
    }

    private synchronized Map<String, byte[]> files() {
        if (files == null) {
            Map<String, byte[]> read = new HashMap<>();
            TYPES.keySet().forEach(name -> read(name).ifPresent(bytes -> read.put(name, bytes)));
            files = Map.copyOf(read);
        }
        return files;
    }

    /** {@code name} is "index.html" for the page itself, else the file under /playground/. */
    Optional<ProxyResponse> serve(String name) {
        byte[] bytes = files().get(name);
        if (bytes == null) {
            return Optional.empty();
        }
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", TYPES.get(name));
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Cache-Control", "index.html".equals(name) ? "no-cache" : "public, max-age=300");
        return Optional.of(new ProxyResponse(200, headers, bytes, false));
    }

    private static Optional<byte[]> read(String name) {
        try (InputStream in = PlaygroundAssets.class.getResourceAsStream("/playground/" + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
