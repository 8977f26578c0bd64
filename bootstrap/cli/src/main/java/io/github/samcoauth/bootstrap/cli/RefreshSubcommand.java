package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.RefreshSessionCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** The {@code samco refresh} command; its options are declared in {@link CliModel}. */
final class RefreshSubcommand implements Callable<Integer> {

    final SamcoCli root;

    RefreshSubcommand(SamcoCli root) {
        this.root = root;
    }

    String account;

    Path credentials;

    @Override
    public Integer call() {
        var output = root.output();
        var ready = root.ready(output, account);
        if (ready.isLeft()) {
            return ready.getLeft();
        }
        var given = Credentials.optional(root.env(), credentials);
        if (given.isLeft()) {
            return output.fail(given.getLeft());
        }
        var interruption = root.interruption();
        try (var spinner = Spinner.start(output, "Renewing the session…")) {
            interruption.during(
                    output,
                    "the request may have reached Samco: `samco session` shows whether a new session was stored");
            var result = ready.get()
                    .facade()
                    .refresh(new RefreshSessionCommand(ready.get().account(), given.get()));
            spinner.close();
            interruption.done();
            if (result.isLeft()) {
                int exit = output.fail(result.getLeft());
                if (!output.json()
                        && result.getLeft() instanceof AuthError.InvalidInput invalid
                        && invalid.error().field().equals("API key")) {
                    output.note("hint: an API-key session is renewed with the key and secret: " + Credentials.HINT);
                }
                return exit;
            }
            return LoginSubcommand.printed(output, result.get(), "Renewed.");
        }
    }
}
