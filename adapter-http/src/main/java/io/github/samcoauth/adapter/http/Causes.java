package io.github.samcoauth.adapter.http;

import java.util.ArrayList;
import java.util.List;

/** The one walker over an exception's cause chain (bounded: a chain may loop). */
final class Causes {

    private static final int MAX_DEPTH = 32;

    private Causes() {}

    /** {@code failure}, its cause, the cause's cause, … */
    static List<Throwable> chain(Throwable failure) {
        var chain = new ArrayList<Throwable>();
        for (Throwable c = failure; c != null && chain.size() < MAX_DEPTH && !chain.contains(c); c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }

    static boolean has(Throwable failure, Class<? extends Throwable> type) {
        return chain(failure).stream().anyMatch(type::isInstance);
    }
}
