package com.awsinsight.categories.observability;

import com.awsinsight.categories.domain.json.JsonText;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured JSON log lines on standard output, which Lambda ships to CloudWatch as they are.
 * Callers pass fields explicitly; nothing here reads headers, so tokens never reach a log.
 * Lines are written by {@link JsonText}, not Jackson, so logging builds no second object mapper on the
 * cold-start path.
 *
 * <p>{@code LOG_LEVEL} (the Node service's variable, set per environment by Terraform): {@code DEBUG} adds
 * detail to each request's line (its DynamoDB calls by operation); at every level the request lines are
 * written (they carry the CloudWatch metrics, so dropping them would drop the metrics) and so are errors.
 * An error line carries the exception's type, message and first frame, and its cause's type and message
 * ({@code errorCause}): the store's client-safe exceptions keep what an operator needs there (the failing call,
 * or the missing index and the runbook step that adds it).
 */
public final class JsonLog {
    private static volatile PrintStream out = System.out;
    private static volatile boolean quiet = Boolean.parseBoolean(System.getenv().getOrDefault("LOG_QUIET", "false"));
    private static volatile boolean debug = "DEBUG".equalsIgnoreCase(System.getenv().getOrDefault("LOG_LEVEL", "INFO").trim());

    private JsonLog() {
    }

    public static void info(String message, Map<String, ?> fields) {
        write("INFO", message, fields, null);
    }

    public static void error(String requestId, String message, Throwable cause) {
        write("ERROR", message, Map.of("requestId", requestId), cause);
    }

    /** Whether lines carry debug detail ({@code LOG_LEVEL=DEBUG}). */
    public static boolean debugEnabled() {
        return debug;
    }

    /** Sets the level as {@code LOG_LEVEL} would (tests). */
    public static void level(String level) {
        debug = "DEBUG".equalsIgnoreCase(level);
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
            Throwable reason = cause.getCause();
            if (reason != null) {
                line.put("errorCause", reason.getClass().getName() + ": " + reason.getMessage());
            }
        }
        out.println(JsonText.write(line));
    }
}
