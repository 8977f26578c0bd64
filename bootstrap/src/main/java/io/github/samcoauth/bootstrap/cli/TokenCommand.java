package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.application.port.in.CurrentSessionCommand;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;

/** The {@code samco token} command; its options are declared in {@link CliModel}. */
final class TokenCommand implements Callable<Integer> {

    final SamcoCli root;

    TokenCommand(SamcoCli root) {
        this.root = root;
    }

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
