package io.github.samcoauth.bootstrap.cli;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** Opens a page in the user's browser when the desktop offers a way; silently does nothing otherwise. */
final class Browser {

    private Browser() {}

    static void open(String url) {
        var os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        var command = os.contains("mac") ? List.of("open", url) : List.of("xdg-open", url);
        try {
            new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException noBrowser) {
            // the address is printed: the user opens it
        }
    }
}
