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
        try (var spinner = Spinner.start(output, "Redeeming the login code…")) {
            var result = facade.get().login(raw);
            spinner.close();
            if (result.isLeft()) {
                if (result.getLeft() instanceof AuthError.Rejected && !output.json()) {
                    output.note("Login codes are single use and expire within minutes: request a new one.");
                }
                return output.fail(result.getLeft());
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
            var chars = System.console().readPassword("Login code: ");
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
