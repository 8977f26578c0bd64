package io.github.samcoauth.application.keeping;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.ApiCredentials;
import io.github.samcoauth.application.port.in.ApiKeyLoginUseCase;
import io.github.samcoauth.application.port.in.SessionEvent;
import io.github.samcoauth.application.port.in.SessionSourceSettings;
import io.github.samcoauth.application.port.out.SessionCoordinationPort;
import io.github.samcoauth.application.port.out.SessionCoordinationPort.Lease;
import io.github.samcoauth.application.port.out.VersionedSession;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;

/**
 * The login of an account that has no stored session (a cold start, or a store that lost an expired
 * session), once for every instance of the fleet: under the account's lease, after reading the store
 * again (another instance may just have logged in). Credentials Samco refused are not tried again
 * before {@link SessionSourceSettings#retryAfter()}.
 */
final class FirstLogin {

    /** How the session source takes a session found or made here. */
    interface Adoption {
        /** The stored session, adopted, when it is valid now. */
        Option<Either<AuthError, Session>> ifValid(VersionedSession stored, String how);

        /** Uses {@code session} from now on unless a newer one is in use already; the answer now. */
        Either<AuthError, Session> adopt(Session session, long generation, String how);
    }

    /** Why the last first login failed, and when another may be tried. */
    private record Failure(AuthError error, long retryAt) {}

    private final SessionCoordinationPort coordination;
    private final ApiKeyLoginUseCase login;
    private final SessionEvents events;
    private final Clock clock;
    private final SessionSourceSettings settings;
    private final Adoption adoption;
    private volatile Failure failure;

    FirstLogin(
            SessionCoordinationPort coordination,
            ApiKeyLoginUseCase login,
            SessionEvents events,
            Clock clock,
            SessionSourceSettings settings,
            Adoption adoption) {
        this.coordination = coordination;
        this.login = login;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        this.adoption = adoption;
    }

    /** The last failure, while no other try may be made yet. */
    Option<AuthError> recentFailure() {
        var failed = failure;
        return failed != null && clock.millis() < failed.retryAt ? Option.some(failed.error) : Option.none();
    }

    Either<AuthError, Session> run(AccountId id, ApiCredentials given) {
        long deadline = clock.millis() + settings.waitAtMost().toMillis();
        while (true) {
            var read = coordination.read(id);
            if (read.isLeft()) {
                return Either.left(read.getLeft());
            }
            var found = adoption.ifValid(read.get(), "logged in by another instance");
            if (found.isDefined()) {
                return found.get();
            }
            var lease = coordination.tryLease(id);
            if (lease.isLeft()) {
                return Either.left(lease.getLeft());
            }
            if (lease.get().isDefined()) {
                return underLease(id, given, lease.get().get());
            }
            long left = deadline - clock.millis();
            if (left <= 0) {
                return Either.left(new AuthError.Unavailable("another instance holds the lease of " + id.value()
                        + " for its first login and did not finish within "
                        + settings.waitAtMost().toSeconds() + " s"));
            }
            var waited = coordination.awaitChange(id, read.get().generation(), Duration.ofMillis(Math.min(left, 1000)));
            if (waited.isLeft()) {
                return Either.left(waited.getLeft());
            }
        }
    }

    private Either<AuthError, Session> underLease(AccountId id, ApiCredentials given, Lease lease) {
        var commit = new LeasedRenewal.Commit(lease);
        try {
            var again = coordination.read(id);
            if (again.isLeft()) {
                return Either.left(again.getLeft());
            }
            var found = adoption.ifValid(again.get(), "logged in by another instance");
            if (found.isDefined()) {
                return found.get();
            }
            events.say(
                    SessionEvent.Type.RENEWING,
                    id,
                    Option.none(),
                    "no valid session is stored: logging in here with the API key");
            var result = login.login(given, commit);
            if (result.isLeft()) {
                var error = result.getLeft();
                boolean refused = error instanceof AuthError.Rejected || error instanceof AuthError.IpNotRegistered;
                long wait = refused
                        ? settings.retryAfter().toMillis()
                        : Math.min(settings.retryAfter().toMillis(), 1000);
                failure = new Failure(error, clock.millis() + wait);
                events.say(SessionEvent.Type.RENEWAL_FAILED, id, Option.none(), error.message());
                return result;
            }
            failure = null;
            var answer = adoption.adopt(result.get(), commit.generation, "logged in here with the API key");
            if (answer.equals(result)) {
                events.renewed(result.get(), "logged in here with the API key");
            }
            return answer;
        } finally {
            commit.releaseUnlessCommitted();
        }
    }
}
