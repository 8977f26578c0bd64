package io.github.samcoauth.bootstrap.cli;

import java.io.PrintWriter;

/** A spinner on stderr while Samco is slow to answer; only on a terminal, never in JSON mode. */
final class Spinner implements AutoCloseable {

    private static final String FRAMES = "|/-\\";
    private static final long GRACE_MILLIS = 300;

    private final Thread thread;
    private final PrintWriter err;

    private Spinner(PrintWriter err, String label) {
        this.err = err;
        this.thread = new Thread(
                () -> {
                    try {
                        Thread.sleep(GRACE_MILLIS);
                        for (int i = 0; ; i++) {
                            err.print("\r" + FRAMES.charAt(i % FRAMES.length()) + " " + label);
                            err.flush();
                            Thread.sleep(120);
                        }
                    } catch (InterruptedException stopped) {
                        Thread.currentThread().interrupt();
                    }
                },
                "samco-spinner");
        thread.setDaemon(true);
    }

    static Spinner start(Output output, String label) {
        var spinner = new Spinner(output.err(), label);
        if (output.interactive() && !output.json()) {
            spinner.thread.start();
        }
        return spinner;
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            err.print("\r\033[K");
            err.flush();
        }
    }
}
