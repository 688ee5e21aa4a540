package com.awsinsight.categories.cli;

/**
 * Arguments a command cannot run with: an unknown option, a missing or malformed value, a missing required option,
 * an extra operand or a combination the command refuses. The message says which, for the user; the command prints
 * it with its usage and exits with status 2, having touched nothing.
 */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
