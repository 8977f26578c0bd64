package io.github.samcoauth.archfixtures.application;

/** Bad: static mutable state. */
public final class StaticCounter {
    static int count;

    public int next() {
        return ++count;
    }
}
