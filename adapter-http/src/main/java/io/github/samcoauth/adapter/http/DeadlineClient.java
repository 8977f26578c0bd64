package io.github.samcoauth.adapter.http;

import feign.Client;
import feign.Request;
import feign.Response;
import io.vavr.Lazy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

/**
 * Feign's transport on the JDK {@link HttpClient} with one deadline for the whole exchange:
 * connecting, sending, the status line and headers, and every byte of the body. Past it the
 * exchange is cancelled and Feign sees an {@link HttpTimeoutException}. The body is read into one
 * array of at most {@code maxBodyBytes + 1} bytes (the extra byte tells "too large" apart); the
 * rest is never read. Every request asks for JSON and labels its body as JSON, the only type Samco
 * speaks.
 */
final class DeadlineClient implements Client {

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private static final String JSON = "application/json";
    private static final int MAX_KNOWN_URIS = 64;

    private final HttpClient http;
    private final Duration deadline;
    private final int maxBodyBytes;
    private final boolean keepHeaders;
    private final ConcurrentHashMap<String, URI> uris = new ConcurrentHashMap<>();
    /** One daemon thread that interrupts a call past its deadline; made with the first call. */
    private final Lazy<DeadlineWatchdog> watchdog = Lazy.of(DeadlineWatchdog::new);

    /**
     * {@code keepHeaders}: hand the response's headers to Feign (for its wire log); without it Feign
     * sees none.
     */
    DeadlineClient(HttpClient http, Duration deadline, int maxBodyBytes, boolean keepHeaders) {
        this.http = http;
        this.deadline = deadline;
        this.maxBodyBytes = maxBodyBytes;
        this.keepHeaders = keepHeaders;
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
        var builder = HttpRequest.newBuilder(uri(request.url()))
                // no JDK timeout: the watchdog ends the whole exchange, body included, and the JDK's timer
                // would cost a selector wake-up (a system call) on every request
                .method(
                        request.httpMethod().name(),
                        request.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        boolean agent = false;
        boolean accept = false;
        boolean type = false;
        for (var header : request.headers().entrySet()) {
            var name = header.getKey();
            if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (var value : header.getValue()) {
                builder.header(name, value);
            }
            agent |= name.equalsIgnoreCase("User-Agent");
            accept |= name.equalsIgnoreCase("Accept");
            type |= name.equalsIgnoreCase("Content-Type");
        }
        // Samco speaks JSON only: every request asks for it, every body is it
        if (!accept) {
            builder.header("Accept", JSON);
        }
        if (!type && request.body() != null) {
            builder.header("Content-Type", JSON);
        }
        if (!agent) {
            builder.header("User-Agent", UserAgent.VALUE);
        }
        HttpResponse<byte[]> response = exchange(builder.build(), start);
        return Response.builder()
                .status(response.statusCode())
                .request(request)
                // Feign copies headers into a map of its own twice per call; only its wire log reads them
                .headers(
                        keepHeaders
                                ? Collections.unmodifiableMap(response.headers().map())
                                : Map.of())
                .body(new BufferedBody(response.body()))
                .build();
    }

    /** The parsed URI of a URL this client has sent to before (a handful of endpoints), or a new one. */
    private URI uri(String url) {
        var known = uris.get(url);
        if (known != null) {
            return known;
        }
        var parsed = URI.create(url);
        if (uris.size() < MAX_KNOWN_URIS) {
            uris.put(url, parsed);
        }
        return parsed;
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
            return http.send(request, info -> new BoundedBody(maxBodyBytes + 1, declaredLength(info)));
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

    /** The body's declared length ({@code Content-Length}), or -1; only a hint for the first buffer. */
    private static long declaredLength(HttpResponse.ResponseInfo info) {
        try {
            return info.headers().firstValueAsLong("Content-Length").orElse(-1);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Collects at most {@code limit} bytes of a body, then stops reading it. Bytes are copied once,
     * into an array sized by the declared length when there is one (a declared length is trusted
     * for nothing else: the array grows, up to the limit, if more comes).
     */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private static final int FIRST_BUFFER = 4096;

        private final int limit;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private byte[] bytes;
        private int size;
        private Flow.Subscription subscription;

        BoundedBody(int limit, long declared) {
            this.limit = limit;
            this.bytes = new byte[(int) Math.min(declared >= 0 ? declared : FIRST_BUFFER, limit)];
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (var buffer : buffers) {
                int take = Math.min(buffer.remaining(), limit - size);
                if (size + take > bytes.length) {
                    bytes = Arrays.copyOf(bytes, (int) Math.min(Math.max(2L * bytes.length, size + take), limit));
                }
                buffer.get(bytes, size, take);
                size += take;
            }
            if (size >= limit && !result.isDone()) {
                subscription.cancel();
                result.complete(bytes);
            }
        }

        @Override
        public void onError(Throwable failure) {
            result.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            result.complete(size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
        }
    }
}
