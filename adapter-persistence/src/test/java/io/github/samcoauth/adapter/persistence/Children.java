package io.github.samcoauth.adapter.persistence;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class of the test classpath in a child JVM. */
final class Children {

    private Children() {}

    static Process start(Class<?> main, String... args) throws IOException {
        var command = new ArrayList<String>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-cp",
                classPath(main),
                main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /**
     * The test JVM's class path and module path, and where {@code main} was loaded from: on the module
     * path (this module is a named one) the tests are patched into it, and the child runs them all
     * from its class path.
     */
    private static String classPath(Class<?> main) {
        var entries = new java.util.LinkedHashSet<String>();
        for (var property : List.of("java.class.path", "jdk.module.path")) {
            var value = System.getProperty(property, "");
            for (var entry : value.split(java.io.File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
            }
        }
        try {
            entries.add(Path.of(main.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** Blocks until the child prints a line (its "ready"), or fails. */
    static String awaitLine(Process child) throws IOException {
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()));
        var line = reader.readLine();
        if (line == null) {
            throw new IOException("the child exited with " + waitQuietly(child) + " before it was ready");
        }
        return line;
    }

    private static int waitQuietly(Process child) {
        try {
            return child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
