package com.example.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import feign.Feign;
import feign.RequestLine;
import io.github.samcoauth.bootstrap.SamcoAuth;
import io.github.samcoauth.bootstrap.sandbox.SandboxServer;
import io.github.samcoauth.domain.Session;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a platform does with samco-auth, from the published artifacts alone. */
class PlatformTest {

    /** One endpoint of the platform's own, called through its own Feign client. */
    interface Orders {
        @RequestLine("GET /orders")
        String orders();
    }

    @TempDir
    Path tmp;

    @Test
    void givenTheSandbox_whenTheWholeFlowRunsThroughTheFacade_thenTheSessionReachesThePlatformsOwnClient()
            throws Exception {
        var seen = new AtomicReference<String>();
        var ordersServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ordersServer.createContext("/orders", exchange -> {
            seen.set(exchange.getRequestHeaders().getFirst("x-session-token"));
            var body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        ordersServer.start();
        try (var sandbox = SandboxServer.start();
                var samco = SamcoAuth.builder()
                        .baseUrl(sandbox.url())
                        .stateDir(tmp)
                        .build()
                        .getOrElseThrow(e -> new AssertionError(e.message()))) {
            samco.requestOtp("DV99999").getOrElseThrow(e -> new AssertionError(e.message()));
            var code = sandbox.awaitOtp("DV99999", Duration.ofSeconds(5)).orElseThrow().code();
            Session session = samco.login(code).getOrElseThrow(e -> new AssertionError(e.message()));
            assertEquals("DV99999", session.accountId().value());
            assertEquals(session, samco.current().getOrElseThrow(e -> new AssertionError(e.message())));

            var orders = Feign.builder()
                    .requestInterceptor(samco.sessionHeaderInterceptor())
                    .target(Orders.class, "http://127.0.0.1:" + ordersServer.getAddress().getPort());
            assertEquals("[]", orders.orders());
            assertEquals(session.token().value(), seen.get());

            var out = samco.logout().getOrElseThrow(e -> new AssertionError(e.message()));
            assertTrue(out.complete(), "logged out at Samco and locally");
            assertEquals("no-session", samco.current().getLeft().code());
        } finally {
            ordersServer.stop(0);
        }
    }

    @Test
    void givenTheSamcoAuthJar_whenItsEntriesAreListed_thenEveryClassIsSamcoAuths() throws Exception {
        var jar = Path.of(SamcoAuth.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(jar.getFileName().toString().endsWith(".jar"), "samco-auth comes as a jar: " + jar);
        var foreign = new ArrayList<String>();
        try (var zip = new ZipFile(jar.toFile())) {
            zip.stream()
                    .map(e -> e.getName())
                    .filter(name -> name.endsWith(".class"))
                    .filter(name -> !name.startsWith("io/github/samcoauth/"))
                    .forEach(foreign::add);
        }
        assertEquals(List.of(), foreign, "classes outside io.github.samcoauth in " + jar.getFileName());
    }
}
