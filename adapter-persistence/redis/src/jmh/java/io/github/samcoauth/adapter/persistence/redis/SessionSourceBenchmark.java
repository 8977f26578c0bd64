package io.github.samcoauth.adapter.persistence.redis;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.SessionSourceSettings;
import io.github.samcoauth.application.keeping.SessionSourceService;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.LoginMethod;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.testkit.Renewals;
import io.github.samcoauth.testkit.Sessions;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import redis.embedded.RedisServer;

/**
 * The fleet's figures, on a real Redis on loopback: the hot path (a session source's lookup, what
 * every platform request pays), the time until an instance sees a session another host saved, and
 * the Redis store's save and load (sealed with AES-GCM).
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SessionSourceBenchmark {

    private static final AccountId ACCOUNT = new AccountId("DV99999");

    private RedisServer redis;
    private RedisSessionStoreAdapter hostA;
    private RedisSessionStoreAdapter hostB;
    private SessionSourceService sourceOnB;
    private ScheduledExecutorService executor;
    private final AtomicLong tokens = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        redis = RedisServer.builder().port(port).bind("127.0.0.1").setting("save \"\"").build();
        redis.start();
        var key = RedisSessionStoreAdapter.newEncryptionKey();
        hostA = RedisSessionStoreAdapter.builder()
                .uri("redis://127.0.0.1:" + port)
                .encryptionKeys(key)
                .build()
                .get();
        hostB = RedisSessionStoreAdapter.builder()
                .uri("redis://127.0.0.1:" + port)
                .encryptionKeys(key)
                .build()
                .get();
        hostA.save(next());
        executor = Executors.newScheduledThreadPool(2);
        sourceOnB = new SessionSourceService(
                Option.some(ACCOUNT),
                hostB,
                hostB,
                Renewals.failing(new AuthError.Unavailable("not in this benchmark")),
                Option::none,
                event -> {},
                Clock.systemUTC(),
                SessionSourceSettings.DEFAULTS,
                executor);
        sourceOnB.session();
    }

    private Session next() {
        return Session.issue(
                Sessions.token(String.format("%032x", tokens.incrementAndGet())),
                Sessions.profile("DV99999"),
                Instant.now(),
                LoginMethod.API_KEY);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sourceOnB.close();
        executor.shutdownNow();
        hostA.close();
        hostB.close();
        redis.stop();
    }

    /** What a platform pays per request for its token: two threads asking at once. */
    @Benchmark
    @Threads(2)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Object hotPathLookup() {
        return sourceOnB.session();
    }

    /** Host A saves a new session; the time until host B's source hands it out. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Measurement(iterations = 5, time = 4)
    public Object seenByAnotherHost() {
        var session = next();
        hostA.save(session);
        while (!sourceOnB.session().get().token().equals(session.token())) {
            Thread.onSpinWait();
        }
        return session;
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object redisSave() {
        return hostA.save(Sessions.session("RM3XXXXX", "f4b8ec1dcc1e9486f723cb5fcba16859"));
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object redisLoad() {
        return hostA.find(ACCOUNT);
    }
}
