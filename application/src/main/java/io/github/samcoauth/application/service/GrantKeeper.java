package io.github.samcoauth.application.service;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.SamcoReply;
import io.github.samcoauth.application.port.in.RefreshSessionUseCase.SessionWriter;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.application.port.out.LoginGrant;
import io.github.samcoauth.application.port.out.OAuthGrant;
import io.github.samcoauth.application.port.out.SamcoApiPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.domain.LoginMethod;
import io.github.samcoauth.domain.RefreshGrant;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;

/**
 * What every login does with what Samco granted: issue the session, save it, record the event
 * after the save with its real outcome. If the save fails, the session is ended at Samco at once
 * (best effort), so that no live token is left that nobody holds, and the caller is told which.
 */
final class GrantKeeper {

    private final SamcoApiPort samco;
    private final SessionStorePort store;
    private final Audit audit;
    private final Clock clock;

    GrantKeeper(SamcoApiPort samco, SessionStorePort store, Audit audit, Clock clock) {
        this.samco = samco;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    Either<AuthError, Session> keep(LoginGrant grant, LoginMethod method) {
        return keep(grant, method, store::save);
    }

    /** As {@link #keep(LoginGrant, LoginMethod)}, written by {@code writeTo} (a lease's commit). */
    Either<AuthError, Session> keep(LoginGrant grant, LoginMethod method, SessionWriter writeTo) {
        return keep(Session.issue(grant.token(), grant.profile(), clock.instant(), method), grant.reply(), writeTo);
    }

    /** An OAuth grant: the session ends by the rules or {@code expires_in}; its refresh token is kept with it. */
    Either<AuthError, Session> keep(OAuthGrant grant, SessionWriter writeTo) {
        var now = clock.instant();
        var session = Session.issueOAuth(
                grant.accessToken(),
                grant.profile(),
                now,
                now.plus(grant.expiresIn()),
                new RefreshGrant(grant.refreshToken(), now.plus(grant.refreshExpiresIn())));
        return keep(session, grant.reply(), writeTo);
    }

    Either<AuthError, Session> keep(OAuthGrant grant) {
        return keep(grant, store::save);
    }

    private Either<AuthError, Session> keep(Session session, SamcoReply reply, SessionWriter writeTo) {
        var subject = Option.some(session.accountId().value());
        var saved = writeTo.write(session);
        if (saved.isRight()) {
            audit.success(AuditEvent.Type.LOGIN_SUCCEEDED, subject, reply);
            return saved;
        }
        var failure = saved.getLeft();
        audit.failure(AuditEvent.Type.LOGIN_FAILED, AuditEvent.Type.LOGIN_FAILED, subject, failure);
        return Either.left(unsaved(failure, end(session).isRight()));
    }

    /** Ends a session at Samco the way it was made: OAuth sessions are revoked, others logged out. */
    Either<AuthError, SamcoReply> end(Session session) {
        return session.method() == LoginMethod.OAUTH ? samco.revoke(session.token()) : samco.logout(session.token());
    }

    private static AuthError unsaved(AuthError failure, boolean endedAtSamco) {
        var path = failure instanceof AuthError.StorageFailure storage ? storage.path() : Option.<String>none();
        var reason = failure instanceof AuthError.StorageFailure storage ? storage.reason() : failure.message();
        return new AuthError.StorageFailure(
                "Samco granted the session but it could not be saved (" + reason + "); "
                        + (endedAtSamco
                                ? "it was logged out at Samco, so no token is left live: fix the store named"
                                        + " here (the state directory, or Redis), then log in again"
                                : "it could not be logged out at Samco either: its token stays valid at Samco"
                                        + " until it expires, and nothing here holds it"),
                path);
    }
}
