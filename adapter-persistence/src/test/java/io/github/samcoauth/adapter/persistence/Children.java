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
                System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
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
