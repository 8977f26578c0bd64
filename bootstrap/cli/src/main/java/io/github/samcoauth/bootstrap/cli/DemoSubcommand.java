package io.github.samcoauth.bootstrap.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.samcoauth.bootstrap.sandbox.SandboxServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** The {@code samco demo} command; its options are declared in {@link CliModel}. */
final class DemoSubcommand implements Callable<Integer> {

    private static final String UID = "DV99999";

    final SamcoCli root;

    DemoSubcommand(SamcoCli root) {
        this.root = root;
    }

    /** One step of the demo: the command shown, what it is run with, the exit code it must give. */
    private record Step(String shown, List<String> args, String stdin, int expected, String why, boolean hideOutput) {}

    @Override
    public Integer call() throws IOException, InterruptedException {
        var output = root.output();
        var stateDir = Files.createTempDirectory("samco-demo-");
        var results = new ArrayList<Map<String, Object>>();
        boolean allAsExpected = true;
        try (var sandbox = SandboxServer.start()) {
            output.line("samco demo: a Samco sandbox is running at " + sandbox.url());
            output.line("state directory: " + stateDir + " (removed afterwards)");
            output.line("");

            allAsExpected &= run(
                    output,
                    sandbox,
                    stateDir,
                    results,
                    new Step(
                            "samco otp --uid " + UID,
                            List.of("otp", "--uid", UID),
                            "",
                            ExitCodes.OK,
                            "Samco sends a one-time code to the phone and e-mail of " + UID + ".",
                            false));
            var delivered = sandbox.awaitOtp(UID, Duration.ofSeconds(10));
            if (delivered.isEmpty()) {
                output.note("samco demo: the sandbox sent no code");
                return ExitCodes.BUG;
            }
            var code = delivered.get().code();
            output.line("(the sandbox \"delivered\" a code to the phone of " + UID
                    + "; it is secret, so shown here as ********)");
            output.line("");
            var redeem = "echo ******** | samco login";
            for (var step : List.of(
                    new Step(
                            redeem,
                            List.of("login"),
                            code + "\n",
                            ExitCodes.OK,
                            "The code is redeemed for a session, stored owner-only in the state directory.",
                            false),
                    new Step(
                            "samco session",
                            List.of("session"),
                            "",
                            ExitCodes.OK,
                            "Read from disk, no network. Never shows the token.",
                            false),
                    new Step(
                            "samco token",
                            List.of("token"),
                            "",
                            ExitCodes.OK,
                            "Prints only the raw token, for scripts (hidden in this demo).",
                            true),
                    new Step(
                            redeem,
                            List.of("login"),
                            code + "\n",
                            ExitCodes.REJECTED,
                            "A login code is single use: Samco rejects it the second time (exit 3).",
                            false),
                    new Step(
                            "samco logout",
                            List.of("logout"),
                            "",
                            ExitCodes.OK,
                            "Ends the session at Samco and removes the local copy.",
                            false),
                    new Step(
                            "samco session",
                            List.of("session"),
                            "",
                            ExitCodes.NO_SESSION,
                            "No valid session any more (exit 4).",
                            false))) {
                allAsExpected &= run(output, sandbox, stateDir, results, step);
            }
        } finally {
            deleteRecursively(stateDir);
        }
        if (output.json()) {
            var object = new LinkedHashMap<String, Object>();
            object.put("steps", results);
            object.put("ok", allAsExpected);
            output.object(object);
        } else {
            output.line(
                    allAsExpected
                            ? "Demo complete: every step behaved as documented."
                            : "Demo FAILED: a step did not behave as documented (see above).");
        }
        return allAsExpected ? ExitCodes.OK : ExitCodes.BUG;
    }

    private boolean run(
            Output output, SandboxServer sandbox, Path stateDir, List<Map<String, Object>> results, Step step)
            throws IOException {
        var args = new ArrayList<String>();
        args.add("--base-url");
        args.add(sandbox.url());
        args.add("--state-dir");
        args.add(stateDir.toString());
        args.addAll(root.globalArguments());
        if (output.json()) {
            args.add("--json");
        }
        args.addAll(step.args());
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code;
        try (var out = new PrintWriter(stdout);
                var err = new PrintWriter(stderr)) {
            code = SamcoCli.run(
                    args.toArray(String[]::new),
                    root.env(),
                    new ByteArrayInputStream(step.stdin().getBytes(StandardCharsets.UTF_8)),
                    out,
                    err,
                    false);
        }
        boolean asExpected = code == step.expected();
        if (output.json()) {
            var result = new LinkedHashMap<String, Object>();
            result.put("command", step.shown().replace(stateDir.toString(), "$STATE"));
            result.put("exitCode", code);
            result.put("expected", step.expected());
            if (!step.hideOutput()) {
                var text = stdout.toString().strip();
                result.put("output", text.isEmpty() ? Map.of() : new ObjectMapper().readTree(text));
            }
            results.add(result);
        } else {
            output.line("# " + step.why());
            output.line("$ " + step.shown());
            var shownOut = step.hideOutput()
                    ? "(" + stdout.toString().strip().length() + " characters, not shown)"
                    : stdout.toString().stripTrailing();
            if (!shownOut.isEmpty()) {
                output.line(shownOut.indent(2).stripTrailing());
            }
            var shownErr = stderr.toString().stripTrailing();
            if (!shownErr.isEmpty()) {
                output.line(shownErr.indent(2).stripTrailing());
            }
            output.line("  → exit " + code + (asExpected ? "" : " (expected " + step.expected() + ")"));
            output.line("");
        }
        return asExpected;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (var path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
