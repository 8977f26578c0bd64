package io.github.samcoauth.adapter.http;

import io.github.samcoauth.application.AuthError;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/** Turns what the HTTP stack threw into an {@link AuthError} a user understands. */
final class Failures {

    private Failures() {}

    static AuthError classify(Throwable failure, SamcoHttpConfig config) {
        var host = config.baseUrl().getHost();
        if (Causes.has(failure, UnknownHostException.class) || Causes.has(failure, UnresolvedAddressException.class)) {
            return new AuthError.Unavailable("unknown host " + host);
        }
        if (Causes.has(failure, HttpConnectTimeoutException.class)) {
            return new AuthError.Unavailable(
                    "could not connect to " + host + " within " + Limits.describe(config.connectTimeout()));
        }
        if (Causes.has(failure, HttpTimeoutException.class)) {
            return new AuthError.Unavailable("no answer within " + Limits.describe(config.requestTimeout()));
        }
        if (Causes.has(failure, ConnectException.class)) {
            return new AuthError.Unavailable("could not connect to " + host + " (connection refused)");
        }
        var certificate = Causes.chain(failure).stream()
                .filter(c -> c instanceof CertificateException
                        || c instanceof CertPathValidatorException
                        || c instanceof SSLPeerUnverifiedException)
                .findFirst();
        if (certificate.isPresent()) {
            var why = ServerText.clean(certificate.get().getMessage(), 160);
            return new AuthError.Unavailable("the certificate of " + host + " could not be verified"
                    + (why.isBlank() ? "" : " (" + why + ")")
                    + ": the answer may not come from Samco (a proxy or an intercepting network?); nothing was sent");
        }
        if (Causes.has(failure, SSLException.class)) {
            return new AuthError.Unavailable("the secure connection to " + host + " failed");
        }
        if (Causes.has(failure, IOException.class)) {
            return new AuthError.Unavailable("the connection to " + host + " broke before an answer came");
        }
        return new AuthError.UnexpectedResponse(
                "the HTTP client failed (" + failure.getClass().getSimpleName() + ")");
    }
}
