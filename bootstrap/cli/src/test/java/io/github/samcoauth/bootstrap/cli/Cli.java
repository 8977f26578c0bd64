package io.github.samcoauth.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code samco.jar} in a child JVM, as a user or a script would. */
final class Cli {

    static final Path JAR = Path.of(System.getProperty("samco.jar", "target/samco.jar"));

    /** What one run printed and how it ended. */
    record Run(int exit, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }
    }

    private Cli() {}

    static Run run(Map<String, String> env, String stdin, String... args) {
        return run(JAR, env, stdin, args);
    }

    /** Runs {@code jar}: the real one, or a copy of it somewhere else. */
    static Run run(Path jar, Map<String, String> env, String stdin, String... args) {
        var command = new ArrayList<String>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-jar",
                jar.toString()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command);
        builder.environment().remove("SAMCO_BASE_URL");
        builder.environment().remove("SAMCO_STATE_DIR");
        builder.environment().remove("SAMCO_STORE");
        builder.environment().remove("SAMCO_STORE_KEY");
        builder.environment().putAll(env);
        try {
            var process = builder.start();
            var out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            var err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            try (var in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("samco " + String.join(" ", args) + " did not finish within 60 s");
            }
            return new Run(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Run run(String... args) {
        return run(Map.of(), "", args);
    }

    /** The same command line through {@link SamcoCli#run} in this JVM: no process, same contract. */
    static Run inProcess(Map<String, String> env, String stdin, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit;
        try (var o = new PrintWriter(out);
                var e = new PrintWriter(err)) {
            exit = SamcoCli.run(
                    args, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e, false);
        }
        return new Run(exit, out.toString(), err.toString());
    }

    static Run inProcess(String... args) {
        return inProcess(Map.of(), "", args);
    }

    /** Exactly one JSON object, and nothing else, on stdout. */
    static JsonNode oneObject(ObjectMapper json, Run run) throws IOException {
        var parser = json.createParser(run.stdout());
        JsonNode node = json.readTree(parser);
        assertThat(node).as("stdout of %s", run).isNotNull();
        assertThat(node.isObject()).as("stdout of %s", run).isTrue();
        assertThat(parser.nextToken())
                .as("nothing after the object in %s", run.stdout())
                .isNull();
        return node;
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
