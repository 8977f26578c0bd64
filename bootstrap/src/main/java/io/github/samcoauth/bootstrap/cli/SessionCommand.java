package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.StoredSession;
import io.github.samcoauth.domain.AccountId;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;

/** The {@code samco session} command; its options are declared in {@link CliModel}. */
final class SessionCommand implements Callable<Integer> {

    final SamcoCli root;

    SessionCommand(SamcoCli root) {
        this.root = root;
    }

    String account;

    boolean pruneExpired;

    @Override
    public Integer call() {
        var output = root.output();
        Option<AccountId> only = Option.none();
        if (account != null) {
            var parsed = AccountId.of(account);
            if (parsed.isLeft()) {
                return output.fail(new AuthError.InvalidInput(parsed.getLeft()));
            }
            only = Option.some(parsed.get());
        }
        var facade = root.facade();
        if (facade.isLeft()) {
            return output.fail(facade.getLeft());
        }
        var pruned = new java.util.ArrayList<String>();
        if (pruneExpired) {
            var removed = facade.get().pruneSessionsUseCase().pruneExpired();
            if (removed.isLeft()) {
                return output.fail(removed.getLeft());
            }
            removed.get().forEach(a -> pruned.add(a.value()));
            if (!pruned.isEmpty() && !output.json()) {
                output.note("Removed the expired sessions of " + String.join(", ", pruned) + ".");
            }
        }
        var listed = facade.get().listSessionsUseCase().list();
        if (listed.isLeft()) {
            return output.fail(listed.getLeft());
        }
        final var filter = only;
        List<StoredSession> sessions =
                listed.get().filter(s -> filter.forAll(a -> a.equals(s.session().accountId())));
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
