package io.github.samcoauth.application.port.in;

/** Told of every {@link SessionEvent}, on the thread that saw it; must return quickly and not throw. */
@FunctionalInterface
public interface SessionEventListener {

    void on(SessionEvent event);
}
