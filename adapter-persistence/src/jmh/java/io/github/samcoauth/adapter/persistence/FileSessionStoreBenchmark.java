package io.github.samcoauth.adapter.persistence;

import io.github.samcoauth.application.port.in.CurrentSessionCommand;
import io.github.samcoauth.application.service.CurrentSessionService;
import io.github.samcoauth.testkit.Sessions;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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

/**
 * The file store on the build directory's disk: a save (temporary file, fsync, atomic rename,
 * directory fsync), a load of a file this process has not seen (read + parse), a load of an
 * unchanged file (one stat), and current-session lookups through the application use case.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FileSessionStoreBenchmark {

    private static final AccountId ACCOUNT = new AccountId("DV99999");

    private Path stateDir;
    private FileSessionStoreAdapter store;
    private CurrentSessionService current;
    private Session session;
    private final Clock clock = Clock.fixed(Instant.parse("2025-01-13T05:00:00Z"), ZoneOffset.UTC);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        var target = Path.of("target");
        Files.createDirectories(target);
        stateDir = Files.createTempDirectory(target, "bench-state-");
        store = new FileSessionStoreAdapter(stateDir, clock);
        session = Sessions.session("DV99999", "f4b8ec1dcc1e9486f723cb5fcba16859");
        store.save(session);
        current = new CurrentSessionService(store, clock);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> walk = Files.walk(stateDir)) {
            for (var p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object saveWithFsync() {
        return store.save(session);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object loadFromDisk() {
        return new FileSessionStoreAdapter(stateDir, clock).find(ACCOUNT);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object loadUnchangedFile() {
        return store.find(ACCOUNT);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    public Object currentSessionLookups() {
        return current.current(CurrentSessionCommand.forAccount(ACCOUNT));
    }
}
