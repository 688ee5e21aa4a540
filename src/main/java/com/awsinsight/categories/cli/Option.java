package com.awsinsight.categories.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * One option of a command: its name ({@code --segments}), the name of its value in usage texts ({@code N}; none
 * for a flag), what it does, and how its text becomes a typed value. A value that does not parse is a usage error
 * whose message names the option, so a command never starts with an argument it would have to reject later.
 *
 * @param <T> the type of the option's value ({@code Boolean} for a flag, which is present or not)
 */
public final class Option<T> {
    private final String name;
    private final String valueName;
    private final String description;
    private final Function<String, T> parser;

    private Option(String name, String valueName, String description, Function<String, T> parser) {
        if (!name.startsWith("--") || name.length() < 3) {
            throw new IllegalArgumentException("An option's name starts with --: " + name);
        }
        this.name = name;
        this.valueName = valueName;
        this.description = description;
        this.parser = parser;
    }

    /**
     * An option whose value {@code parser} turns into a {@code T}, throwing an IllegalArgumentException whose
     * message (for the user) names the option and says what it expects.
     */
    public static <T> Option<T> of(String name, String valueName, String description, Function<String, T> parser) {
        if (valueName == null) {
            throw new IllegalArgumentException("An option with a value names it: " + name);
        }
        return new Option<>(name, valueName, description, parser);
    }

    /** An option without a value: given or not. */
    public static Option<Boolean> flag(String name, String description) {
        return new Option<>(name, null, description, text -> Boolean.TRUE);
    }

    /** An option whose value is any text that is not empty. */
    public static Option<String> text(String name, String valueName, String description) {
        return new Option<>(name, valueName, description, text -> {
            if (text.isBlank()) {
                throw new IllegalArgumentException(name + " needs a value that is not empty");
            }
            return text;
        });
    }

    /** An option whose value is a whole number from {@code min} to {@code max}. */
    public static Option<Integer> number(String name, String valueName, int min, int max, String description) {
        String range = max == Integer.MAX_VALUE ? "of at least " + min : "from " + min + " to " + max;
        return new Option<>(name, valueName, description, text -> {
            try {
                int value = Integer.parseInt(text.trim());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // the message below says what is expected
            }
            throw new IllegalArgumentException(name + " needs a whole number " + range + ", not \"" + text + "\"");
        });
    }

    /** An option whose value is a file path (not checked for existence: the command decides what it needs). */
    public static Option<Path> path(String name, String valueName, String description) {
        return new Option<>(name, valueName, description, text -> {
            try {
                if (!text.isBlank()) {
                    return Path.of(text);
                }
            } catch (InvalidPathException e) {
                // the message below says what is expected
            }
            throw new IllegalArgumentException(name + " needs a file path, not \"" + text + "\"");
        });
    }

    public String name() {
        return name;
    }

    /** Whether the option takes a value (false for a flag). */
    public boolean takesValue() {
        return valueName != null;
    }

    /** The option as a usage line shows it: {@code --segments N}, or {@code --dry-run}. */
    public String synopsis() {
        return takesValue() ? name + " " + valueName : name;
    }

    public String description() {
        return description;
    }

    /** The typed value of {@code text}; an IllegalArgumentException whose message is for the user otherwise. */
    T parse(String text) {
        return parser.apply(text);
    }

    @Override
    public String toString() {
        return synopsis();
    }
}
