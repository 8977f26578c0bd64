package io.github.samcoauth.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Cold wall time of the CLI as a user meets it: {@code ./samco --help} and {@code ./samco session}
 * (empty state directory), against a JVM hello-world, each run as a fresh process, interleaved so
 * that machine noise hits all alike. Prints medians and ratios; writes them to
 * {@code target/startup.txt}.
 *
 * <p>Arguments: the {@code samco} launcher, the test-classes directory, the number of runs.
 */
public final class StartupBenchmark {

    private StartupBenchmark() {}

    public static void main(String[] args) throws Exception {
        var launcher = Path.of(args[0]).toAbsolutePath().normalize();
        var classes = Path.of(args[1]).toAbsolutePath().normalize();
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var empty = Files.createTempDirectory("samco-startup-");

        var commands = List.of(
                List.of(java, "-cp", classes.toString(), HelloWorld.class.getName()),
                List.of(launcher.toString(), "--help"),
                List.of(launcher.toString(), "--state-dir", empty.toString(), "session"));
        var names = List.of("JVM hello-world", "samco --help", "samco session");

        // the launcher builds its class-data-sharing archive on its first run: not part of a cold start
        for (var command : commands) {
            time(command);
            time(command);
        }
        var samples = new ArrayList<long[]>();
        for (int i = 0; i < commands.size(); i++) {
            samples.add(new long[runs]);
        }
        for (int r = 0; r < runs; r++) {
            for (int i = 0; i < commands.size(); i++) {
                samples.get(i)[r] = time(commands.get(i));
            }
        }
        var report = new StringBuilder();
        report.append(String.format(
                Locale.ROOT, "CLI start-up, median of %d cold runs, %s %s, %d cores%n", runs,
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors()));
        double hello = median(samples.get(0));
        for (int i = 0; i < commands.size(); i++) {
            var s = samples.get(i);
            Arrays.sort(s);
            report.append(String.format(
                    Locale.ROOT, "  %-16s median %6.1f ms  min %6.1f  max %6.1f  = %.2f x hello-world%n",
                    names.get(i), median(s) / 1e6, s[0] / 1e6, s[s.length - 1] / 1e6, median(s) / hello));
        }
        System.out.print(report);
        var out = Path.of("target", "startup.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private static long time(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        var process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        process.waitFor();
        return System.nanoTime() - start;
    }

    private static double median(long[] values) {
        var sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
