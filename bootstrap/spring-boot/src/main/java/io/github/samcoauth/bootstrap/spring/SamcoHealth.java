package io.github.samcoauth.bootstrap.spring;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.bootstrap.SamcoAuth;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the health indicator {@code samco} says, whatever Spring Boot's version: UP while every
 * account kept has a valid session, DOWN when one cannot be had, with why (not renewable, Samco
 * refused the credentials, the store away past expiry, no session stored). Details per account:
 * expiry, method, last renewal, whether Samco sees this host's registered IP (asked at most every
 * {@code samco.auth.whoami-every}). Never the token.
 */
public final class SamcoHealth {

    /**
     * UP or DOWN, and the details to show.
     *
     * @param details per account: expiry, method, store, last renewal, static-IP match
     * @param up whether every account has a valid session and the store is reachable
     */
    public record Report(boolean up, Map<String, Object> details) {}

    private record Seen(Instant at, String staticIp) {}

    private final SamcoAuth samco;
    private final SamcoSessions sessions;
    private final Duration whoamiEvery;
    private final Clock clock;
    private final Map<AccountId, Seen> whoami = new ConcurrentHashMap<>();

    SamcoHealth(SamcoAuth samco, SamcoSessions sessions, Duration whoamiEvery, Clock clock) {
        this.samco = samco;
        this.sessions = sessions;
        this.whoamiEvery = whoamiEvery;
        this.clock = clock;
    }

    /**
     * The accounts' state now.
     *
     * @return the status and the details per account, never a token
     */
    public Report check() {
        var details = new LinkedHashMap<String, Object>();
        boolean up = true;
        if (sessions.accounts().isEmpty()) {
            var one = account(sessions.source().session());
            up = "UP".equals(one.get("status"));
            details.putAll(one);
        } else {
            for (var account : sessions.accounts()) {
                var one = account(sessions.source(account).session());
                up &= "UP".equals(one.get("status"));
                details.put(account.value(), one);
            }
        }
        return new Report(up, details);
    }

    private Map<String, Object> account(Either<AuthError, Session> now) {
        var one = new LinkedHashMap<String, Object>();
        if (now.isLeft() || !now.get().isValidAt(clock.instant())) {
            one.put("status", "DOWN");
            if (now.isLeft()) {
                one.put("error", now.getLeft().code());
                one.put("reason", now.getLeft().message());
            } else {
                one.put("error", "expired");
                one.put("reason", "the session expired and no successor could be had");
            }
            return one;
        }
        var session = now.get();
        one.put("status", "UP");
        one.put("account", session.accountId().value());
        one.put("method", session.method().label());
        one.put("expiresAt", session.expiresAt().toString());
        sessions.lastRenewal(session.accountId()).ifPresent(at -> one.put("lastRenewal", at.toString()));
        one.put("staticIp", staticIp(session.accountId(), session));
        return one;
    }

    /**
     * {@code registered}, {@code not registered} or {@code unknown}: asked of Samco at most every
     * whoami-every. A 401 there is a revoked session: told to its source, which renews it.
     */
    private String staticIp(AccountId account, Session session) {
        var seen = whoami.get(account);
        var now = clock.instant();
        if (seen != null && seen.at().plus(whoamiEvery).isAfter(now)) {
            return seen.staticIp();
        }
        var asked = samco.whoami(account);
        if (asked.isLeft() && asked.getLeft() instanceof AuthError.Rejected rejected && rejected.httpStatus() == 401) {
            sessions.source(account).rejected(session.token());
        }
        var said = asked.isRight() ? (asked.get().whoAmI().matches() ? "registered" : "not registered") : "unknown";
        whoami.put(account, new Seen(now, said));
        return said;
    }
}
