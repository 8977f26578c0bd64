package io.github.samcoauth.adapter.http;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.DomainError;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How one client instance talks to Samco. Per instance, never static: two accounts or two base URLs
 * in one JVM do not interfere. Build with {@link #builder()}; {@code build()} checks every value and
 * does no I/O.
 *
 * @param retries how often a request that provably never left (connection refused, unknown host)
 *     is tried again; 0 switches retries off
 *
 * @param baseUrl Samco's base URL
 * @param connectTimeout how long a connection may take to open
 * @param initialBackoff the wait before the first retry
 * @param maxBodyBytes the largest answer read
 * @param proxy an HTTP proxy, or none
 * @param requestTimeout how long a whole exchange may take
 * @param wireLogging whether requests and answers are logged, secrets redacted
 */
public record SamcoHttpConfig(
        URI baseUrl,
        Duration connectTimeout,
        Duration requestTimeout,
        Option<InetSocketAddress> proxy,
        int retries,
        Duration initialBackoff,
        boolean wireLogging,
        int maxBodyBytes) {

    /** Samco's production API. */
    public static final String DEFAULT_BASE_URL = "https://tradeapi.samco.in";
    /** How long a connection may take to open: 10 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long a whole exchange may take, from connecting to the last byte of the answer: 30 s. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** How often a request that provably never left is tried again: 2. */
    public static final int DEFAULT_RETRIES = 2;
    /** The wait before the first retry, doubled before each next one: 200 ms. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    /** The largest answer read: 1 MiB; a larger one is an error, not a memory problem. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    /**
     * Checks that no part is missing; {@link Builder#build()} checks every value.
     *
     * @param baseUrl Samco's base URL
     * @param connectTimeout how long a connection may take to open
     * @param requestTimeout how long a whole exchange may take
     * @param proxy an HTTP proxy, or none
     * @param retries how often a request that provably never left is tried again
     * @param initialBackoff the wait before the first retry
     * @param wireLogging whether requests and answers are logged, secrets redacted
     * @param maxBodyBytes the largest answer read
     */
    public SamcoHttpConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
    }

    /**
     * The defaults: Samco's production URL, 10 s to connect, 30 s for an answer, 2 safe retries.
     *
     * @return the default configuration
     */
    public static SamcoHttpConfig defaults() {
        return builder().build().get();
    }

    /**
     * A builder that starts from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The base URL without a trailing slash, as Feign expects it. */
    String target() {
        var text = baseUrl.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** True for {@code localhost}, {@code 127.x.x.x} and {@code [::1]}; decided without DNS. */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        var h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost")
                || h.equals("[::1]")
                || h.equals("::1")
                || IPV4_LOOPBACK.matcher(h).matches();
    }

    /** Builds a {@link SamcoHttpConfig}; every setter takes any value, {@link #build()} checks them all. */
    public static final class Builder {
        private String baseUrl = DEFAULT_BASE_URL;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Option<InetSocketAddress> proxy = Option.none();
        private int retries = DEFAULT_RETRIES;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private boolean wireLogging;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

        private Builder() {}

        /**
         * Samco's base URL; default {@value SamcoHttpConfig#DEFAULT_BASE_URL}. Plain {@code http} only to loopback.
         *
         * @param baseUrl the URL, e.g. {@code https://tradeapi.samco.in}
         * @return this builder
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /**
         * How long a connection may take to open.
         *
         * @param connectTimeout a positive duration
         * @return this builder
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /**
         * How long a whole exchange may take, from connecting to the last byte of the answer.
         *
         * @param requestTimeout a positive duration
         * @return this builder
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /**
         * An HTTP proxy; the host is resolved when a request is made, not here.
         *
         * @param host the proxy's host name or address
         * @param port the proxy's port
         * @return this builder
         */
        public Builder proxy(String host, int port) {
            this.proxy = Option.some(InetSocketAddress.createUnresolved(host, port));
            return this;
        }

        /**
         * How often a request that provably never left is tried again; 0 switches retries off.
         *
         * @param retries 0 to 10
         * @return this builder
         */
        public Builder retries(int retries) {
            this.retries = retries;
            return this;
        }

        /**
         * The wait before the first retry, doubled before each next one.
         *
         * @param initialBackoff a positive duration
         * @return this builder
         */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
            return this;
        }

        /**
         * Logs requests and responses at DEBUG on logger {@code io.github.samcoauth.wire}, secrets redacted.
         *
         * @param wireLogging {@code true} to log
         * @return this builder
         */
        public Builder wireLogging(boolean wireLogging) {
            this.wireLogging = wireLogging;
            return this;
        }

        /**
         * The largest answer read; a larger one is an error.
         *
         * @param maxBodyBytes a positive number of bytes
         * @return this builder
         */
        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * Validates and builds; checked in order, the first problem found is the one reported.
         *
         * @return the configuration, or every value that is wrong
         */
        public Either<AuthError, SamcoHttpConfig> build() {
            var url = parseBaseUrl(baseUrl);
            if (url.isLeft()) {
                return Either.left(url.getLeft());
            }
            var timeouts = positive(connectTimeout, "connect timeout");
            if (timeouts.isRight()) {
                timeouts = positive(requestTimeout, "request timeout");
            }
            if (timeouts.isRight()) {
                timeouts = positive(initialBackoff, "initial backoff");
            }
            if (timeouts.isLeft()) {
                return Either.left(timeouts.getLeft());
            }
            if (retries < 0 || retries > 10) {
                return invalid(new DomainError.Malformed("retries", "0 to 10"));
            }
            if (maxBodyBytes < 1024) {
                return invalid(new DomainError.Malformed("max body size", "at least 1024 bytes"));
            }
            return Either.right(new SamcoHttpConfig(
                    url.get(),
                    connectTimeout,
                    requestTimeout,
                    proxy,
                    retries,
                    initialBackoff,
                    wireLogging,
                    maxBodyBytes));
        }

        private static <T> Either<AuthError, T> invalid(DomainError error) {
            return Either.left(new AuthError.InvalidInput(error));
        }

        private static Either<AuthError, Duration> positive(Duration duration, String field) {
            return duration == null || duration.isNegative() || duration.isZero()
                    ? invalid(new DomainError.Malformed(field, "a positive duration"))
                    : Either.right(duration);
        }

        private static Either<AuthError, URI> parseBaseUrl(String raw) {
            if (raw == null || raw.isBlank()) {
                return invalid(new DomainError.Blank("base URL"));
            }
            URI uri;
            try {
                uri = new URI(raw.strip());
            } catch (URISyntaxException e) {
                return invalid(new DomainError.Malformed("base URL", "a URL such as " + DEFAULT_BASE_URL));
            }
            var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                return invalid(new DomainError.Malformed("base URL", "a URL such as " + DEFAULT_BASE_URL));
            }
            // schemes and host names are case-insensitive: HTTP://LOCALHOST is http://localhost
            URI normalized;
            try {
                normalized = new URI(
                        scheme, null, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort(), uri.getPath(), null, null);
            } catch (URISyntaxException e) {
                return invalid(new DomainError.Malformed("base URL", "a URL such as " + DEFAULT_BASE_URL));
            }
            if (scheme.equals("https")) {
                return Either.right(normalized);
            }
            if (scheme.equals("http")) {
                return isLoopback(normalized.getHost())
                        ? Either.right(normalized)
                        : invalid(new DomainError.Malformed(
                                "base URL",
                                "https:// (plain http:// is refused except to this machine: it would send"
                                        + " login codes and tokens unencrypted)"));
            }
            return invalid(new DomainError.Malformed("base URL", "an https:// URL"));
        }
    }
}
