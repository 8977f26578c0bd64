package io.github.samcoauth.bootstrap.cli;

import java.util.LinkedHashMap;
import java.util.concurrent.Callable;

/** The {@code samco token} command; its options are declared in {@link CliModel}. */
final class TokenSubcommand implements Callable<Integer> {

    final SamcoCli root;

    TokenSubcommand(SamcoCli root) {
        this.root = root;
    }

    String account;

    boolean header;

    @Override
    public Integer call() {
        var output = root.output();
        var ready = root.ready(output, account);
        if (ready.isLeft()) {
            return ready.getLeft();
        }
        var facade = ready.get().facade();
        var named = ready.get().account();
        var current = named.fold(facade::current, facade::current);
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
            output.out()
                    .println((header ? "x-session-token: " : "")
                            + session.token().value());
            output.out().flush();
        }
        return ExitCodes.OK;
    }
}
