package com.awsinsight.categories;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.store.dynamodb.DynamoTables;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.NodeService;
import com.awsinsight.categories.testing.TreeFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rows of the cutover issue an operator typed, as they type them: {@code java -jar target/category-gateway.jar}
 * in a working directory of its own, with {@code TABLE_NAME}/{@code TEMPLATES_TABLE_NAME}/{@code DYNAMODB_ENDPOINT}
 * naming tables that hold the Node service's items (written by its own document client). {@code migrate --help},
 * {@code -h} and {@code --hlep}, {@code repair --org acme --hlep}: usage, exit 0 or 2, the table byte-for-byte as it
 * was and no {@code migrate-state.json}. {@code serve --help} and {@code invoke --help}: usage, exit 0, no server, no
 * file read. A real {@code migrate} in the same set-up changes the table and writes its state, so the checks above
 * would see it if a usage error did the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandProcessIT {
    private static final Path JAR = Path.of("target/category-gateway.jar").toAbsolutePath();
    private final String categories = "proc-" + UUID.randomUUID().toString().substring(0, 8) + "-categories";
    private final String templates = categories.replace("-categories", "-templates");

    private Path workingDirectory;

    @BeforeAll
    void nodeServiceTables() {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: run mvn package");
        DynamoTables.createIfMissing(Dynalite.get().client(), categories, templates);
        List<Category> tree = TreeFixtures.tree("acme", 30, 3);
        NodeService.put(categories, tree);
    }

    /** A fresh, empty working directory per test: what a command leaves there is its own. */
    @BeforeEach
    void emptyWorkingDirectory() throws IOException {
        workingDirectory = Files.createTempDirectory(Path.of("target"), "command-cwd-");
    }

    @Test
    void helpAndMistypedOptionsOfMigrateReadAndWriteNothing() throws Exception {
        Map<String, Map<String, AttributeValue>> before = Dynalite.get().items(categories);

        Result help = jar("migrate", "--help");
        Result h = jar("migrate", "-h");
        Result typo = jar("migrate", "--hlep");

        assertEquals(0, help.status, help.toString());
        assertTrue(help.out.startsWith("usage: java -jar category-gateway.jar migrate"), help.toString());
        assertEquals(0, h.status, h.toString());
        assertEquals(help.out, h.out);
        assertEquals(2, typo.status, typo.toString());
        assertTrue(typo.err.startsWith("category-gateway migrate: unknown option --hlep\nusage: java -jar category-gateway.jar migrate"),
                typo.toString());
        assertEquals("", typo.out);
        assertEquals(before, Dynalite.get().items(categories), "the table changed");
        assertEquals(List.of(), files(), "files written into the working directory");
    }

    @Test
    void repairWithAMistypedOptionChangesNothing() throws Exception {
        Map<String, Map<String, AttributeValue>> before = Dynalite.get().items(categories);

        Result typo = jar("repair", "--org", "acme", "--hlep");

        assertEquals(2, typo.status, typo.toString());
        assertTrue(typo.err.startsWith("category-gateway repair: unknown option --hlep\nusage: java -jar category-gateway.jar repair"),
                typo.toString());
        assertEquals(before, Dynalite.get().items(categories), "the table changed");
    }

    @Test
    void serveAndInvokeHelpPrintUsageAndEnd() throws Exception {
        Result serve = jar("serve", "--help");
        Result invoke = jar("invoke", "--help");

        assertEquals(0, serve.status, serve.toString());
        assertTrue(serve.out.startsWith("usage: java -jar category-gateway.jar serve [--port N] [--host H]"), serve.toString());
        assertFalse(serve.out.contains("listening"), serve.toString());
        assertEquals(0, invoke.status, invoke.toString());
        assertTrue(invoke.out.startsWith("usage: java -jar category-gateway.jar invoke [event.json | -]"), invoke.toString());
        assertFalse(invoke.err.contains("NoSuchFileException"), invoke.toString());
    }

    @Test
    void aRealMigrateInTheSameSetUpIsSeen() throws Exception {
        String otherCategories = categories.replace("proc-", "ctl-");
        DynamoTables.createIfMissing(Dynalite.get().client(), otherCategories, templates);
        NodeService.put(otherCategories, TreeFixtures.tree("acme", 5, 2));
        Map<String, Map<String, AttributeValue>> before = Dynalite.get().items(otherCategories);

        Result migrate = jar(Map.of("TABLE_NAME", otherCategories), "migrate", "--rate", "1000");

        assertEquals(0, migrate.status, migrate.toString());
        assertTrue(migrate.err.startsWith("migrate: categories table " + otherCategories + ", templates table " + templates
                + ", region us-east-1, endpoint " + Dynalite.get().endpoint() + "; writes to " + otherCategories + "\n"), migrate.err);
        assertNotEquals(before, Dynalite.get().items(otherCategories), "a real migrate backfills the Node service's items");
        assertEquals(List.of("migrate-state.json"), files());
    }

    private List<String> files() throws IOException {
        try (Stream<Path> listing = Files.list(workingDirectory)) {
            return listing.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Result jar(String... arguments) throws Exception {
        return jar(Map.of(), arguments);
    }

    private Result jar(Map<String, String> overrides, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("JAVA_") || k.startsWith("JDK_")
                || k.equals("USER_POOL_ID") || k.equals("PORT"));
        environment.put("DYNAMODB_ENDPOINT", Dynalite.get().endpoint().toString());
        environment.put("TABLE_NAME", categories);
        environment.put("TEMPLATES_TABLE_NAME", templates);
        environment.put("LOG_QUIET", "true");
        environment.putAll(overrides);
        Path out = Files.createTempFile("command-out", ".txt");
        Path err = Files.createTempFile("command-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("java -jar " + String.join(" ", arguments) + " did not end: " + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
