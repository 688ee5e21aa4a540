package com.awsinsight.categories.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The argument rules every command of the jar shares: typed values, exact messages, help that wins. */
class CommandLineTest {
    private static final Option<Boolean> DRY_RUN = Option.flag("--dry-run", "write nothing");
    private static final Option<Integer> RATE = Option.number("--rate", "N", 1, 1000, "calls per second");
    private static final Option<Path> STATE = Option.path("--state", "FILE", "progress file");
    private static final Option<String> ORG = Option.text("--org", "ID", "the organization");
    private static final CommandLine COMMAND = CommandLine.command("tool", "run")
            .synopsis("--org ID [--dry-run] [--rate N] [--state FILE] [FILE]")
            .description("Runs.")
            .required(ORG).option(DRY_RUN).option(RATE).option(STATE).operands(1)
            .build();

    @Test
    void typedValuesInBothFormsAndAnOperand() throws Exception {
        Arguments arguments = COMMAND.parse(List.of("--org", "acme", "--rate=50", "--dry-run", "--state", "s.json", "-"));

        assertFalse(arguments.help());
        assertEquals(Optional.of("acme"), arguments.get(ORG));
        assertEquals(50, arguments.get(RATE, 200));
        assertTrue(arguments.has(DRY_RUN));
        assertEquals(Path.of("s.json"), arguments.get(STATE).orElseThrow());
        assertEquals(List.of("-"), arguments.operands());
    }

    @Test
    void defaultsApplyToOptionsNotGiven() throws Exception {
        Arguments arguments = COMMAND.parse(List.of("--org", "acme"));

        assertEquals(200, arguments.get(RATE, 200));
        assertFalse(arguments.has(DRY_RUN));
        assertEquals(List.of(), arguments.operands());
    }

    @Test
    void helpAnywhereWinsOverEverythingElse() throws Exception {
        assertTrue(COMMAND.parse(List.of("--help")).help());
        assertTrue(COMMAND.parse(List.of("-h")).help());
        assertTrue(COMMAND.parse(List.of("--hlep", "--rate", "x", "-h")).help(), "help even next to wrong arguments");
        assertTrue(COMMAND.parse(List.of("--org", "--help")).help(), "a value never starts with -");
    }

    @Test
    void everyWrongArgumentIsAUsageErrorNamingIt() {
        assertEquals("unknown option --hlep", message("--org", "acme", "--hlep"));
        assertEquals("unknown option -x", message("--org", "acme", "-x"));
        assertEquals("--org ID needs a value", message("--org"));
        assertEquals("--org ID needs a value", message("--org", "--dry-run"));
        assertEquals("--rate needs a whole number from 1 to 1000, not \"fast\"", message("--org", "a", "--rate", "fast"));
        assertEquals("--rate needs a whole number from 1 to 1000, not \"0\"", message("--org", "a", "--rate=0"));
        assertEquals("--rate needs a whole number from 1 to 1000, not \"\"", message("--org", "a", "--rate="));
        assertEquals("--dry-run takes no value", message("--org", "a", "--dry-run=yes"));
        assertEquals("--org is given twice", message("--org", "a", "--org", "b"));
        assertEquals("--org needs a value that is not empty", message("--org", " "));
        assertEquals("missing --org ID", message("--dry-run"));
        assertEquals("unexpected argument \"two\"", message("--org", "a", "one", "two"));
    }

    @Test
    void numbersWithoutUpperBoundSaySo() {
        Option<Integer> segments = Option.number("--segments", "N", 1, Integer.MAX_VALUE, "segments");
        CommandLine command = CommandLine.command("tool", "scan").option(segments).build();

        UsageException e = assertThrows(UsageException.class, () -> command.parse(List.of("--segments", "-3")));
        assertEquals("--segments N needs a value", e.getMessage(), "-3 starts like an option");
        e = assertThrows(UsageException.class, () -> command.parse(List.of("--segments=-3")));
        assertEquals("--segments needs a whole number of at least 1, not \"-3\"", e.getMessage());
    }

    @Test
    void usageIsMadeFromTheDeclarations() {
        assertEquals("""
                usage: tool run --org ID [--dry-run] [--rate N] [--state FILE] [FILE]

                Runs.

                options:
                  --org ID      the organization (required)
                  --dry-run     write nothing
                  --rate N      calls per second
                  --state FILE  progress file
                  -h, --help    print this help and do nothing else
                """, COMMAND.usage());
        assertEquals(List.of("tool run --org ID [--dry-run] [--rate N] [--state FILE] [FILE]"), COMMAND.synopses());
    }

    private static String message(String... arguments) {
        return assertThrows(UsageException.class, () -> COMMAND.parse(List.of(arguments))).getMessage();
    }
}
