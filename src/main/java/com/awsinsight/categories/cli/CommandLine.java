package com.awsinsight.categories.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of one command of the jar, declared once: its usage lines, what it does, its options (typed, see
 * {@link Option}), which of them are required, and how many operands it takes. {@link #parse} reads every argument
 * before the command does anything, so a command only ever runs with arguments that are all valid; {@link #usage}
 * is made from the same declarations, so the help cannot drift from what is parsed.
 *
 * <p>The rules, the same for every command: {@code -h} or {@code --help} anywhere asks for the usage (and nothing
 * else happens); an option's value follows it ({@code --rate 50}) or is joined with {@code =} ({@code --rate=50});
 * a value cannot start with {@code -}, so {@code --org --deactivate} is a missing value, not an organization called
 * "--deactivate"; an unknown option, a missing or malformed value, an option given twice, a missing required
 * option or an operand too many is a {@link UsageException}. A lone {@code -} is an operand (standard input).
 */
public final class CommandLine {
    private static final Set<String> HELP = Set.of("-h", "--help");

    private final String program;
    private final String name;
    private final List<String> synopses;
    private final String description;
    private final List<Option<?>> options;
    private final List<Option<?>> required;
    private final int maxOperands;

    private CommandLine(Builder builder) {
        this.program = builder.program;
        this.name = builder.name;
        this.synopses = List.copyOf(builder.synopses);
        this.description = builder.description;
        this.options = List.copyOf(builder.options);
        this.required = List.copyOf(builder.required);
        this.maxOperands = builder.maxOperands;
    }

    /** Starts the declaration of command {@code name} of {@code program} (e.g. "java -jar category-gateway.jar"). */
    public static Builder command(String program, String name) {
        return new Builder(program, name);
    }

    public String name() {
        return name;
    }

    /** The command's usage lines, e.g. {@code java -jar category-gateway.jar migrate [--dry-run]}. */
    public List<String> synopses() {
        return synopses.stream().map(s -> program + " " + name + (s.isEmpty() ? "" : " " + s)).toList();
    }

    /** Reads every argument after the command's name; a UsageException for the first one that is wrong. */
    public Arguments parse(List<String> arguments) throws UsageException {
        if (arguments.stream().anyMatch(HELP::contains)) {
            return new Arguments(true, Map.of(), List.of());
        }
        Map<Option<?>, Object> values = new LinkedHashMap<>();
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.startsWith("-") && !argument.equals("-")) {
                int equals = argument.indexOf('=');
                String optionName = equals > 0 ? argument.substring(0, equals) : argument;
                Option<?> option = option(optionName);
                if (values.containsKey(option)) {
                    throw new UsageException(option.name() + " is given twice");
                }
                String text;
                if (!option.takesValue()) {
                    if (equals > 0) {
                        throw new UsageException(option.name() + " takes no value");
                    }
                    text = "";
                } else if (equals > 0) {
                    text = argument.substring(equals + 1);
                } else if (i + 1 < arguments.size() && !isOption(arguments.get(i + 1))) {
                    text = arguments.get(++i);
                } else {
                    throw new UsageException(option.synopsis() + " needs a value");
                }
                try {
                    values.put(option, option.parse(text));
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            } else if (operands.size() < maxOperands) {
                operands.add(argument);
            } else {
                throw new UsageException("unexpected argument \"" + argument + "\"");
            }
        }
        for (Option<?> option : required) {
            if (!values.containsKey(option)) {
                throw new UsageException("missing " + option.synopsis());
            }
        }
        return new Arguments(false, values, operands);
    }

    /** The usage text: the usage lines, what the command does, and one line per option. */
    public String usage() {
        StringBuilder text = new StringBuilder();
        List<String> lines = synopses();
        for (int i = 0; i < lines.size(); i++) {
            text.append(i == 0 ? "usage: " : "       ").append(lines.get(i)).append('\n');
        }
        text.append('\n').append(description).append('\n');
        List<String[]> rows = new ArrayList<>();
        options.forEach(o -> rows.add(new String[] {o.synopsis(), o.description() + (required.contains(o) ? " (required)" : "")}));
        rows.add(new String[] {"-h, --help", "print this help and do nothing else"});
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0) + 2;
        text.append("\noptions:\n");
        rows.forEach(r -> text.append("  ").append(r[0]).append(" ".repeat(width - r[0].length())).append(r[1]).append('\n'));
        return text.toString();
    }

    private Option<?> option(String optionName) throws UsageException {
        for (Option<?> option : options) {
            if (option.name().equals(optionName)) {
                return option;
            }
        }
        throw new UsageException("unknown option " + optionName);
    }

    private static boolean isOption(String argument) {
        return argument.startsWith("-") && !argument.equals("-");
    }

    /** Declares a command step by step; {@link #build} makes it. */
    public static final class Builder {
        private final String program;
        private final String name;
        private final List<String> synopses = new ArrayList<>();
        private String description = "";
        private final List<Option<?>> options = new ArrayList<>();
        private final List<Option<?>> required = new ArrayList<>();
        private int maxOperands;

        private Builder(String program, String name) {
            this.program = program;
            this.name = name;
        }

        /** One usage line after the command's name (several for commands with distinct forms). */
        public Builder synopsis(String line) {
            synopses.add(line);
            return this;
        }

        /** What the command does, a few lines for its help. */
        public Builder description(String text) {
            description = text;
            return this;
        }

        public Builder option(Option<?> option) {
            options.add(option);
            return this;
        }

        /** An option the command cannot run without. */
        public Builder required(Option<?> option) {
            options.add(option);
            required.add(option);
            return this;
        }

        /** How many operands (arguments that are not options) the command takes at most; none by default. */
        public Builder operands(int max) {
            maxOperands = max;
            return this;
        }

        public CommandLine build() {
            if (synopses.isEmpty()) {
                synopses.add("");
            }
            return new CommandLine(this);
        }
    }
}
