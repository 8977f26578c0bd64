package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.ApiCredentials;
import io.github.samcoauth.application.port.in.SessionEvent;
import io.github.samcoauth.domain.DomainError;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code samco keep}: the sidecar that keeps one account's session valid for a fleet until it is
 * stopped. The session source does the work (renewal ahead of expiry, one per fleet); this command
 * adds a check with Samco every {@code --check-every} seconds, so that a token Samco revoked is
 * renewed even when no platform asked, and prints every event.
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
        var stop = new CountDownLatch(1);
        stopOn("TERM", stop, output);
        stopOn("INT", stop, output);
        var facade = root.facade(builder -> {
            builder.apiCredentials(given::get).onSessionEvent(event -> print(output, event));
            if (refreshBefore != null) {
                builder.refreshBefore(Duration.ofSeconds(refreshBefore));
            }
        });
        if (facade.isLeft()) {
            return output.fail(facade.getLeft());
        }
        var samco = facade.get();
        var source = named.get().fold(samco::sessionSource, samco::sessionSource);
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
                    && given.get().isDefined()) {
                output.note("hint: name the account (--account ID) and keep logs in with the API key itself,"
                        + " once for the whole fleet");
            }
            return exit;
        }
        first.peek(session -> line(output, "keeping", session.accountId().value(), session.expiresAt(), "started"));
        var every = Duration.ofSeconds(checkEvery == null ? 60 : checkEvery);
        try {
            while (!stop.await(every.toMillis(), TimeUnit.MILLISECONDS)) {
                var session = source.session();
                if (session.isLeft()) {
                    continue;
                }
                var token = session.get().token();
                var checked = samco.whoami(session.get().accountId());
                if (checked.isLeft()
                        && checked.getLeft() instanceof AuthError.Rejected rejected
                        && rejected.httpStatus() == 401) {
                    source.rejected(token);
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
    private static void stopOn(String signal, CountDownLatch stop, Output output) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), ignored -> {
                output.err().println("samco keep: SIG" + signal + " received, stopping");
                output.err().flush();
                stop.countDown();
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
