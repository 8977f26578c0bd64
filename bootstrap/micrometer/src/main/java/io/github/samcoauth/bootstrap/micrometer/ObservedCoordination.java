package io.github.samcoauth.bootstrap.micrometer;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.SessionCoordinationPort;
import io.github.samcoauth.application.port.out.VersionedSession;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The store's coordination, its failures counted ({@value SamcoAuthMetrics#STORE_ERRORS}: operation,
 * kind) and each wait for another instance's renewal timed ({@value SamcoAuthMetrics#LEASE_WAIT}:
 * {@code changed}, {@code timed-out} or the failure's kind). Everything else passes through.
 */
final class ObservedCoordination implements SessionCoordinationPort {

    private final SessionCoordinationPort coordination;
    private final SamcoAuthMetrics metrics;

    ObservedCoordination(SessionCoordinationPort coordination, SamcoAuthMetrics metrics) {
        this.coordination = coordination;
        this.metrics = metrics;
    }

    private <T> Either<AuthError, T> counted(String operation, Either<AuthError, T> result) {
        if (result.isLeft()) {
            metrics.storeError(operation, result.getLeft());
        }
        return result;
    }

    @Override
    public Either<AuthError, VersionedSession> read(AccountId account) {
        return counted("read", coordination.read(account));
    }

    @Override
    public Either<AuthError, Option<Lease>> tryLease(AccountId account) {
        return counted("lease", coordination.tryLease(account)).map(lease -> lease.map(ObservedLease::new));
    }

    @Override
    public Either<AuthError, Long> awaitChange(AccountId account, long seen, Duration timeout) {
        long started = System.nanoTime();
        var result = counted("wait", coordination.awaitChange(account, seen, timeout));
        var outcome = result.isLeft()
                ? SamcoAuthMetrics.kind(result.getLeft())
                : result.get() > seen ? "changed" : "timed-out";
        metrics.leaseWait(outcome).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return result;
    }

    @Override
    public Either<AuthError, Boolean> restore(Session session, long generation) {
        return counted("restore", coordination.restore(session, generation));
    }

    @Override
    public boolean watch(AccountId account, Runnable onChange) {
        return coordination.watch(account, onChange);
    }

    /** A lease whose commit and release are counted when they fail. */
    private final class ObservedLease implements Lease {
        private final Lease lease;

        ObservedLease(Lease lease) {
            this.lease = lease;
        }

        @Override
        public AccountId account() {
            return lease.account();
        }

        @Override
        public Either<AuthError, VersionedSession> commit(Session session) {
            return counted("commit", lease.commit(session));
        }

        @Override
        public Either<AuthError, Boolean> release() {
            return counted("release", lease.release());
        }
    }

    @Override
    public String toString() {
        return "ObservedCoordination[" + coordination + "]";
    }
}
