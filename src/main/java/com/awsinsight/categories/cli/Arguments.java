package com.awsinsight.categories.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command's arguments after parsing: the options given, with their typed values, and the operands. Only
 * {@link CommandLine#parse} makes them, so a command that holds one knows its arguments were all valid.
 */
public final class Arguments {
    private final boolean help;
    private final Map<Option<?>, Object> values;
    private final List<String> operands;

    Arguments(boolean help, Map<Option<?>, Object> values, List<String> operands) {
        this.help = help;
        this.values = Map.copyOf(values);
        this.operands = List.copyOf(operands);
    }

    /** Whether {@code -h} or {@code --help} was given: the command prints its usage and does nothing else. */
    public boolean help() {
        return help;
    }

    /** The value of an option, if it was given. */
    public <T> Optional<T> get(Option<T> option) {
        @SuppressWarnings("unchecked")
        T value = (T) values.get(option);
        return Optional.ofNullable(value);
    }

    /** The value of an option, or {@code fallback} when it was not given. */
    public <T> T get(Option<T> option, T fallback) {
        return get(option).orElse(fallback);
    }

    /** Whether an option (typically a flag) was given. */
    public boolean has(Option<?> option) {
        return values.containsKey(option);
    }

    public List<String> operands() {
        return operands;
    }
}
