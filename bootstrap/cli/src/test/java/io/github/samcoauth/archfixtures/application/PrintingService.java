package io.github.samcoauth.archfixtures.application;

/** Bad: prints to the console outside the CLI. */
public final class PrintingService {
    public void hello() {
        System.out.println("hello");
    }
}
