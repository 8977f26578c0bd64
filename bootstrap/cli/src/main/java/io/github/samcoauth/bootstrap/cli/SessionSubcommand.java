package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.StoredSession;
import io.vavr.collection.List;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        List<StoredSession> sessions =
                listed.get().filter(s -> only.forAll(a -> a.equals(s.session().accountId())));
        var shown = sessions.map(s -> Output.session(s.session(), s.valid())).asJava();
        boolean anyValid = sessions.exists(StoredSession::valid);
        if (!anyValid) {
            var extra = new LinkedHashMap<String, Object>();
            extra.put("sessions", shown);
            if (pruneExpired) {
                extra.put("pruned", pruned);
            }
            if (!output.json()) {
                sessions.forEach(s -> output.humanSession(s.session(), false));
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
            sessions.forEach(s -> output.humanSession(s.session(), s.valid()));
        }
        return ExitCodes.OK;
    }
}
