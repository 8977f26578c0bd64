package io.github.samcoauth.bootstrap.cli;

import java.io.Console;

/** Whether a person is at a terminal (then: prompts without echo, spinners). */
final class Terminal {

    private Terminal() {}

    static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // JDK 22+ returns a console even when redirected; isTerminal() tells the truth there
            var isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
