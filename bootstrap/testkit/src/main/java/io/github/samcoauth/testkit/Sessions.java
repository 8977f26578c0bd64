package io.github.samcoauth.testkit;

import io.github.samcoauth.domain.AccountProfile;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.domain.SessionToken;
import java.time.Instant;
import java.util.List;

/** Builders of realistic domain values for tests. */
public final class Sessions {

    /** 13 January 2025, 10:10:40 India time: when the sessions here were issued. */
    public static final Instant ISSUED = Instant.parse("2025-01-13T04:40:40Z"); // 10:10:40 IST

    private Sessions() {}

    /**
     * A profile as Samco gives one at login, with every code Samco documents and an exchange it does not.
     *
     * @param account the account code
     * @return the profile
     */
    public static AccountProfile profile(String account) {
        return AccountProfile.of(
                        account,
                        "MXXXXXAD AXXX",
                        List.of("BFO", "BSE", "CDS", "MCX", "NSE", "NFO", "XNEW"),
                        List.of("MKT", "L", "SL", "SL-M"),
                        List.of("MIS", "CNC", "NRML", "CO", "BO"))
                .getOrElseThrow(errors -> new AssertionError(errors.toString()));
    }

    /**
     * A session token.
     *
     * @param value the token's text
     * @return the token
     */
    public static SessionToken token(String value) {
        return SessionToken.of(value).getOrElseThrow(e -> new AssertionError(e.message()));
    }

    /**
     * A session of {@code account} issued at {@code issuedAt}, expiring by Samco's rules.
     *
     * @param account the account code
     * @param token the token's text
     * @param issuedAt when it was issued
     * @return the session
     */
    public static Session session(String account, String token, Instant issuedAt) {
        return Session.issue(token(token), profile(account), issuedAt);
    }

    /**
     * A session of {@code account} issued at {@link #ISSUED}.
     *
     * @param account the account code
     * @param token the token's text
     * @return the session
     */
    public static Session session(String account, String token) {
        return session(account, token, ISSUED);
    }
}
