package io.github.samcoauth.adapter.http;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The calls of {@link SamcoApiAdapterBenchmark} alternated in blocks of 250 in one JVM, so that a
 * slow phase of the machine falls on every side alike (JMH runs one benchmark after another). Prints
 * each side's mean wall time and the calling thread's CPU time and allocation per call.
 *
 * <p>Arguments: {@code login} or {@code otp}, seconds of warm-up (30 is enough on two cores),
 * rounds (each round runs every side once).
 */
public final class InterleavedCalls {

    private interface Call {
        Object run() throws Exception;
    }

    private InterleavedCalls() {}

    public static void main(String[] args) throws Exception {
        boolean login = args.length < 1 || args[0].equals("login");
        long warmUpSeconds = args.length < 2 ? 30 : Long.parseLong(args[1]);
        int rounds = args.length < 3 ? 40 : Integer.parseInt(args[2]);
        var benchmark = new SamcoApiAdapterBenchmark();
        benchmark.start();
        try {
            String[] names = {"adapter", "hand-written", "hand-written, inline executor"};
            Call[] calls = login
                    ? new Call[] {
                        benchmark::adapterValidateLoginCode,
                        benchmark::handWrittenValidateLoginCode,
                        benchmark::inlineHandWrittenValidateLoginCode
                    }
                    : new Call[] {
                        benchmark::adapterGenerateOtp,
                        benchmark::handWrittenGenerateOtp,
                        benchmark::inlineHandWrittenGenerateOtp
                    };
            long warmUpEnd = System.nanoTime() + warmUpSeconds * 1_000_000_000L;
            while (System.nanoTime() < warmUpEnd) {
                for (var call : calls) {
                    for (int i = 0; i < 100; i++) {
                        call.run();
                    }
                }
            }
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long[] wall = new long[calls.length];
            long[] cpu = new long[calls.length];
            long[] allocated = new long[calls.length];
            for (int round = 0; round < rounds; round++) {
                for (int side = 0; side < calls.length; side++) {
                    long bytes = threads.getCurrentThreadAllocatedBytes();
                    long cpuStart = threads.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    for (int i = 0; i < 250; i++) {
                        calls[side].run();
                    }
                    wall[side] += System.nanoTime() - start;
                    cpu[side] += threads.getCurrentThreadCpuTime() - cpuStart;
                    allocated[side] += threads.getCurrentThreadAllocatedBytes() - bytes;
                }
            }
            double n = rounds * 250.0;
            for (int side = 0; side < calls.length; side++) {
                System.out.printf(
                        Locale.ROOT,
                        "%-30s %7.1f µs  adapter ÷ this %.2f×  caller CPU %5.1f µs  allocated %6.0f B%n",
                        names[side],
                        wall[side] / n / 1e3,
                        (double) wall[0] / wall[side],
                        cpu[side] / n / 1e3,
                        allocated[side] / n);
            }
        } finally {
            benchmark.stop();
        }
        System.exit(0);
    }
}
