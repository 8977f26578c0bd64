package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.application.AuthError;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that turns an {@link AuthError} into what the user sees: its exit code, its hint in
 * human mode, and the fields of its {@code --json} error object. A test over the sealed hierarchy
 * keeps a row for every kind of error.
 */
final class ErrorTable {

    /**
     * What one kind of error becomes. Each row is a small class of its own rather than a pair of
     * lambdas: the table is built on every run that fails, and a class comes ready from the
     * class-data archive where a lambda would be linked anew.
     */
    abstract static class Outcome<E extends AuthError> {
        private final Class<E> type;
        private final int exitCode;

        Outcome(Class<E> type, int exitCode) {
            this.type = type;
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }

        /** The fields of the {@code --json} error object beyond its code and message. */
        void fields(E error, Map<String, Object> json) {
            // none beyond code and message
        }

        /** What to do about it, in human mode. */
        Optional<String> hint(E error) {
            return Optional.empty();
        }

        final void fieldsOf(AuthError error, Map<String, Object> json) {
            fields(type.cast(error), json);
        }

        final Optional<String> hintOf(AuthError error) {
            return hint(type.cast(error));
        }
    }

    static final Map<Class<? extends AuthError>, Outcome<?>> TABLE = table(
            new Outcome<>(AuthError.InvalidInput.class, ExitCodes.USAGE) {
                @Override
                void fields(AuthError.InvalidInput e, Map<String, Object> json) {
                    json.put("field", e.error().field());
                }
            },
            new Outcome<>(AuthError.AccountRequired.class, ExitCodes.USAGE) {
                @Override
                void fields(AuthError.AccountRequired e, Map<String, Object> json) {
                    json.put("accounts", e.accounts().map(Object::toString).asJava());
                }

                @Override
                Optional<String> hint(AuthError.AccountRequired e) {
                    return Optional.of("name one with --account, e.g. --account "
                            + e.accounts().head());
                }
            },
            new Outcome<>(AuthError.Rejected.class, ExitCodes.REJECTED) {
                @Override
                void fields(AuthError.Rejected e, Map<String, Object> json) {
                    rejectionFields(e, json);
                }

                @Override
                Optional<String> hint(AuthError.Rejected e) {
                    return rejectionHint(e);
                }
            },
            new Outcome<>(AuthError.IpNotRegistered.class, ExitCodes.REJECTED) {
                @Override
                void fields(AuthError.IpNotRegistered e, Map<String, Object> json) {
                    rejectionFields(e.refusal(), json);
                }

                @Override
                Optional<String> hint(AuthError.IpNotRegistered e) {
                    return Optional.of("run `samco whoami` from a logged-in machine to see the IP Samco sees, and"
                            + " register it on the Static IP page of Samco's web dashboard (or run from an"
                            + " address registered there); retrying from here will not help");
                }
            },
            new Outcome<>(AuthError.NoSession.class, ExitCodes.NO_SESSION) {
                @Override
                void fields(AuthError.NoSession e, Map<String, Object> json) {
                    if (e.account().isDefined()) {
                        json.put("account", e.account().get().value());
                    }
                }

                @Override
                Optional<String> hint(AuthError.NoSession e) {
                    return Optional.of(
                            e.detail().isDefined()
                                    ? "run `samco login` with this --base-url to start a session here"
                                    : "run `samco login` to start a session (a session belongs to the --base-url it was"
                                            + " made at)");
                }
            },
            new Outcome<>(AuthError.Unavailable.class, ExitCodes.UNAVAILABLE) {
                @Override
                Optional<String> hint(AuthError.Unavailable e) {
                    return Optional.of("check the network, or --base-url / SAMCO_BASE_URL");
                }
            },
            new Outcome<>(AuthError.UnexpectedResponse.class, ExitCodes.UNEXPECTED_RESPONSE) {},
            new Outcome<>(AuthError.NoCallback.class, ExitCodes.NO_CALLBACK) {
                @Override
                void fields(AuthError.NoCallback e, Map<String, Object> json) {
                    json.put("waitedSeconds", e.waited().toSeconds());
                }

                @Override
                Optional<String> hint(AuthError.NoCallback e) {
                    return Optional.of("open the printed address in a browser on this machine and allow access"
                            + " (give more time with --timeout SECONDS); check that the app's registered redirect"
                            + " URL is the one given to --redirect-url");
                }
            },
            new Outcome<>(AuthError.NotRenewable.class, ExitCodes.NO_SESSION) {
                @Override
                void fields(AuthError.NotRenewable e, Map<String, Object> json) {
                    json.put("account", e.account().value());
                    json.put("method", e.method().label());
                }

                @Override
                Optional<String> hint(AuthError.NotRenewable e) {
                    return Optional.of(
                            "run `samco login` with a new code (or log in with --api-key, which renews unattended)");
                }
            },
            new Outcome<>(AuthError.StorageFailure.class, ExitCodes.STORAGE) {
                @Override
                void fields(AuthError.StorageFailure e, Map<String, Object> json) {
                    if (e.path().isDefined()) {
                        json.put("path", e.path().get());
                    }
                }

                @Override
                Optional<String> hint(AuthError.StorageFailure e) {
                    return storageHint(e);
                }
            });

    private static Map<Class<? extends AuthError>, Outcome<?>> table(Outcome<?>... rows) {
        var table = new HashMap<Class<? extends AuthError>, Outcome<?>>();
        for (var row : rows) {
            table.put(row.type, row);
        }
        return Map.copyOf(table);
    }

    private ErrorTable() {}

    /** What Samco said when it refused: the same fields for every kind of refusal. */
    private static void rejectionFields(AuthError.Rejected e, Map<String, Object> json) {
        json.put("status", e.status());
        json.put("messages", e.messages().asJava());
        e.errorCode().forEach(c -> json.put("errorCode", c));
        e.msgId().forEach(m -> json.put("msgId", m));
        e.serverTime().forEach(t -> json.put("serverTime", t.raw()));
        json.put("httpStatus", e.httpStatus());
    }

    /** Where to look: the jars beside samco.jar, the Redis store, or the state directory. */
    private static Optional<String> storageHint(AuthError.StorageFailure e) {
        if (e.reason().contains(StoreOption.LIBRARIES)) {
            return Optional.of("keep samco.jar and the lib/ directory beside it together (./samco builds both)");
        }
        if (e.reason().startsWith("authentication failed")) {
            return Optional.of("check the Redis user and password: in the --store URL, SAMCO_STORE_PASSWORD or"
                    + " --store-password-file");
        }
        if (e.reason().contains("Redis") || e.path().exists(p -> p.startsWith("redis"))) {
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

    /** The row of {@code error}'s kind; a kind without a row is a bug of samco's, caught by a test. */
    static Outcome<?> of(AuthError error) {
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
        return of(error).hintOf(error);
    }

    /** The {@code error} object of the {@code --json} output. */
    static Map<String, Object> json(AuthError error) {
        var json = new LinkedHashMap<String, Object>();
        json.put("code", error.code());
        json.put("message", error.message());
        of(error).fieldsOf(error, json);
        return json;
    }
}
