package io.github.samcoauth.adapter.http;

import feign.Client;
import feign.Request;
import feign.Response;
import io.vavr.Lazy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Feign's transport on the JDK {@link HttpClient} with one deadline for the whole exchange:
 * connecting, sending, the status line and headers, and every byte of the body. Past it the
 * exchange is cancelled and Feign sees an {@link HttpTimeoutException}. The body is read into one
 * array of at most {@code maxBodyBytes + 1} bytes (the extra byte tells "too large" apart); the
 * rest is never read.
 */
final class DeadlineClient implements Client {

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient http;
    private final Duration deadline;
    private final int maxBodyBytes;
    /** One daemon thread that interrupts a call past its deadline; made with the first call. */
    private final Lazy<DeadlineWatchdog> watchdog = Lazy.of(DeadlineWatchdog::new);

    DeadlineClient(HttpClient http, Duration deadline, int maxBodyBytes) {
        this.http = http;
        this.deadline = deadline;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Stops the alarm thread, if there is one. */
    void close() {
        if (watchdog.isEvaluated()) {
            watchdog.get().close();
        }
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        long start = System.nanoTime();
        var builder = HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(deadline)
                .method(
                        request.httpMethod().name(),
                        request.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        if (!request.headers().containsKey("User-Agent")) {
            builder.header("User-Agent", UserAgent.VALUE);
        }
        HttpResponse<byte[]> response = exchange(builder.build(), start);
        // Feign copies them into a case-insensitive map of its own
        Map<String, Collection<String>> headers =
                Collections.unmodifiableMap(response.headers().map());
        return Response.builder()
                .status(response.statusCode())
                .request(request)
                .headers(headers)
                .body(response.body())
                .build();
    }

    /**
     * {@code HttpClient.send} on the caller's thread, stopped at the deadline by the watchdog, which
     * interrupts the caller (which cancels the exchange). {@code sendAsync} would cost a new thread
     * per call wherever the common pool has one thread (two cores or fewer): the JDK client hands
     * its result to the {@code CompletableFuture} default executor, which is then a thread per task.
     */
    private HttpResponse<byte[]> exchange(HttpRequest request, long start) throws IOException {
        var watch = watchdog.get().start(start + deadline.toNanos());
        try {
            return http.send(request, info -> new BoundedBody(maxBodyBytes + 1));
        } catch (InterruptedException e) {
            if (watch.timedOut()) {
                throw new HttpTimeoutException("no complete answer within " + Limits.describe(deadline));
            }
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for Samco");
        } finally {
            if (!watchdog.get().end(watch)) {
                // the deadline came first: its interrupt was for this exchange, not for the caller's code
                Thread.interrupted();
            }
        }
    }

    /** Collects at most {@code limit} bytes of a body, then stops reading it. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        BoundedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (var buffer : buffers) {
                int take = Math.min(buffer.remaining(), limit - bytes.size());
                var chunk = new byte[take];
                buffer.get(chunk);
                bytes.write(chunk, 0, take);
            }
            if (bytes.size() >= limit) {
                subscription.cancel();
                result.complete(bytes.toByteArray());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable failure) {
            result.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
