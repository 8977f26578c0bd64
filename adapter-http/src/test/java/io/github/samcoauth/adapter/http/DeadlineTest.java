package io.github.samcoauth.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.Otp;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One deadline covers the whole exchange: a server that sends its headers and then one byte at a
 * time, or nothing at all, gets the caller an {@code Unavailable} within the timeout and a small
 * margin, never a thread held for as long as the server likes.
 */
class DeadlineTest {

    private static final Otp CODE = Otp.of("NUWL3586").get();

    /** A server of one connection that answers with {@code behaviour}. */
    private interface Behaviour {
        void answer(Socket socket) throws Exception;
    }

    private static int serve(ServerSocket server, Behaviour behaviour) {
        var thread = new Thread(() -> {
            try (var socket = server.accept()) {
                readRequestHead(socket.getInputStream());
                behaviour.answer(socket);
            } catch (Exception ignored) {
                // the client hung up, as it should
            }
        });
        thread.setDaemon(true);
        thread.start();
        return server.getLocalPort();
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        var end = "\r\n\r\n";
        while (matched < end.length()) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end.charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static FeignSamcoApiAdapter adapter(int port, Duration timeout) {
        return new FeignSamcoApiAdapter(Samples.config("http://127.0.0.1:" + port)
                .requestTimeout(timeout)
                .retries(0)
                .build()
                .get());
    }

    @Test
    void givenAServerThatTricklesItsBody_whenLoggingIn_thenUnavailableWithinTheTimeout() throws Exception {
        var sent = new AtomicInteger();
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = serve(server, socket -> {
                var out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                for (int i = 0; i < 999; i++) {
                    Thread.sleep(100);
                    out.write(' ');
                    out.flush();
                    sent.incrementAndGet();
                }
            });
            long start = System.nanoTime();
            var result = adapter(port, Duration.ofSeconds(1)).validateLoginCode(CODE);
            var took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(result.getLeft()).isInstanceOf(AuthError.Unavailable.class);
            assertThat(result.getLeft().message()).contains("within 1 s");
            assertThat(took).as("the whole exchange, body included").isLessThan(Duration.ofSeconds(3));
            assertThat(sent.get()).as("the server had far from finished").isLessThan(100);
        }
    }

    @Test
    void givenAServerThatNeverAnswers_whenAskingForAnOtp_thenUnavailableWithinTheTimeout() throws Exception {
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = serve(server, socket -> Thread.sleep(60_000));
            long start = System.nanoTime();
            var result = adapter(port, Duration.ofSeconds(1))
                    .generateOtp(io.github.samcoauth.domain.Uid.of("DV99999").get());
            assertThat(result.getLeft()).isInstanceOf(AuthError.Unavailable.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(Thread.currentThread().isInterrupted())
                    .as("the deadline's interrupt stays inside the call")
                    .isFalse();
        }
    }

    @Test
    void givenTheCallerIsInterrupted_whenWaitingForSamco_thenUnavailableAndTheInterruptKept() throws Exception {
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = serve(server, socket -> Thread.sleep(60_000));
            var caller = Thread.currentThread();
            var interrupter = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
                caller.interrupt();
            });
            interrupter.start();
            long start = System.nanoTime();
            var result = adapter(port, Duration.ofSeconds(20))
                    .generateOtp(io.github.samcoauth.domain.Uid.of("DV99999").get());
            boolean interrupted = Thread.interrupted();
            assertThat(result.getLeft()).isInstanceOf(AuthError.Unavailable.class);
            assertThat(interrupted)
                    .as("the caller's own interrupt is not swallowed")
                    .isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void givenAnEndlessBody_whenRead_thenTooLargeAndTheRestNeverRead() throws Exception {
        var sent = new AtomicInteger();
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = serve(server, socket -> {
                var out = socket.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                var chunk = ("10000\r\n" + "a".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 100_000; i++) { // 6.5 GB if anyone read it all
                    out.write(chunk);
                    sent.incrementAndGet();
                }
            });
            var result = adapter(port, Duration.ofSeconds(10)).validateLoginCode(CODE);
            assertThat(result.getLeft()).isInstanceOf(AuthError.UnexpectedResponse.class);
            assertThat(result.getLeft().message()).contains("larger than 1 MiB");
            assertThat(sent.get()).isLessThan(1000);
        }
    }
}
