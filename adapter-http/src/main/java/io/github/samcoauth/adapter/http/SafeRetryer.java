package io.github.samcoauth.adapter.http;

import feign.RetryableException;
import feign.Retryer;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries only what provably never reached Samco: a refused connection or an unknown host. A
 * request that may have been sent (reset, timeout, broken answer) is never sent again: an OTP
 * request sends an SMS and a login code is single use. Backoff doubles from the initial delay,
 * with full jitter in its upper half.
 */
final class SafeRetryer implements Retryer {

    private final int maxRetries;
    private final long initialBackoffMillis;
    private int retried;

    SafeRetryer(int maxRetries, long initialBackoffMillis) {
        this.maxRetries = maxRetries;
        this.initialBackoffMillis = initialBackoffMillis;
    }

    @Override
    public void continueOrPropagate(RetryableException e) {
        if (retried >= maxRetries || !neverLeft(e)) {
            throw e;
        }
        long ceiling = initialBackoffMillis << Math.min(retried, 16);
        retried++;
        long pause = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        try {
            Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    /** True when the failure happened before a connection existed, so nothing was sent. */
    static boolean neverLeft(Throwable failure) {
        return Causes.chain(failure).stream()
                .filter(c -> c instanceof HttpConnectTimeoutException
                        || c instanceof ConnectException
                        || c instanceof UnknownHostException
                        || c instanceof UnresolvedAddressException)
                .findFirst()
                .map(c -> !(c instanceof HttpConnectTimeoutException))
                .orElse(false);
    }

    @Override
    @SuppressWarnings("MethodDoesntCallSuperMethod")
    public Retryer clone() {
        return new SafeRetryer(maxRetries, initialBackoffMillis);
    }
}
