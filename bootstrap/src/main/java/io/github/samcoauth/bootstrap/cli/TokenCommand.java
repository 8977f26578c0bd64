package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.application.port.in.CurrentSessionCommand;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        mixinStandardHelpOptions = true,
        name = "token",
        description = {
            "Print only the raw session token of the valid session, for scripts:",
            "  curl -H \"x-session-token: $(samco token)\" …"
        })
final class TokenCommand implements Callable<Integer> {

    @ParentCommand
    SamcoCli root;

    @Option(names = "--account", paramLabel = "ID", description = "the account (required when several have a session)")
    String account;

    @Override
    public Integer call() {
        var output = root.output();
        var command = CurrentSessionCommand.of(account);
        if (command.isLeft()) {
            return output.fail(command.getLeft());
        }
        var facade = root.facade();
        if (facade.isLeft()) {
            return output.fail(facade.getLeft());
        }
        var current = facade.get().currentSessionUseCase().current(command.get());
        if (current.isLeft()) {
            return output.fail(current.getLeft());
        }
        var session = current.get();
        if (output.json()) {
            var object = new LinkedHashMap<String, Object>();
            object.put("account", session.accountId().value());
            object.put("token", session.token().value());
            object.put("expiresAt", session.expiresAt().toString());
            output.object(object);
        } else {
            output.out().println(session.token().value());
            output.out().flush();
        }
        return ExitCodes.OK;
    }
}
