package io.github.samcoauth.adapter.http;

import io.github.samcoauth.application.AuthError;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

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
