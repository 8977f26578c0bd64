package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.application.AuthError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** The {@code samco login} command; its options are declared in {@link CliModel}. */
final class LoginSubcommand implements Callable<Integer> {

    final SamcoCli root;

    LoginSubcommand(SamcoCli root) {
        this.root = root;
    }

    String otp;

    @Override
    public Integer call() {
        var output = root.output();
        var facade = root.facade();
        if (facade.isLeft()) {
            return output.fail(facade.getLeft());
        }
        var raw = otp != null ? otp : readCode(output);
        var interruption = root.interruption();
        try (var spinner = Spinner.start(output, "Redeeming the login code…")) {
            interruption.during(
                    output,
                    "the login code may have reached Samco and been used: `samco session` shows whether a"
                            + " session was stored; if not, get a new code");
            var result = facade.get().login(raw);
            spinner.close();
            interruption.done();
            if (result.isLeft()) {
                var error = result.getLeft();
                int exit = output.fail(error);
                if (!output.json() && error instanceof AuthError.Rejected) {
                    output.note("hint: a login code is single use and expires within minutes (case does not"
                            + " matter): if this one was typed right, get a new one");
                } else if (!output.json() && error instanceof AuthError.Unavailable) {
                    output.note("hint: the code may have reached Samco and been used; if `samco session` shows"
                            + " no session, get a new code");
                }
                return exit;
            }
            var session = result.get();
            if (output.json()) {
                output.object(Output.session(session, true));
            } else {
                output.line("Logged in.");
                output.humanSession(session, true);
            }
            return ExitCodes.OK;
        }
    }

    private String readCode(Output output) {
        if (output.interactive() && System.console() != null) {
            root.interruption().prompting(output, true);
            var chars = System.console().readPassword("Login code: ");
            root.interruption().prompting(output, false);
            return chars == null ? null : new String(chars);
        }
        try {
            var reader = new BufferedReader(new InputStreamReader(root.in(), StandardCharsets.UTF_8));
            return reader.readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
