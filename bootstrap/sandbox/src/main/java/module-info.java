/**
 * An embedded Samco sandbox: the same API on a loopback port (OTP, login codes, API-key sessions,
 * OAuth 2.1 with PKCE and rotating refresh tokens, logout, whoami), for demos and for a platform's
 * own tests.
 */
module io.github.samcoauth.bootstrap.sandbox {
    requires transitive io.github.samcoauth.domain;
    requires com.fasterxml.jackson.databind;
    requires jdk.httpserver;

    exports io.github.samcoauth.bootstrap.sandbox;

    // Samco's sample answers (JSON), which the sandbox serves, readable by a platform's tests too
    opens io.github.samcoauth.bootstrap.sandbox.samples;
}
