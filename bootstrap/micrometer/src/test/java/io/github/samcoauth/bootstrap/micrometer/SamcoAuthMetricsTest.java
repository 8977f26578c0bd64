package io.github.samcoauth.bootstrap.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.SessionCoordinationPort;
import io.github.samcoauth.application.port.out.VersionedSession;
import io.github.samcoauth.bootstrap.SamcoAuth;
import io.github.samcoauth.bootstrap.sandbox.SandboxServer;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.testkit.InMemorySessionStore;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The meters and observations against the sandbox (a real HTTP server on loopback): a login, a
 * refused login, a revocation and its renewal, a fleet's wait for another instance's login, a
 * failing store; and no secret in any tag or key value.
 */
class SamcoAuthMetricsTest {

    private static final SandboxServer.ApiApp APP = SandboxServer.DEFAULT_APPS.get(0);
    private static final AccountId DV = new AccountId("DV99999");

    @TempDir
    Path tmp;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestObservationRegistry observations = TestObservationRegistry.create();
    private final java.util.Queue<io.micrometer.observation.Observation.Context> stopped =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final SamcoAuthMetrics metrics = SamcoAuthMetrics.of(meters, observations);

    {
        observations.observationConfig().observationHandler(new io.micrometer.observation.ObservationHandler<>() {
            @Override
            public boolean supportsContext(io.micrometer.observation.Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(io.micrometer.observation.Observation.Context context) {
                stopped.add(context);
            }
        });
    }

    private SamcoAuth.Builder builder(SandboxServer sandbox, Path dir) {
        return metrics.instrument(
                SamcoAuth.builder().baseUrl(sandbox.url()).stateDir(dir).apiCredentials(APP.apiKey(), APP.apiSecret()));
    }

    private long requests(String endpoint, String outcome) {
        var timer = meters.find(SamcoAuthMetrics.REQUESTS)
                .tags("endpoint", endpoint, "outcome", outcome)
                .timer();
        return timer == null ? 0 : timer.count();
    }

    private double renewals(String method, String outcome) {
        var counter = meters.find(SamcoAuthMetrics.RENEWALS)
                .tags("method", method, "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void givenALoginARefusalAndARevocation_whenMeasured_thenEachCallEachRenewalAndTheTimeLeftAreThere()
            throws Exception {
        var tokens = new ArrayList<String>();
        try (var sandbox = SandboxServer.start();
                var auth = builder(sandbox, tmp).build().get()) {
            assertThat(auth.loginWithApiKey(APP.apiKey(), "wrong-secret-of-the-app-0001")
                            .isLeft())
                    .isTrue();
            assertThat(requests("session-token", "rejected")).isEqualTo(1);

            var first = auth.sessionSource(DV).session();
            assertThat(first.isRight()).as(() -> first.getLeft().message()).isTrue();
            tokens.add(first.get().token().value());
            assertThat(requests("session-token", "success")).isEqualTo(1);
            var remaining = meters.find(SamcoAuthMetrics.REMAINING)
                    .tag("account", "DV99999")
                    .gauge();
            assertThat(remaining).as("the time left of DV99999").isNotNull();
            assertThat(remaining.value()).isGreaterThan(60);

            sandbox.revokeAll();
            var renewed = auth.sessionSource(DV).rejected(first.get().token());
            assertThat(renewed.isRight()).as(() -> renewed.getLeft().message()).isTrue();
            tokens.add(renewed.get().token().value());
            assertThat(requests("session-token", "success")).isEqualTo(2);
            assertThat(renewals("api-key", "success")).isGreaterThanOrEqualTo(1);

            assertThat(auth.whoami().isRight()).isTrue();
            assertThat(requests("whoami", "success")).isEqualTo(1);
        }
        TestObservationRegistryAssert.assertThat(observations)
                .hasObservationWithNameEqualTo(SamcoAuthMetrics.REQUEST_OBSERVATION)
                .that()
                .hasLowCardinalityKeyValue("endpoint", "session-token")
                .hasBeenStarted()
                .hasBeenStopped();
        assertThat(stopped)
                .extracting(
                        context -> context.getLowCardinalityKeyValue("outcome").getValue())
                .contains("success", "rejected");
        assertNoSecretIn(tokens);
    }

    @Test
    void givenTwoInstancesAndNoSession_whenBothAskAtOnce_thenOneLogsInAndTheOthersWaitIsTimed() throws Exception {
        var store = new InMemorySessionStore();
        try (var sandbox = SandboxServer.builder()
                        .loginDelay(Duration.ofMillis(600))
                        .start();
                var a = builder(sandbox, tmp.resolve("a"))
                        .sessionStore(store)
                        .build()
                        .get();
                var b = builder(sandbox, tmp.resolve("b"))
                        .sessionStore(store.sharingState())
                        .build()
                        .get()) {
            var pool = Executors.newFixedThreadPool(2);
            try {
                var fromA = pool.submit(() -> a.sessionSource(DV).session());
                var fromB = pool.submit(() -> b.sessionSource(DV).session());
                assertThat(fromA.get(10, TimeUnit.SECONDS).isRight()).isTrue();
                assertThat(fromB.get(10, TimeUnit.SECONDS).isRight()).isTrue();
            } finally {
                pool.shutdownNow();
            }
            assertThat(sandbox.loginCount("DV99999")).isEqualTo(1);
            var waited = meters.find(SamcoAuthMetrics.LEASE_WAIT).timers();
            assertThat(waited).as("the other instance's wait").isNotEmpty();
            assertThat(waited.stream().mapToLong(t -> t.count()).sum()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void givenAStoreThatFails_whenTheCoordinationIsUsed_thenEachFailureIsCountedByOperationAndKind() {
        var failing = new SessionCoordinationPort() {
            @Override
            public Either<AuthError, VersionedSession> read(AccountId account) {
                return Either.left(new AuthError.StorageFailure("Redis could not be reached", Option.none()));
            }

            @Override
            public Either<AuthError, Option<Lease>> tryLease(AccountId account) {
                return Either.right(Option.some(new Lease() {
                    @Override
                    public AccountId account() {
                        return account;
                    }

                    @Override
                    public Either<AuthError, VersionedSession> commit(Session session) {
                        return Either.left(new AuthError.StorageFailure("lease lapsed", Option.none()));
                    }

                    @Override
                    public Either<AuthError, Boolean> release() {
                        return Either.right(true);
                    }
                }));
            }

            @Override
            public Either<AuthError, Long> awaitChange(AccountId account, long seen, Duration timeout) {
                return Either.right(seen);
            }
        };
        var observed = new ObservedCoordination(failing, metrics);
        assertThat(observed.read(DV).isLeft()).isTrue();
        assertThat(observed.read(DV).isLeft()).isTrue();
        var lease = observed.tryLease(DV).get().get();
        assertThat(lease.commit(io.github.samcoauth.testkit.Sessions.session("DV99999", "a".repeat(32)))
                        .isLeft())
                .isTrue();
        assertThat(lease.release()).isEqualTo(Either.right(true));
        assertThat(observed.awaitChange(DV, 3, Duration.ofMillis(1))).isEqualTo(Either.right(3L));

        assertThat(meters.find(SamcoAuthMetrics.STORE_ERRORS)
                        .tags("operation", "read", "kind", "storage-failure")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(meters.find(SamcoAuthMetrics.STORE_ERRORS)
                        .tags("operation", "commit")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(meters.find(SamcoAuthMetrics.STORE_ERRORS)
                        .tags("operation", "release")
                        .counter())
                .isNull();
        assertThat(meters.find(SamcoAuthMetrics.LEASE_WAIT)
                        .tags("outcome", "timed-out")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void givenEveryKindOfFailure_whenNamedAsATag_thenItsTypeInWords() {
        assertThat(SamcoAuthMetrics.kind(new AuthError.StorageFailure("x", Option.none())))
                .isEqualTo("storage-failure");
        assertThat(SamcoAuthMetrics.kind(new AuthError.Unavailable("x"))).isEqualTo("unavailable");
        assertThat(SamcoAuthMetrics.kind(new AuthError.UnexpectedResponse("x"))).isEqualTo("unexpected-response");
    }

    /** Every tag of every meter and every key value of every observation: none holds a secret. */
    private void assertNoSecretIn(List<String> tokens) {
        var said = new ArrayList<String>();
        for (Meter meter : meters.getMeters()) {
            said.add(meter.getId().getName());
            meter.getId().getTags().forEach(tag -> {
                said.add(tag.getKey());
                said.add(tag.getValue());
            });
        }
        stopped.forEach(context -> {
            said.add(String.valueOf(context.getContextualName()));
            context.getAllKeyValues().forEach(keyValue -> {
                said.add(keyValue.getKey());
                said.add(keyValue.getValue());
            });
        });
        var secrets = new ArrayList<>(tokens);
        secrets.add(APP.apiKey());
        secrets.add(APP.apiSecret());
        secrets.add("wrong-secret-of-the-app-0001");
        assertThat(said).isNotEmpty();
        for (var secret : secrets) {
            assertThat(said).noneMatch(value -> value.contains(secret));
        }
    }
}
