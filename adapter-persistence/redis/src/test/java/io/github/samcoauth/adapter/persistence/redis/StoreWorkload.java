package io.github.samcoauth.adapter.persistence.redis;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.testkit.Sessions;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Every operation of the store a fleet runs, in order, on one account, by two instances. */
final class StoreWorkload {

    private static final String TOKEN = "f4b8ec1dcc1e9486f723cb5fcba16859";
    private static final AccountId DV = new AccountId("DV99999");

    private StoreWorkload() {}

    /** Every operation a fleet runs; the first that fails, with why. */
    static Option<String> firstFailure(RedisSessionStoreAdapter store, RedisSessionStoreAdapter other)
            throws InterruptedException {
        var session = Sessions.session("DV99999", TOKEN);
        var told = new AtomicInteger();
        var steps = new ArrayList<java.util.Map.Entry<String, java.util.function.Supplier<Either<AuthError, ?>>>>();
        steps.add(java.util.Map.entry("checkWritable", store::checkWritable));
        steps.add(java.util.Map.entry(
                "watch",
                () -> store.watch(DV, told::incrementAndGet)
                        ? Either.right(true)
                        : Either.left(new AuthError.StorageFailure("no subscription", Option.none()))));
        steps.add(java.util.Map.entry("save", () -> store.save(session)));
        steps.add(java.util.Map.entry("find", () -> store.find(DV)));
        steps.add(java.util.Map.entry("findAll", store::findAll));
        steps.add(java.util.Map.entry(
                "tryLease",
                () -> store.tryLease(DV)
                        .flatMap(lease -> lease.isDefined()
                                ? lease.get().commit(session)
                                : Either.left(new AuthError.StorageFailure("no lease", Option.none())))));
        steps.add(java.util.Map.entry(
                "release", () -> store.tryLease(DV).flatMap(lease -> lease.get().release())));
        steps.add(java.util.Map.entry(
                "lease kept past its lock's time to live",
                () -> store.tryLease(DV).flatMap(lease -> {
                    sleep(Duration.ofMillis(1_000));
                    return lease.get().commit(session);
                })));
        steps.add(java.util.Map.entry("awaitChange", () -> store.awaitChange(DV, 0, Duration.ofMillis(50))));
        steps.add(java.util.Map.entry("other instance's save", () -> other.save(session)));
        steps.add(java.util.Map.entry("delete", () -> store.delete(DV)));
        steps.add(java.util.Map.entry("restore", () -> store.restore(session, 7)));
        steps.add(java.util.Map.entry(
                "audit record",
                () -> store.record(new io.github.samcoauth.application.port.out.AuditEvent(
                        java.time.Instant.now(),
                        io.github.samcoauth.application.port.out.AuditEvent.Type.LOGIN_SUCCEEDED,
                        Option.some("DV99999"),
                        Option.none(),
                        Option.none(),
                        "success"))));
        steps.add(java.util.Map.entry(
                "audit read",
                () -> store.last(Option.some(DV), 5)
                        .flatMap(events -> events.isEmpty()
                                ? Either.left(new AuthError.StorageFailure("no audit event read", Option.none()))
                                : Either.right(events))));
        steps.add(java.util.Map.entry("audit read of every account", () -> store.last(Option.none(), 5)));
        for (var step : steps) {
            var result = step.getValue().get();
            if (result.isLeft()) {
                return Option.some(step.getKey() + ": " + result.getLeft().message());
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (told.get() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return told.get() >= 3 ? Option.none() : Option.some("watch: told " + told.get() + " times of 4 changes");
    }

    static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
