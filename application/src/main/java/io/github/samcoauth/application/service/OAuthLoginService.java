package io.github.samcoauth.application.service;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.OAuthCallback;
import io.github.samcoauth.application.port.in.OAuthLoginUseCase;
import io.github.samcoauth.application.port.in.OAuthStart;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.application.port.out.AuditLogPort;
import io.github.samcoauth.application.port.out.SamcoApiPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.domain.ApiKey;
import io.github.samcoauth.domain.AuthorizationCode;
import io.github.samcoauth.domain.DomainError;
import io.github.samcoauth.domain.LoginMethod;
import io.github.samcoauth.domain.OAuthState;
import io.github.samcoauth.domain.PkceVerifier;
import io.github.samcoauth.domain.Session;
import io.vavr.Lazy;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.security.SecureRandom;
import java.time.Clock;

/** The OAuth 2.1 login: a consent page with state and PKCE, then the code redeemed once after the callback is checked against the start. */
public final class OAuthLoginService implements OAuthLoginUseCase {

    /** Samco's answer when a code is used twice: it then revokes every token of the app and user. */
    static final String CODE_REUSED = "EOAUTH012";

    private final SamcoApiPort samco;
    private final SessionStorePort store;
    private final Audit audit;
    private final GrantKeeper keeper;
    /** Made on first use: seeding it starts the JDK's security providers, which only an OAuth login needs. */
    private final Lazy<SecureRandom> random = Lazy.of(SecureRandom::new);

    /**
     * A service over these ports.
     *
     * @param samco the Samco API
     * @param store where sessions are kept
     * @param auditLog the journal of what was done
     * @param clock the time
     */
    public OAuthLoginService(SamcoApiPort samco, SessionStorePort store, AuditLogPort auditLog, Clock clock) {
        this.samco = samco;
        this.store = store;
        this.audit = new Audit(auditLog, clock);
        this.keeper = new GrantKeeper(samco, store, audit, clock);
    }

    @Override
    public Either<AuthError, OAuthStart> start(String apiKey, String redirectUrl) {
        var state = OAuthState.fresh(random.get());
        var verifier = PkceVerifier.fresh(random.get());
        return ApiKey.of(apiKey)
                .<AuthError>mapLeft(AuthError.InvalidInput::new)
                .flatMap(key -> samco.authorizeUrl(key, redirectUrl, state, verifier))
                .map(url -> new OAuthStart(url, redirectUrl, state, verifier));
    }

    @Override
    public Either<AuthError, Session> finish(OAuthStart started, OAuthCallback callback) {
        if (!callback.state().exists(started.state()::matches)) {
            return Either.left(new AuthError.InvalidInput(new DomainError.Inconsistent(
                    "state", "the callback is not the answer to this login (its state differs); nothing was sent")));
        }
        if (callback.error().isDefined()) {
            return Either.left(new AuthError.Rejected(
                    "Failure",
                    List.of(callback.errorMessage()
                            .getOrElse("the consent page answered "
                                    + callback.error().get())),
                    callback.error(),
                    Option.none(),
                    Option.none(),
                    0));
        }
        var code = AuthorizationCode.of(callback.code().getOrNull());
        if (code.isLeft()) {
            return Either.left(new AuthError.InvalidInput(code.getLeft()));
        }
        var ready = store.checkWritable();
        if (ready.isLeft()) {
            return Either.left(ready.getLeft());
        }
        return samco.exchangeCode(code.get(), started.verifier())
                .mapLeft(this::afterRefusal)
                .peekLeft(error -> audit.failure(
                        AuditEvent.Type.LOGIN_REJECTED, AuditEvent.Type.LOGIN_FAILED, Option.none(), error))
                .flatMap(keeper::keep);
    }

    /**
     * A reused code makes Samco revoke every token of the app and user: the local OAuth sessions
     * are dead too, so they are removed, and the caller is told so.
     */
    private AuthError afterRefusal(AuthError error) {
        if (!(error instanceof AuthError.Rejected rejected)
                || !rejected.errorCode().contains(CODE_REUSED)) {
            return error;
        }
        var removed = store.findAll()
                .getOrElse(List.empty())
                .filter(session -> session.method() == LoginMethod.OAUTH)
                .map(Session::accountId)
                .filter(account -> store.delete(account).isRight());
        var said = removed.isEmpty()
                ? "Samco revoked every token of this app and user; no local OAuth session was left to remove"
                : "Samco revoked every token of this app and user: the local OAuth sessions of "
                        + removed.mkString(", ") + " were removed";
        return new AuthError.Rejected(
                rejected.status(),
                rejected.messages().append(said),
                rejected.errorCode(),
                rejected.msgId(),
                rejected.serverTime(),
                rejected.httpStatus());
    }
}
