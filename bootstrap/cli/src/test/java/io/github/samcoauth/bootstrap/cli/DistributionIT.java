package io.github.samcoauth.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's distribution as a trader gets it: {@code samco-VERSION.tar.gz} unpacked into an empty
 * directory outside the build, run through a symbolic link from another directory, with a PATH that
 * holds no Maven (only the few tools {@code bin/samco} uses) and a home of its own. Its manual page
 * renders with {@code man -l} and no groff warning; its completion script loads in bash and in zsh and
 * completes a command and an option.
 */
class DistributionIT {

    static final Path TAR = Path.of(System.getProperty("samco.distribution", "target/missing.tar.gz"));
    static final Path ZIP = Path.of(TAR.toString().replaceFirst("\\.tar\\.gz$", ".zip"));

    /** What bin/samco runs besides java: the PATH of the runs below holds these and nothing else. */
    static final List<String> TOOLS = List.of(
            "bash", "env", "dirname", "readlink", "cat", "mkdir", "mktemp", "rm", "mv", "cksum", "sed", "head", "find");

    @TempDir
    static Path root;

    static Path installed;
    static Path tools;
    static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        assertThat(TAR).as("the build's distribution (mvn package makes it)").isRegularFile();
        var unpacked = Files.createDirectories(root.resolve("opt"));
        var tar = run(List.of("tar", "-xzf", TAR.toString(), "-C", unpacked.toString()), Map.of(), root);
        assertThat(tar.exit).as(tar.output).isZero();
        try (var listed = Files.list(unpacked)) {
            installed = listed.findFirst().orElseThrow();
        }
        tools = Files.createDirectories(root.resolve("tools"));
        for (var tool : TOOLS) {
            var found = List.of(Path.of("/usr/bin", tool), Path.of("/bin", tool)).stream()
                    .filter(Files::isExecutable)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(tool + " is not installed"));
            Files.createSymbolicLink(tools.resolve(tool), found);
        }
        home = Files.createDirectories(root.resolve("home"));
    }

    @Test
    void givenTheArchives_whenListed_thenBothHoldTheSameFilesAndTheLauncherIsExecutable() throws Exception {
        var version = Files.readString(installed.resolve("lib/VERSION")).strip();
        assertThat(installed.getFileName().toString()).isEqualTo("samco-" + version);
        var inTar = new TreeSet<String>();
        try (var walk = Files.walk(installed)) {
            walk.filter(Files::isRegularFile)
                    .forEach(f -> inTar.add(installed.relativize(f).toString()));
        }
        assertThat(inTar)
                .contains(
                        "bin/samco",
                        "lib/samco.jar",
                        "lib/VERSION",
                        "man/man1/samco.1",
                        "completion/samco.bash",
                        "completion/samco.zsh",
                        "LICENSE",
                        "README.md")
                .anyMatch(f -> f.startsWith("lib/redis/lettuce-core-"))
                .noneMatch(f -> f.contains("redis-authx"));
        assertThat(Files.getPosixFilePermissions(installed.resolve("bin/samco")))
                .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(Files.readString(installed.resolve("LICENSE"))).contains("Apache License", "Version 2.0");
        var inZip = new TreeSet<String>();
        try (var zip = new ZipFile(ZIP.toFile())) {
            zip.stream()
                    .filter(e -> !e.isDirectory())
                    .forEach(e -> inZip.add(e.getName().substring(e.getName().indexOf('/') + 1)));
        }
        assertThat(inZip).isEqualTo(inTar);
    }

    @Test
    void givenTheUnpackedArchive_whenRunThroughALinkElsewhereWithoutMaven_thenHelpAndTheDemoWork() throws Exception {
        var links = Files.createDirectories(root.resolve("links"));
        var link = links.resolve("samco");
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, installed.resolve("bin/samco"));
        }
        var elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        var env =
                Map.of("PATH", tools.toString(), "HOME", home.toString(), "JAVA_HOME", System.getProperty("java.home"));

        var help = run(List.of(link.toString(), "--help"), env, elsewhere);
        assertThat(help.exit).as(help.output).isZero();
        assertThat(help.output).contains("Usage: samco", "keep", "Exit codes:");

        var demo = run(List.of(link.toString(), "demo"), env, elsewhere);
        assertThat(demo.exit).as(demo.output).isZero();
        assertThat(demo.output).contains("Demo complete");

        // the class-data archive of the first runs, per user, owner-only
        var cache = home.resolve(".cache/samco");
        assertThat(cache).isDirectory();
        assertThat(Files.getPosixFilePermissions(cache))
                .containsExactlyInAnyOrder(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE);
        try (var files = Files.list(cache)) {
            assertThat(files.map(f -> f.getFileName().toString())).isNotEmpty();
        }

        // a cache directory others can write to (or a link to one) is not used: nothing is mapped from it
        var shared = Files.createDirectories(root.resolve("shared-cache"));
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        var linked = Files.createSymbolicLink(root.resolve("linked-cache"), shared);
        for (var cacheRoot : List.of(shared, linked)) {
            var sharedEnv = new java.util.HashMap<>(env);
            sharedEnv.put("XDG_CACHE_HOME", cacheRoot.toString());
            var version = run(List.of(link.toString(), "--version"), sharedEnv, elsewhere);
            assertThat(version.exit).as(version.output).isZero();
            try (var walk = Files.walk(shared)) {
                assertThat(walk.filter(Files::isRegularFile).toList())
                        .as("files cached in " + cacheRoot)
                        .isEmpty();
            }
        }

        var noJava = run(
                List.of(link.toString(), "--version"),
                Map.of("PATH", tools.toString(), "HOME", home.toString()),
                elsewhere);
        assertThat(noJava.exit).as(noJava.output).isEqualTo(1);
        assertThat(noJava.output).contains("no Java runtime found");
    }

    @Test
    void givenTheManualPage_whenRendered_thenEveryCommandIsThereAndGroffHasNoWarning() throws Exception {
        var page = installed.resolve("man/man1/samco.1");
        assumeInstalled("man");
        var man = run(
                List.of("man", "-l", page.toString()),
                Map.of("MANPAGER", "cat", "MANWIDTH", "100", "PATH", "/usr/bin:/bin"),
                root);
        assertThat(man.exit).as(man.output).isZero();
        assertThat(man.output).contains("samco - log in to the Samco Trade API", "EXIT STATUS", "ENVIRONMENT");
        for (var command : CliModel.NAMES) {
            assertThat(man.output).contains("samco " + command);
        }
        var groff = run(List.of("groff", "-man", "-ww", "-z", page.toString()), Map.of("PATH", "/usr/bin:/bin"), root);
        assertThat(groff.exit).as(groff.output).isZero();
        assertThat(groff.output).as("groff's warnings").isEmpty();
    }

    @Test
    void givenTheCompletionScript_whenSourcedInBash_thenItCompletesACommandAndAnOption() throws Exception {
        var script = installed.resolve("completion/samco.bash");
        var bash = run(
                List.of(
                        "bash",
                        "--norc",
                        "-c",
                        "source \"$1\"; complete -p samco;"
                                + " COMP_WORDS=(samco ke); COMP_CWORD=1; COMP_LINE='samco ke'; COMP_POINT=8;"
                                + " _complete_samco samco ke samco 2>/dev/null; printf 'command:%s\\n' \"${COMPREPLY[@]}\";"
                                + " COMP_WORDS=(samco keep --refr); COMP_CWORD=2; COMP_LINE='samco keep --refr';"
                                + " COMP_POINT=17; _complete_samco samco --refr keep 2>/dev/null;"
                                + " printf 'option:%s\\n' \"${COMPREPLY[@]}\"",
                        "bash",
                        script.toString()),
                Map.of("PATH", "/usr/bin:/bin", "HOME", home.toString()),
                root);
        assertThat(bash.exit).as(bash.output).isZero();
        assertThat(bash.output.lines())
                .contains("complete -o default -F _complete_samco samco")
                .contains("command:keep", "command:keygen", "option:--refresh-before")
                .noneMatch(l -> l.equals("command:login") || l.equals("option:--otp"));
    }

    /**
     * zsh runs the script through its bash compatibility: sourced, it loads compinit and
     * bashcompinit and registers {@code samco}; the function is then called as zsh's
     * {@code _bash_complete} calls it (sh emulation, zero-based arrays). zsh filters the words by
     * the prefix itself, so what is checked is that they are the command's: {@code keep}'s option
     * after {@code keep}, not {@code login}'s.
     */
    @Test
    void givenTheCompletionScript_whenSourcedInZsh_thenItRegistersAndCompletesACommandAndAnOption() throws Exception {
        assumeInstalled("zsh");
        var script = installed.resolve("completion/samco.zsh");
        var zsh = run(
                List.of(
                        "zsh",
                        "-f",
                        "-c",
                        "source \"$1\" || exit 3; print \"registered:${_comps[samco]}\";"
                                + " t() { emulate -L sh; setopt kshglob noshglob braceexpand;"
                                + " COMP_WORDS=(samco ke); COMP_CWORD=1; COMP_LINE='samco ke'; COMP_POINT=8;"
                                + " _complete_samco samco ke samco; printf 'command:%s\\n' \"${COMPREPLY[@]}\";"
                                + " COMP_WORDS=(samco keep --refr); COMP_CWORD=2; COMP_LINE='samco keep --refr';"
                                + " COMP_POINT=17; _complete_samco samco --refr keep;"
                                + " printf 'option:%s\\n' \"${COMPREPLY[@]}\"; }; t 2>/dev/null",
                        "zsh",
                        script.toString()),
                Map.of("PATH", "/usr/bin:/bin", "HOME", home.toString()),
                root);
        assertThat(zsh.exit).as(zsh.output).isZero();
        assertThat(zsh.output.lines())
                .contains("registered:_bash_complete -F _complete_samco -o default")
                .contains("command:keep", "command:keygen", "option:--refresh-before", "option:--sink")
                .noneMatch(l -> l.equals("option:--otp") || l.equals("option:--uid"));
    }

    /** Skipped, and says so, where the tool is missing; in CI (which installs it) a failure. */
    private static void assumeInstalled(String tool) {
        boolean present = Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/bin", tool));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(tool + " is not installed: .ci/run installs it (apt-get install " + tool + ")");
        }
        assumeTrue(present, tool + " is not installed (apt-get install " + tool + "): this check is skipped");
    }

    record Result(int exit, String output) {}

    private static Result run(List<String> command, Map<String, String> env, Path directory)
            throws IOException, InterruptedException {
        var builder = new ProcessBuilder(new ArrayList<>(command))
                .directory(directory.toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        var process = builder.start();
        process.getOutputStream().close();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end in 120 s: " + output);
        }
        return new Result(process.exitValue(), output);
    }
}
