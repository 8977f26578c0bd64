package io.github.samcoauth.bootstrap.micrometer;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.SessionEvent;
import io.github.samcoauth.bootstrap.SamcoAuth;
import io.github.samcoauth.domain.AccountId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * samco-auth's meters in a platform's Micrometer registry, and Observations around Samco's calls
 * for Micrometer Tracing:
 *
 * <pre>{@code
 * var metrics = SamcoAuthMetrics.of(meterRegistry, observationRegistry);
 * var samco = metrics.instrument(SamcoAuth.builder().stateDir(dir)).build().get();
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@value #REQUESTS}</td><td>timer</td><td>{@code endpoint}, {@code outcome}</td></tr>
 *   <tr><td>{@value #RENEWALS}</td><td>counter</td><td>{@code method}, {@code outcome}</td></tr>
 *   <tr><td>{@value #REMAINING}</td><td>gauge, seconds</td><td>{@code account}</td></tr>
 *   <tr><td>{@value #LEASE_WAIT}</td><td>timer</td><td>{@code outcome}</td></tr>
 *   <tr><td>{@value #STORE_ERRORS}</td><td>counter</td><td>{@code operation}, {@code kind}</td></tr>
 * </table>
 *
 * <p>{@code outcome} is {@code success} or the failure's kind ({@code rejected}, {@code
 * unavailable}, {@code unexpected-response}, {@code storage-failure}, …); a renewal's outcome is
 * {@code success} ({@code renewed}), {@code failure} ({@code renewal-failed}) or {@code
 * not-renewable}; {@code method} is {@code api-key}, {@code oauth} or {@code login-code}. No tag and
 * no observation carries a token, a code, a key, a secret or a message from Samco: only these
 * names, Samco's endpoint names and account ids.
 */
public final class SamcoAuthMetrics {

    /** Each call to Samco's API. */
    public static final String REQUESTS = "samco.auth.requests";
    /** Each renewal this instance saw end. */
    public static final String RENEWALS = "samco.auth.renewals";
    /** Seconds until the session in use expires, per account (0 when expired). */
    public static final String REMAINING = "samco.auth.session.remaining";
    /** Each wait for another instance's renewal (or the store's next change). */
    public static final String LEASE_WAIT = "samco.auth.lease.wait";
    /** Each failure of the store's coordination (reads, leases, commits, waits). */
    public static final String STORE_ERRORS = "samco.auth.store.errors";
    /** The Observation around each call to Samco's API ({@code samco.auth.request} spans). */
    public static final String REQUEST_OBSERVATION = "samco.auth.request";

    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final Clock clock;
    private final Map<AccountId, Instant> expiries = new ConcurrentHashMap<>();

    private SamcoAuthMetrics(MeterRegistry meters, ObservationRegistry observations, Clock clock) {
        this.meters = Objects.requireNonNull(meters, "meters");
        this.observations = Objects.requireNonNull(observations, "observations");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Meters in {@code meters}, no observations.
     *
     * @param meters the registry the meters go to
     * @return the metrics
     */
    public static SamcoAuthMetrics of(MeterRegistry meters) {
        return new SamcoAuthMetrics(meters, ObservationRegistry.NOOP, Clock.systemUTC());
    }

    /**
     * Meters in {@code meters}, and an Observation around each call to Samco in {@code observations}.
     *
     * @param meters the registry the meters go to
     * @param observations the registry the observations go to
     * @return the metrics
     */
    public static SamcoAuthMetrics of(MeterRegistry meters, ObservationRegistry observations) {
        return new SamcoAuthMetrics(meters, observations, Clock.systemUTC());
    }

    /**
     * As {@link #of(MeterRegistry, ObservationRegistry)}, the time left read from {@code clock}.
     *
     * @param meters the registry the meters go to
     * @param observations the registry the observations go to
     * @param clock the clock the time left is read from
     * @return the metrics
     */
    public static SamcoAuthMetrics of(MeterRegistry meters, ObservationRegistry observations, Clock clock) {
        return new SamcoAuthMetrics(meters, observations, clock);
    }

    /**
     * {@code builder}, its Samco client, store coordination and session events measured.
     *
     * @param builder the facade's builder
     * @return the same builder
     */
    public SamcoAuth.Builder instrument(SamcoAuth.Builder builder) {
        return builder.decorateSamcoApi(api -> new ObservedSamcoApi(api, this))
                .decorateCoordination(coordination -> new ObservedCoordination(coordination, this))
                .alsoOnSessionEvent(this::on);
    }

    /** Told of a session event: renewals counted, the account's time left followed. */
    void on(SessionEvent event) {
        event.expiresAt().forEach(expiry -> follow(event.account(), expiry));
        var outcome = switch (event.type()) {
            case RENEWED -> "success";
            case RENEWAL_FAILED -> "failure";
            case NOT_RENEWABLE -> "not-renewable";
            default -> null;
        };
        if (outcome != null) {
            var method = event.method().map(m -> m.label()).getOrElse("unknown");
            Counter.builder(RENEWALS)
                    .description("renewals of a session this instance saw end")
                    .tags(Tags.of("method", method, "outcome", outcome))
                    .register(meters)
                    .increment();
        }
    }

    private void follow(AccountId account, Instant expiry) {
        if (expiries.put(account, expiry) == null) {
            Gauge.builder(REMAINING, expiries, all -> remaining(all.get(account)))
                    .description("seconds until the session in use expires")
                    .baseUnit("seconds")
                    .tag("account", account.value())
                    .register(meters);
        }
    }

    private double remaining(Instant expiry) {
        if (expiry == null) {
            return 0;
        }
        return Math.max(0, expiry.toEpochMilli() - clock.millis()) / 1000.0;
    }

    Timer requests(String endpoint, String outcome) {
        return Timer.builder(REQUESTS)
                .description("calls to Samco's API")
                .tags(Tags.of("endpoint", endpoint, "outcome", outcome))
                .register(meters);
    }

    Timer leaseWait(String outcome) {
        return Timer.builder(LEASE_WAIT)
                .description("waits for another instance's renewal or the store's next change")
                .tag("outcome", outcome)
                .register(meters);
    }

    void storeError(String operation, AuthError error) {
        Counter.builder(STORE_ERRORS)
                .description("failures of the session store's coordination")
                .tags(Tags.of("operation", operation, "kind", kind(error)))
                .register(meters)
                .increment();
    }

    ObservationRegistry observations() {
        return observations;
    }

    /** A failure's kind as a tag: its type's name in words, {@code StorageFailure} → {@code storage-failure}. */
    static String kind(AuthError error) {
        var name = error.getClass().getSimpleName();
        var kind = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                kind.append('-');
            }
            kind.append(Character.toLowerCase(c));
        }
        return kind.toString().toLowerCase(Locale.ROOT);
    }
}
