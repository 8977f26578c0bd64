package io.github.samcoauth.adapter.persistence;

import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.testkit.Sessions;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A child process that saves (and, in {@code churn} mode, deletes) sessions of one account in a
 * tight loop until killed. Session {@code i} has token {@code i} zero-padded and account name
 * {@code N<i>}, so a reader can check that a file is one complete session.
 */
public final class SaverChild {

    private SaverChild() {}

    public static void main(String[] args) throws Exception {
        var store = new FileSessionStoreAdapter(Path.of(args[0]), Clock.systemUTC());
        var account = args[1];
        boolean churn = args.length > 2 && args[2].equals("churn");
        long start = args.length > 3 ? Long.parseLong(args[3]) : 0;
        long until = System.nanoTime() + 120_000_000_000L;
        boolean ready = false;
        for (long i = start; System.nanoTime() < until; i++) {
            var result = store.save(session(account, i));
            if (result.isLeft()) {
                System.err.println("save failed: " + result.getLeft().message());
                System.exit(3);
            }
            if (churn && i % 3 == 0) {
                store.delete(new AccountId(account));
            }
            if (!ready) {
                System.out.println("ready");
                System.out.flush();
                ready = true;
            }
        }
    }

    static io.github.samcoauth.domain.Session session(String account, long i) {
        var token = String.format("%032d", i);
        var base = Sessions.session(account, token);
        var profile = new io.github.samcoauth.domain.AccountProfile(
                base.accountId(),
                "N" + i,
                base.profile().exchanges(),
                base.profile().orderTypes(),
                base.profile().products());
        return new io.github.samcoauth.domain.Session(
                base.token(), profile, base.issuedAt(), base.expiresAt(), base.method(), base.refresh());
    }

    /** True when the session is one that {@link #session} wrote, whole. */
    static boolean whole(io.github.samcoauth.domain.Session session) {
        var n = Long.parseLong(session.token().value());
        return session.profile().accountName().equals("N" + n)
                && session.equals(session(session.accountId().value(), n));
    }
}
