package com.example.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * samco-auth on the module path, as a modular platform takes it: the platform's program runs with
 * samco-auth and its dependencies as modules, the sandbox included — no package split between two
 * jars, nothing missing — and each part is found under the name its jar declares.
 */
class ModulePathTest {

    /** samco-auth's version, from the build that runs this project. */
    static final String VERSION = System.getProperty("samco.version");

    /** The jars of this build's class path that a platform's runtime gets: not the test runner's. */
    private static List<Path> runtimeJars() {
        var jars = new ArrayList<Path>();
        for (var entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            var path = Path.of(entry);
            var name = path.toString().replace(File.separatorChar, '/');
            if (name.endsWith(".jar")
                    && !name.contains("/org/junit/")
                    && !name.contains("/org/opentest4j/")
                    && !name.contains("/org/apiguardian/")
                    && !name.contains("surefire")) {
                jars.add(path);
            }
        }
        return jars;
    }

    @Test
    void givenTheModulePath_whenThePlatformsProgramRuns_thenItLogsInAndOutWithEveryPartAsAModule() throws Exception {
        var modulePath = runtimeJars().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = List.of(
                java,
                "--module-path",
                modulePath,
                "--add-modules",
                "ALL-MODULE-PATH",
                "-cp",
                Path.of("target", "test-classes").toString(),
                OnTheModulePath.class.getName());
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the program ends: " + output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("facade=io.github.samcoauth.bootstrap"), output);
        assertTrue(output.contains("sandbox=io.github.samcoauth.bootstrap.sandbox"), output);
        assertTrue(output.contains("domain=io.github.samcoauth.domain"), output);
        // the file store is a named module: its session files are bound by Jackson through its opens
        assertTrue(output.contains("store=io.github.samcoauth.adapter.persistence automatic=false"), output);
        assertTrue(output.contains("account=DV99999"), output);
        assertTrue(output.contains("logged-out=true"), output);
    }
}
