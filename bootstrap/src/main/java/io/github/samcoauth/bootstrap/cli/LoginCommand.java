package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.application.AuthError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        mixinStandardHelpOptions = true,
        name = "login",
        description = {
            "Redeem a login code for a session and store it.",
            "Without --otp: prompts without echo on a terminal, else reads one line from standard input."
        })
final class LoginCommand implements Callable<Integer> {

    @ParentCommand
    SamcoCli root;

    @Option(
            names = "--otp",
            paramLabel = "CODE",
            description = "the login code (visible in your shell history: prefer the prompt or stdin)")
    String otp;

    @Override
    public Integer call() {
        var output = root.output();
        var raw = otp != null ? otp : readCode(output);
        var command = io.github.samcoauth.application.port.in.LoginCommand.of(raw);
        if (command.isLeft()) {
            return output.fail(command.getLeft());
        }
        var facade = root.facade();
        if (facade.isLeft()) {
            return output.fail(facade.getLeft());
        }
        try (var spinner = Spinner.start(output, "Redeeming the login code…")) {
            var result = facade.get().loginUseCase().login(command.get());
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
