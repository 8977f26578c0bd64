package io.github.samcoauth.bootstrap.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run is doing at this moment, so that Ctrl-C (or a SIGTERM) ends it truthfully: the
 * spinner is cleared, a prompt is ended with a newline, and the user is told what may already have
 * happened at Samco, in human text or as the one JSON object of {@code --json}. The process then
 * exits 130, as a shell expects of an interrupted command.
 */
final class Interruption {

    /** The exit code of a command stopped by SIGINT (128 + 2); the JVM sets it. */
    static final int EXIT_CODE = 130;

    private volatile Output output;
    private volatile String consequence;
    private volatile boolean prompting;
    private volatile boolean finished;

    /** From now until {@link #done()}, an interruption means {@code consequence}. */
    void during(Output output, String consequence) {
        this.output = output;
        this.consequence = consequence;
    }

    void done() {
        this.consequence = null;
    }

    void prompting(Output output, boolean prompting) {
        this.output = output;
        this.prompting = prompting;
    }

    /** The command has printed its result: an exit now is not an interruption. */
    void finished() {
        this.finished = true;
    }

    /** Runs in the shutdown hook: says what was cut short, if anything was. */
    void onShutdown() {
        var out = output;
        if (finished || out == null) {
            return;
        }
        var what = consequence;
        if (what == null && !prompting) {
            return;
        }
        var message = "interrupted" + (what == null ? "" : "; " + what);
        if (out.json()) {
            var error = new LinkedHashMap<String, Object>();
            error.put("code", "interrupted");
            error.put("message", message);
            out.object(Map.of("error", error));
        } else {
            if (out.interactive()) {
                out.err().print(prompting ? "\n" : "\r\033[K");
            }
            out.err().println("samco: " + message);
            out.err().flush();
        }
    }
}
