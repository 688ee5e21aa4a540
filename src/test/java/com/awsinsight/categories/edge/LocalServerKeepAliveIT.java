package com.awsinsight.categories.edge;

import com.awsinsight.categories.testing.ProcessOutput;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code java -jar target/category-gateway.jar serve} in a fresh JVM (the JDK server reads its
 * properties once per JVM, so an in-process test could see another test's settings), 20 sequential
 * requests on one kept-alive connection. With Nagle's algorithm on, each response waits for the
 * client's delayed ACK (40 ms minimum on Linux): the median would be ≥ 40 ms. The bound is half that,
 * for a request that takes well under a millisecond on a warm server.
 */
class LocalServerKeepAliveIT {
    private static final Path JAR = Path.of("target/category-gateway.jar");

    @Test
    void keptAliveConnectionsDoNotWaitForDelayedAcks() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "serve", "--port", Integer.toString(port))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("TABLE_NAME")
                || k.equals("DYNAMODB_ENDPOINT") || k.equals("USER_POOL_ID") || k.startsWith("JAVA_") || k.startsWith("JDK_"));
        builder.environment().put("LOG_QUIET", "true");
        Process server = builder.start();
        try {
            awaitListening(server);
            List<Long> micros = new ArrayList<>();
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                byte[] request = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 23; i++) {
                    long start = System.nanoTime();
                    out.write(request);
                    out.flush();
                    assertEquals(200, readResponse(in));
                    if (i >= 3) { // the first requests load classes
                        micros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
                    }
                }
            }
            Collections.sort(micros);
            long median = micros.get(micros.size() / 2);
            assertTrue(median < 20_000, "median " + median + " µs per kept-alive request (all: " + micros + ")");
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitListening(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.contains("listening on")) {
                ProcessOutput.drainInBackground(out);
                return;
            }
        }
        throw new IllegalStateException("serve ended before listening");
    }

    /** Reads one HTTP/1.1 response with a Content-Length body; returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            head.append((char) b);
        }
        Matcher length = Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        }
        return Integer.parseInt(head.substring(9, 12));
    }
}
