package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.application.port.in.LogoutResult;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;

/** The {@code samco logout} command; its options are declared in {@link CliModel}. */
final class LogoutSubcommand implements Callable<Integer> {

    final SamcoCli root;

    LogoutSubcommand(SamcoCli root) {
        this.root = root;
    }

    String account;

    @Override
    public Integer call() {
        var output = root.output();
        var ready = root.ready(output, account);
        if (ready.isLeft()) {
            return ready.getLeft();
        }
        var facade = ready.get().facade();
        var named = ready.get().account();
        LogoutResult result;
        try (var spinner = Spinner.start(output, "Logging out at Samco…")) {
            root.interruption()
                    .during(
                            output,
                            "the logout may have reached Samco; `samco session` shows whether the local session is gone");
            var attempt = named.fold(facade::logout, facade::logout);
            spinner.close();
            root.interruption().done();
            if (attempt.isLeft()) {
                return output.fail(attempt.getLeft());
            }
            result = attempt.get();
        }
        var id = result.account().value();
        var object = new LinkedHashMap<String, Object>();
        object.put("account", id);
        var remote = result.remote();
        if (remote instanceof LogoutResult.Remote.LoggedOut done) {
            object.put("remote", "logged-out");
            done.reply().msgId().forEach(m -> object.put("msgId", m));
            output.line("Logged out " + id + " at Samco.");
        } else if (remote instanceof LogoutResult.Remote.SkippedExpired) {
            object.put("remote", "expired");
            output.line("The session of " + id + " had already expired; nothing to end at Samco.");
        } else {
            object.put("remote", "failed");
        }
        object.put("local", result.localFailure().isEmpty() ? "removed" : "failed");
        if (result.localFailure().isEmpty()) {
            output.line("Local session removed.");
        }
        if (remote instanceof LogoutResult.Remote.Failed failed) {
            if (!output.json()) {
                output.note("Samco did not confirm the logout: the token may stay valid at Samco until it expires.");
            }
            return output.fail(failed.error(), object);
        }
        if (result.localFailure().isDefined()) {
            return output.fail(result.localFailure().get(), object);
        }
        if (output.json()) {
            output.object(object);
        }
        return ExitCodes.OK;
    }
}
