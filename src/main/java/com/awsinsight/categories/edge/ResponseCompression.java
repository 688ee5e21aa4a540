package com.awsinsight.categories.edge;

import com.awsinsight.categories.edge.http.ProxyResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Compression of the local server's responses, as API Gateway compresses the function's responses in AWS (its
 * {@code minimum_compression_size}): a body of at least {@value #THRESHOLD_BYTES} bytes is sent gzip-encoded when
 * the request's {@code Accept-Encoding} accepts gzip (RFC 9110: a q-value above 0, named or through {@code *}), and
 * every such body carries {@code Vary: Accept-Encoding}, compressed or not, so a cache keeps the two apart. The
 * {@code ETag} is left as it is: it names the content, which both encodings carry, as API Gateway leaves the
 * function's tags (and {@code If-Match} on a category compares the version, whatever the encoding).
 *
 * <p>Only gzip: the JDK has no Brotli encoder, and no dependency of the gateway brings one. The Lambda function
 * itself never compresses: behind API Gateway that would only move the work.
 */
final class ResponseCompression {
    /** The smallest body compressed: API Gateway's {@code minimum_compression_size} in this stack (terraform). */
    static final int THRESHOLD_BYTES = 1024;

    private ResponseCompression() {
    }

    /** {@code response} gzip-encoded when {@code acceptEncoding} allows it and its body is large enough. */
    static ProxyResponse apply(String acceptEncoding, ProxyResponse response) {
        if (response.body().length < THRESHOLD_BYTES || response.headers().containsKey("Content-Encoding")) {
            return response;
        }
        String vary = response.headers().get("Vary");
        ProxyResponse varied = response.withHeader("Vary", vary == null ? "Accept-Encoding" : vary + ", Accept-Encoding");
        if (!acceptsGzip(acceptEncoding)) {
            return varied;
        }
        return new ProxyResponse(varied.statusCode(), varied.withHeader("Content-Encoding", "gzip").headers(),
                gzip(response.body()), true);
    }

    /** Whether an {@code Accept-Encoding} value gives gzip a q-value above 0 (by name, else through {@code *}). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        Double named = null;
        Double wildcard = null;
        for (String item : acceptEncoding.split(",")) {
            String[] parts = item.split(";");
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                named = named == null ? q : Math.max(named, q);
            } else if (coding.equals("*")) {
                wildcard = q;
            }
        }
        Double q = named != null ? named : wildcard;
        return q != null && q > 0;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("q")) {
                try {
                    return Double.parseDouble(pair[1].trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
