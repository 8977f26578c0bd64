package io.github.samcoauth.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.samcoauth.domain.Otp;
import io.github.samcoauth.domain.Uid;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-call latency of the Feign adapter against a hand-written JDK {@code HttpClient} + Jackson
 * call to the same loopback server answering Samco's documented sample bodies. The hand-written
 * call does the least a caller must: send the JSON with a timeout, read the body, pick the fields,
 * on a client built with the JDK's defaults ({@code handWritten*}) and on one whose small tasks run
 * inline as the adapter's do ({@code inlineHandWritten*}, like for like). The adapter's path (Feign,
 * classification, domain validation) needs about 30 s of warm-up to reach steady state on two cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SamcoApiAdapterBenchmark {

    private HttpServer server;
    private java.util.concurrent.ExecutorService executor;
    private String baseUrl;
    private FeignSamcoApiAdapter adapter;
    private HttpClient client;
    private HttpClient inlineClient;
    private ObjectMapper json;
    private final Uid uid = Uid.of("DV99999").get();
    private final Otp code = Otp.of("NUWL3586").get();

    @Setup(Level.Trial)
    public void start() throws IOException {
        var login = sample("login-success.json");
        var otp = sample("generate-otp-success.json");
        // answer without Nagle's delay, as a real server does; otherwise every call waits ~40 ms
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.createContext("/webSecretCodeValidation", exchange -> answer(exchange, login));
        server.createContext("/otp/generateOtp", exchange -> answer(exchange, otp));
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        adapter = new FeignSamcoApiAdapter(SamcoHttpConfig.builder().baseUrl(baseUrl).build().get());
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        inlineClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Runnable::run)
                .build();
        json = new ObjectMapper();
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, byte[] body) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static byte[] sample(String name) throws IOException {
        try (var in = SamcoApiAdapterBenchmark.class.getResourceAsStream("/samples/" + name)) {
            return in.readAllBytes();
        }
    }

    @Benchmark
    public Object adapterValidateLoginCode() {
        return adapter.validateLoginCode(code);
    }

    @Benchmark
    public Object handWrittenValidateLoginCode() throws Exception {
        JsonNode body = post(client, "/webSecretCodeValidation", Map.of("otp", code.value()));
        return body.get("sessionToken").asText() + body.get("accountID").asText();
    }

    @Benchmark
    public Object inlineHandWrittenValidateLoginCode() throws Exception {
        JsonNode body = post(inlineClient, "/webSecretCodeValidation", Map.of("otp", code.value()));
        return body.get("sessionToken").asText() + body.get("accountID").asText();
    }

    @Benchmark
    public Object adapterGenerateOtp() {
        return adapter.generateOtp(uid);
    }

    @Benchmark
    public Object handWrittenGenerateOtp() throws Exception {
        JsonNode body = post(client, "/otp/generateOtp", Map.of("uid", uid.value()));
        return body.get("status").asText() + body.get("msgId").asText();
    }

    @Benchmark
    public Object inlineHandWrittenGenerateOtp() throws Exception {
        JsonNode body = post(inlineClient, "/otp/generateOtp", Map.of("uid", uid.value()));
        return body.get("status").asText() + body.get("msgId").asText();
    }

    @Benchmark
    public Object handWrittenStreamingValidateLoginCode() throws Exception {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + "/webSecretCodeValidation"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(Map.of("otp", code.value()))))
                .build();
        var response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (var in = response.body()) {
            JsonNode body = json.readTree(in.readNBytes(1024 * 1024 + 1));
            return body.get("sessionToken").asText() + body.get("accountID").asText();
        }
    }

    private JsonNode post(HttpClient http, String path, Map<String, String> payload) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(payload)))
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return json.readTree(response.body());
    }
}
