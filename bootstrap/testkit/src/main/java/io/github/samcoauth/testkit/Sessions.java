package io.github.samcoauth.testkit;

import io.github.samcoauth.domain.AccountProfile;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.domain.SessionToken;
import java.time.Instant;
import java.util.List;

/** Builders of realistic domain values for tests. */
public final class Sessions {

    public static final Instant ISSUED = Instant.parse("2025-01-13T04:40:40Z"); // 10:10:40 IST

    private Sessions() {}

    public static AccountProfile profile(String account) {
        return AccountProfile.of(
                        account,
                        "MXXXXXAD AXXX",
                        List.of("BFO", "BSE", "CDS", "MCX", "NSE", "NFO", "XNEW"),
                        List.of("MKT", "L", "SL", "SL-M"),
                        List.of("MIS", "CNC", "NRML", "CO", "BO"))
                .getOrElseThrow(errors -> new AssertionError(errors.toString()));
    }

    public static SessionToken token(String value) {
        return SessionToken.of(value).getOrElseThrow(e -> new AssertionError(e.message()));
    }

    public static Session session(String account, String token, Instant issuedAt) {
        return Session.issue(token(token), profile(account), issuedAt);
    }

    public static Session session(String account, String token) {
        return session(account, token, ISSUED);
    }
}
