package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.application.AuthError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The one place that turns an {@link AuthError} into what the user sees: its exit code, its hint in
 * human mode, and the fields of its {@code --json} error object. A test over the sealed hierarchy
 * keeps a row for every kind of error.
 */
final class ErrorTable {

    /** What one kind of error becomes. */
    record Outcome(
            int exitCode,
            BiConsumer<AuthError, Map<String, Object>> fields,
            Function<AuthError, Optional<String>> hint) {}

    static final Map<Class<? extends AuthError>, Outcome> TABLE = Map.of(
            AuthError.InvalidInput.class,
            row(
                    AuthError.InvalidInput.class,
                    ExitCodes.USAGE,
                    (e, json) -> json.put("field", e.error().field()),
                    e -> Optional.empty()),
            AuthError.AccountRequired.class,
            row(
                    AuthError.AccountRequired.class,
                    ExitCodes.USAGE,
                    (e, json) -> json.put(
                            "accounts", e.accounts().map(Object::toString).asJava()),
                    e -> Optional.of("name one with --account, e.g. --account "
                            + e.accounts().head())),
            AuthError.Rejected.class,
            row(
                    AuthError.Rejected.class,
                    ExitCodes.REJECTED,
                    (e, json) -> {
                        json.put("status", e.status());
                        json.put("messages", e.messages().asJava());
                        e.errorCode().forEach(c -> json.put("errorCode", c));
                        e.msgId().forEach(m -> json.put("msgId", m));
                        e.serverTime().forEach(t -> json.put("serverTime", t.raw()));
                        json.put("httpStatus", e.httpStatus());
                    },
                    ErrorTable::rejectionHint),
            AuthError.NoSession.class,
            row(
                    AuthError.NoSession.class,
                    ExitCodes.NO_SESSION,
                    (e, json) -> e.account().forEach(a -> json.put("account", a.value())),
                    e -> Optional.of("run `samco login` to start a session")),
            AuthError.Unavailable.class,
            row(
                    AuthError.Unavailable.class,
                    ExitCodes.UNAVAILABLE,
                    (e, json) -> {},
                    e -> Optional.of("check the network, or --base-url / SAMCO_BASE_URL")),
            AuthError.UnexpectedResponse.class,
            row(
                    AuthError.UnexpectedResponse.class,
                    ExitCodes.UNEXPECTED_RESPONSE,
                    (e, json) -> {},
                    e -> Optional.empty()),
            AuthError.NotRenewable.class,
            row(
                    AuthError.NotRenewable.class,
                    ExitCodes.NO_SESSION,
                    (e, json) -> {
                        json.put("account", e.account().value());
                        json.put("method", e.method().label());
                    },
                    e -> Optional.of(
                            "run `samco login` with a new code (or log in with --api-key, which renews unattended)")),
            AuthError.StorageFailure.class,
            row(
                    AuthError.StorageFailure.class,
                    ExitCodes.STORAGE,
                    (e, json) -> e.path().forEach(p -> json.put("path", p)),
                    ErrorTable::storageHint));

    private ErrorTable() {}

    /** Where to look: the jars beside samco.jar, the Redis store, or the state directory. */
    private static Optional<String> storageHint(AuthError.StorageFailure e) {
        if (e.reason().contains(StoreOption.LIBRARIES)) {
            return Optional.of("keep samco.jar and the lib/ directory beside it together (./samco builds both)");
        }
        if (e.reason().contains("Redis")) {
            return Optional.of(
                    "check the Redis store (--store / SAMCO_STORE, SAMCO_STORE_KEY) and that it is reachable");
        }
        return Optional.of("check the state directory (--state-dir / SAMCO_STATE_DIR) and its permissions");
    }

    /** What to do about a rejection: Samco's OAuth codes that need a word of their own, else its msgId. */
    private static Optional<String> rejectionHint(AuthError.Rejected e) {
        if (e.errorCode().contains("EOAUTH030")) {
            return Optional.of("this code is being exchanged elsewhere at this moment: wait for that login;"
                    + " do not retry with the same code");
        }
        if (e.errorCode().contains("EOAUTH012")) {
            return Optional.of("the code had been used already: log in again with --oauth");
        }
        return e.msgId()
                .map(m -> "quote msgId " + m + " to Samco support if this persists")
                .toJavaOptional();
    }

    private static <E extends AuthError> Outcome row(
            Class<E> type,
            int exitCode,
            BiConsumer<E, Map<String, Object>> fields,
            Function<E, Optional<String>> hint) {
        return new Outcome(exitCode, (e, json) -> fields.accept(type.cast(e), json), e -> hint.apply(type.cast(e)));
    }

    /** The row of {@code error}'s kind; a kind without a row is a bug of samco's, caught by a test. */
    static Outcome of(AuthError error) {
        var outcome = TABLE.get(error.getClass());
        if (outcome == null) {
            throw new IllegalStateException("no outcome for " + error.getClass().getSimpleName());
        }
        return outcome;
    }

    static int exitCode(AuthError error) {
        return of(error).exitCode();
    }

    static Optional<String> hint(AuthError error) {
        return of(error).hint().apply(error);
    }

    /** The {@code error} object of the {@code --json} output. */
    static Map<String, Object> json(AuthError error) {
        var json = new LinkedHashMap<String, Object>();
        json.put("code", error.code());
        json.put("message", error.message());
        of(error).fields().accept(error, json);
        return json;
    }
}
