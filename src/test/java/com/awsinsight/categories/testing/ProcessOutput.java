package com.awsinsight.categories.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;

/** What tests do with the output of a process they started. */
public final class ProcessOutput {
    private ProcessOutput() {
    }

    /**
     * Reads and discards the rest of {@code output} on a daemon thread, so a process that keeps writing (request
     * log lines) never blocks on a full pipe.
     */
    public static void drainInBackground(Reader output) {
        Thread drain = new Thread(() -> {
            try {
                output.transferTo(Writer.nullWriter());
            } catch (IOException ignored) {
                // the process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
    }
}
