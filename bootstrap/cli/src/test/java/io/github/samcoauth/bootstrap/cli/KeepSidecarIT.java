package io.github.samcoauth.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.samcoauth.bootstrap.sandbox.SandboxServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code samco keep --sink FILE --listen 127.0.0.1:0} as a sidecar (the real jar, the sandbox as
 * Samco): the token in the sink, health, readiness and metrics over HTTP, through a revocation and
 * its renewal; the sink removed on SIGTERM; a listener beyond loopback refused unless asked for.
 */
class KeepSidecarIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SandboxServer.ApiApp APP = SandboxServer.DEFAULT_APPS.get(0);

    @TempDir
    Path tmp;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    private Map<String, String> env() {
        return Map.of(
                "SAMCO_API_KEY", APP.apiKey(),
                "SAMCO_API_SECRET", APP.apiSecret(),
                "SAMCO_STATE_DIR", tmp.resolve("state").toString());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void await(String what, Duration within, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void givenASinkAndAListener_whenKeepRunsThroughARevocation_thenTheSinkFollowsAndTheEndpointsSayIt()
            throws Exception {
        try (var sandbox = SandboxServer.start()) {
            var sink = tmp.resolve("run/token");
            var stdout = tmp.resolve("keep.out");
            var command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    Cli.JAR.toString(),
                    "--base-url",
                    sandbox.url(),
                    "--json",
                    "keep",
                    "--account",
                    "DV99999",
                    "--api-key",
                    "--check-every",
                    "1",
                    "--sink",
                    sink.toString(),
                    "--listen",
                    "127.0.0.1:0"));
            var builder = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(tmp.resolve("keep.err").toFile());
            builder.environment().putAll(env());
            var keep = builder.start();
            processes.add(keep);
            var events = new ConcurrentLinkedQueue<JsonNode>();
            await("listening and keeping", Duration.ofSeconds(30), () -> {
                read(stdout, events);
                return events.stream().anyMatch(e -> e.path("event").asText().equals("keeping"));
            });
            var url = events.stream()
                    .filter(e -> e.path("event").asText().equals("listening"))
                    .findFirst()
                    .orElseThrow()
                    .path("detail")
                    .asText();
            assertThat(url).startsWith("http://127.0.0.1:");

            var first = sandbox.latestToken("DV99999").orElseThrow();
            await("the sink holds the token", Duration.ofSeconds(5), () -> first.equals(readQuietly(sink)));
            assertThat(Files.getPosixFilePermissions(sink)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

            var health = get(url + "/healthz");
            assertThat(health.statusCode()).isEqualTo(200);
            var body = JSON.readTree(health.body());
            assertThat(body.path("status").asText()).isEqualTo("UP");
            assertThat(body.path("account").asText()).isEqualTo("DV99999");
            assertThat(body.path("method").asText()).isEqualTo("api-key");
            assertThat(health.body()).doesNotContain(first);
            assertThat(get(url + "/readyz").statusCode()).isEqualTo(200);
            var metrics = get(url + "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(metrics.body())
                    .contains("samco_auth_requests_seconds_count{endpoint=\"session-token\",outcome=\"success\"}")
                    .contains("samco_auth_session_remaining_seconds{account=\"DV99999\"}")
                    .doesNotContain(first)
                    .doesNotContain(APP.apiSecret());
            assertThat(get(url + "/nothing").statusCode()).isEqualTo(404);
            var post = http.send(
                    HttpRequest.newBuilder(URI.create(url + "/healthz"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);

            // Samco revokes every token: keep's check finds out, renews once; the sink follows
            sandbox.revokeAll();
            await("the sink holds the renewed token", Duration.ofSeconds(15), () -> {
                var now = readQuietly(sink);
                return now != null
                        && !now.equals(first)
                        && now.equals(sandbox.latestToken("DV99999").orElse(""));
            });
            assertThat(sandbox.loginCount("DV99999")).isEqualTo(2);
            assertThat(get(url + "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(url + "/metrics").body())
                    .contains("samco_auth_requests_seconds_count{endpoint=\"whoami\",outcome=\"rejected\"}");

            keep.destroy(); // SIGTERM
            assertThat(keep.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(keep.exitValue()).isZero();
            assertThat(Files.exists(sink))
                    .as("the sink removed when keep stops")
                    .isFalse();
            read(stdout, events);
            assertThat(Files.readString(stdout)).doesNotContain(first);
        }
    }

    @Test
    void givenAListenerBeyondLoopbackOrABadAddress_whenKeepStarts_thenRefusedAsUsage() {
        var beyond = Cli.run(env(), "", "keep", "--account", "DV99999", "--listen", "0.0.0.0:0");
        assertThat(beyond.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(beyond.stderr()).contains("--listen-anywhere");
        for (var bad : List.of("127.0.0.1", "127.0.0.1:99999", ":80", "127.0.0.1:port")) {
            var refused = Cli.run(env(), "", "keep", "--account", "DV99999", "--listen", bad);
            assertThat(refused.exit()).as(bad).isEqualTo(ExitCodes.USAGE);
            assertThat(refused.stderr()).as(bad).contains("HOST:PORT");
        }
        var link = tmp.resolve("link");
        try {
            Files.createSymbolicLink(link, tmp.resolve("elsewhere"));
            Files.writeString(tmp.resolve("elsewhere"), "x");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        var sinkRefused = Cli.run(env(), "", "keep", "--account", "DV99999", "--sink", link.toString());
        assertThat(sinkRefused.exit()).isEqualTo(ExitCodes.STORAGE);
        assertThat(sinkRefused.stderr()).contains("not a regular file");
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return null;
        }
    }

    private static void read(Path stdout, ConcurrentLinkedQueue<JsonNode> events) {
        try {
            events.clear();
            for (var line : Files.readAllLines(stdout)) {
                try {
                    events.add(JSON.readTree(line));
                } catch (IOException notJson) {
                    // a partial line: read again next time
                }
            }
        } catch (IOException e) {
            // not there yet
        }
    }
}
