package com.awsinsight.categories.observability;

import com.awsinsight.categories.domain.JsonText;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured JSON log lines on standard output, which Lambda ships to CloudWatch as they are.
 * Callers pass fields explicitly; nothing here reads headers, so tokens never reach a log.
 * Lines are written by {@link JsonText}, not Jackson, so logging builds no second object mapper on the
 * cold-start path.
 */
public final class JsonLog {
    private static volatile PrintStream out = System.out;
    private static volatile boolean quiet = Boolean.parseBoolean(System.getenv().getOrDefault("LOG_QUIET", "false"));

    private JsonLog() {
    }

    public static void info(String message, Map<String, ?> fields) {
        write("INFO", message, fields, null);
    }

    public static void error(String requestId, String message, Throwable cause) {
        write("ERROR", message, Map.of("requestId", requestId), cause);
    }

    /** Silences logs (benchmarks) or sends them elsewhere. */
    public static void redirect(PrintStream stream, boolean silence) {
        out = stream;
        quiet = silence;
    }

    private static void write(String level, String message, Map<String, ?> fields, Throwable cause) {
        if (quiet) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("message", message);
        line.putAll(fields);
        if (cause != null) {
            line.put("errorType", cause.getClass().getName());
            line.put("errorMessage", String.valueOf(cause.getMessage()));
            StackTraceElement[] trace = cause.getStackTrace();
            line.put("errorAt", trace.length > 0 ? trace[0].toString() : "");
        }
        out.println(JsonText.write(line));
    }
}
