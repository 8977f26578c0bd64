package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.StoredSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** The {@code samco session} command; its options are declared in {@link CliModel}. */
final class SessionSubcommand implements Callable<Integer> {

    final SamcoCli root;

    SessionSubcommand(SamcoCli root) {
        this.root = root;
    }

    String account;

    boolean pruneExpired;

    @Override
    public Integer call() {
        var output = root.output();
        var ready = root.ready(output, account);
        if (ready.isLeft()) {
            return ready.getLeft();
        }
        var facade = ready.get().facade();
        var only = ready.get().account();
        var pruned = new ArrayList<String>();
        if (pruneExpired) {
            var removed = facade.pruneExpired();
            if (removed.isLeft()) {
                return output.fail(removed.getLeft());
            }
            removed.get().forEach(a -> pruned.add(a.value()));
            if (!pruned.isEmpty() && !output.json()) {
                output.note("Removed the expired sessions of " + String.join(", ", pruned) + ".");
            }
        }
        var listed = facade.sessions();
        if (listed.isLeft()) {
            return output.fail(listed.getLeft());
        }
        // loops, not Vavr's lambdas: this is every `samco session`, and each lambda links at start
        var sessions = new ArrayList<StoredSession>();
        for (var stored : listed.get()) {
            if (only.isEmpty() || only.get().equals(stored.session().accountId())) {
                sessions.add(stored);
            }
        }
        var shown = new ArrayList<Map<String, Object>>();
        boolean anyValid = false;
        for (var stored : sessions) {
            shown.add(Output.session(stored.session(), stored.valid()));
            anyValid |= stored.valid();
        }
        if (!anyValid) {
            var extra = new LinkedHashMap<String, Object>();
            extra.put("sessions", shown);
            if (pruneExpired) {
                extra.put("pruned", pruned);
            }
            if (!output.json()) {
                for (var stored : sessions) {
                    output.humanSession(stored.session(), false);
                }
            }
            return output.fail(new AuthError.NoSession(only), extra);
        }
        if (output.json()) {
            var object = new LinkedHashMap<String, Object>();
            object.put("sessions", shown);
            if (pruneExpired) {
                object.put("pruned", pruned);
            }
            output.object(object);
        } else {
            for (var stored : sessions) {
                output.humanSession(stored.session(), stored.valid());
            }
        }
        return ExitCodes.OK;
    }
}
