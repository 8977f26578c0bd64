package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.adapter.persistence.FileTokenSink;
import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.ApiCredentials;
import io.github.samcoauth.application.port.in.SessionEvent;
import io.github.samcoauth.domain.DomainError;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@code samco keep}: the sidecar that keeps one account's session valid for a fleet until it is
 * stopped. The session source does the work (renewal ahead of expiry, one per fleet); this command
 * adds a check with Samco every {@code --check-every} seconds, so that a token Samco revoked is
 * renewed even when no platform asked, and prints every event. With {@code --sink FILE} it writes
 * the token in use there (for processes in other languages); with {@code --listen HOST:PORT} it
 * answers health, readiness and metrics over HTTP.
 */
final class KeepSubcommand implements Callable<Integer> {

    final SamcoCli root;

    KeepSubcommand(SamcoCli root) {
        this.root = root;
    }

    String account;

    boolean apiKey;

    Path credentials;

    Integer refreshBefore;

    Integer checkEvery;

    Path sink;

    String listen;

    boolean listenAnywhere;

    @Override
    public Integer call() {
        var output = root.output();
        var named = root.account(account);
        if (named.isLeft()) {
            return output.fail(named.getLeft());
        }
        if (!inRange(refreshBefore) || !inRange(checkEvery)) {
            return output.fail(new AuthError.InvalidInput(
                    new DomainError.Malformed("--refresh-before and --check-every", "1 to 86400 seconds")));
        }
        Either<AuthError, Option<ApiCredentials>> given = apiKey
                ? Credentials.required(root.env(), credentials).map(Option::some)
                : Credentials.optional(root.env(), credentials);
        if (given.isLeft()) {
            return output.fail(given.getLeft());
        }
        Option<java.net.InetSocketAddress> listenOn = Option.none();
        if (listen != null) {
            var address = KeepEndpoints.address(listen, listenAnywhere);
            if (address.isLeft()) {
                return output.fail(address.getLeft());
            }
            listenOn = Option.some(address.get());
        }
        Option<FileTokenSink> sinkFile = Option.none();
        if (sink != null) {
            var opened = FileTokenSink.at(sink);
            if (opened.isLeft()) {
                return output.fail(opened.getLeft());
            }
            sinkFile = Option.some(opened.get());
        }
        var stop = new CountDownLatch(1);
        var wake = new LinkedBlockingQueue<Boolean>();
        stopOn("TERM", stop, wake, output);
        stopOn("INT", stop, wake, output);
        var metrics = new AtomicReference<Supplier<String>>(() -> "");
        var facade = root.facade(builder -> {
            builder.apiCredentials(given::get).onSessionEvent(event -> {
                print(output, event);
                wake.offer(true);
            });
            if (refreshBefore != null) {
                builder.refreshBefore(Duration.ofSeconds(refreshBefore));
            }
            if (listen != null) {
                metrics.set(KeepMetrics.instrument(builder));
            }
        });
        if (facade.isLeft()) {
            return output.fail(facade.getLeft());
        }
        var samco = facade.get();
        var source = named.get().fold(samco::sessionSource, samco::sessionSource);
        var ready = new AtomicBoolean();
        Option<KeepEndpoints> endpoints = Option.none();
        if (listenOn.isDefined()) {
            var started =
                    KeepEndpoints.start(listenOn.get(), source::session, ready::get, metrics.get(), Clock.systemUTC());
            if (started.isLeft()) {
                return output.fail(started.getLeft());
            }
            endpoints = started.toOption();
            line(
                    output,
                    "listening",
                    account == null ? "" : account,
                    null,
                    started.get().url());
        }
        var sinks = new Sink(sinkFile, output);
        try {
            return keep(output, samco, source, given.get(), stop, wake, ready, sinks);
        } finally {
            sinks.remove();
            endpoints.forEach(KeepEndpoints::close);
        }
    }

    private Integer keep(
            Output output,
            io.github.samcoauth.bootstrap.SamcoAuth samco,
            io.github.samcoauth.application.port.in.SessionSourceUseCase source,
            Option<ApiCredentials> given,
            CountDownLatch stop,
            LinkedBlockingQueue<Boolean> wake,
            AtomicBoolean ready,
            Sink sinks) {
        var first = source.session();
        if (first.isLeft() && unreachable(first.getLeft())) {
            // a sidecar outlives an outage: it waits for the store instead of exiting
            line(
                    output,
                    "store-unavailable",
                    account == null ? "" : account,
                    null,
                    first.getLeft().message() + "; waiting for the store");
            long wait = 500;
            try {
                while (first.isLeft() && unreachable(first.getLeft())) {
                    if (stop.await(wait, TimeUnit.MILLISECONDS)) {
                        line(
                                output,
                                "stopped",
                                account == null ? "" : account,
                                null,
                                "stopped while waiting for the store");
                        return ExitCodes.OK;
                    }
                    wait = Math.min(wait * 2, 15_000);
                    first = source.session();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCodes.OK;
            }
            line(output, "store-available", account == null ? "" : account, null, "the store answers again");
        }
        if (first.isLeft() && !(first.getLeft() instanceof AuthError.NotRenewable)) {
            int exit = output.fail(first.getLeft());
            if (!output.json()
                    && first.getLeft() instanceof AuthError.NoSession
                    && account == null
                    && given.isDefined()) {
                output.note("hint: name the account (--account ID) and keep logs in with the API key itself,"
                        + " once for the whole fleet");
            }
            return exit;
        }
        ready.set(true);
        first.peek(session -> line(output, "keeping", session.accountId().value(), session.expiresAt(), "started"));
        sinks.follow(first);
        long every = TimeUnit.SECONDS.toNanos(checkEvery == null ? 60 : checkEvery);
        long nextCheck = System.nanoTime() + every;
        try {
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(nextCheck - System.nanoTime());
                wake.poll(Math.max(0, left), TimeUnit.MILLISECONDS);
                if (stop.getCount() == 0) {
                    break;
                }
                var session = source.session();
                sinks.follow(session);
                if (System.nanoTime() - nextCheck < 0 || session.isLeft()) {
                    if (System.nanoTime() - nextCheck >= 0) {
                        nextCheck = System.nanoTime() + every;
                    }
                    continue;
                }
                nextCheck = System.nanoTime() + every;
                var token = session.get().token();
                var checked = samco.whoami(session.get().accountId());
                if (checked.isLeft()
                        && checked.getLeft() instanceof AuthError.Rejected rejected
                        && rejected.httpStatus() == 401) {
                    sinks.follow(source.rejected(token));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var last = source.session();
        line(
                output,
                "stopped",
                last.map(s -> s.accountId().value()).getOrElse(account == null ? "" : account),
                last.map(s -> s.expiresAt()).getOrNull(),
                "stopped; the session stays in the store");
        return ExitCodes.OK;
    }

    /**
     * The token sink of {@code --sink}: written when the token in use changes, removed when no valid
     * session is held and when keep stops. A failure to write is said once per token, not fatal.
     */
    private static final class Sink {
        private final Option<FileTokenSink> file;
        private final Output output;
        private io.github.samcoauth.domain.SessionToken written;
        private io.github.samcoauth.domain.SessionToken failed;

        Sink(Option<FileTokenSink> file, Output output) {
            this.file = file;
            this.output = output;
        }

        void follow(Either<AuthError, io.github.samcoauth.domain.Session> now) {
            if (file.isEmpty()) {
                return;
            }
            if (now.isRight() && now.get().isValidAt(Instant.now())) {
                var token = now.get().token();
                if (token.equals(written)) {
                    return;
                }
                var done = file.get().write(token);
                if (done.isRight()) {
                    written = token;
                    failed = null;
                } else if (!token.equals(failed)) {
                    failed = token;
                    line(
                            output,
                            "sink-failed",
                            now.get().accountId().value(),
                            null,
                            done.getLeft().message());
                }
            } else if (written != null) {
                remove();
            }
        }

        void remove() {
            if (file.isDefined()) {
                file.get().remove();
                written = null;
            }
        }
    }

    /**
     * A store that does not answer now (unreachable, timing out, failing over) may answer later; one
     * that answers with a refusal (a wrong password, a value the key cannot open) will not.
     */
    private static boolean unreachable(AuthError error) {
        return error instanceof AuthError.StorageFailure failure
                && failure.reason().startsWith("Redis could not")
                && !failure.reason().contains("authentication failed")
                && !failure.reason().contains("NOPERM");
    }

    private static boolean inRange(Integer seconds) {
        return seconds == null || (seconds >= 1 && seconds <= 86_400);
    }

    /** SIGTERM and SIGINT end the loop instead of the JVM: the locks are released, the exit is 0. */
    private static void stopOn(String signal, CountDownLatch stop, LinkedBlockingQueue<Boolean> wake, Output output) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), ignored -> {
                output.err().println("samco keep: SIG" + signal + " received, stopping");
                output.err().flush();
                stop.countDown();
                wake.offer(true);
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // not on this platform: the JVM's own handling stays
        }
    }

    private static void print(Output output, SessionEvent event) {
        line(
                output,
                event.type().label(),
                event.account().value(),
                event.expiresAt().getOrNull(),
                event.detail());
    }

    /** One line per event: human text, or one JSON object per line with {@code --json}. */
    private static void line(Output output, String event, String account, Instant expiresAt, String detail) {
        synchronized (output) {
            if (output.json()) {
                var object = new LinkedHashMap<String, Object>();
                object.put("event", event);
                object.put("account", account);
                object.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
                object.put("detail", detail);
                object.put("at", Instant.now().toString());
                output.object(object);
            } else {
                output.out()
                        .println(Instant.now() + " " + event + " " + account + ": " + Output.safe(detail)
                                + (expiresAt == null ? "" : " (expires " + Output.indiaTime(expiresAt) + ")"));
                output.out().flush();
            }
        }
    }
}
