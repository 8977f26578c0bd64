package io.github.samcoauth.application;

import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.DomainError;
import io.github.samcoauth.domain.LoginMethod;
import io.github.samcoauth.domain.ServerTime;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Every way an authentication step can fail, as a value. Adapters turn their exceptions into one of
 * these; nothing else crosses a port. Messages never carry a token or a login code.
 */
public sealed interface AuthError {

    /**
     * A stable, machine-readable code (also used by the CLI's {@code --json} output).
     *
     * @return the code, e.g. {@code REJECTED}
     */
    String code();

    /**
     * One sentence a user can act on.
     *
     * @return the sentence
     */
    String message();

    /**
     * The input was invalid; nothing was sent.
     *
     * @param error what is wrong with the input
     */
    record InvalidInput(DomainError error) implements AuthError {
        /**
         * Checks that the error is there.
         *
         * @param error what is wrong with the input
         */
        public InvalidInput {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String code() {
            return "invalid-input";
        }

        @Override
        public String message() {
            return error.message();
        }
    }

    /**
     * Samco answered and said no.
     *
     * @param errorCode Samco's {@code errorCode}, when it gave one
     * @param httpStatus the HTTP status of the answer
     * @param messages Samco's messages, made safe to show
     * @param msgId Samco's {@code msgId}, to quote to its support desk
     * @param serverTime Samco's {@code serverTime}
     * @param status Samco's {@code status}
     */
    record Rejected(
            String status,
            List<String> messages,
            Option<String> errorCode,
            Option<String> msgId,
            Option<ServerTime> serverTime,
            int httpStatus)
            implements AuthError {
        /**
         * Checks that no part is missing.
         *
         * @param status Samco's {@code status}
         * @param messages Samco's messages, made safe to show
         * @param errorCode Samco's {@code errorCode}, when it gave one
         * @param msgId Samco's {@code msgId}, to quote to its support desk
         * @param serverTime Samco's {@code serverTime}
         * @param httpStatus the HTTP status of the answer
         */
        public Rejected {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(messages, "messages");
            Objects.requireNonNull(errorCode, "errorCode");
            Objects.requireNonNull(msgId, "msgId");
            Objects.requireNonNull(serverTime, "serverTime");
        }

        @Override
        public String code() {
            return "rejected";
        }

        @Override
        public String message() {
            var said = messages.isEmpty() ? "no reason given" : messages.mkString("; ");
            return "Samco rejected the request (" + status
                    + errorCode.map(c -> ", " + c).getOrElse("") + "): " + said;
        }
    }

    /**
     * Samco refused the request because it came from an address that is not the app's registered
     * static IP (SEBI's rule since April 2026: HTTP 403, e.g. {@code EOAUTH009} "The IP is not the
     * registered static IP"). Nothing but registering the address, or calling from a registered
     * one, helps: it is never retried.
     *
     * @param refusal Samco's answer
     */
    record IpNotRegistered(Rejected refusal) implements AuthError {
        /**
         * Checks that the refusal is there.
         *
         * @param refusal Samco's answer
         */
        public IpNotRegistered {
            Objects.requireNonNull(refusal, "refusal");
        }

        @Override
        public String code() {
            return "ip-not-registered";
        }

        @Override
        public String message() {
            var said = refusal.messages().isEmpty()
                    ? ""
                    : ": " + refusal.messages().mkString("; ");
            return "Samco refused this machine's IP address: it is not the app's registered static IP ("
                    + refusal.httpStatus()
                    + refusal.errorCode().map(c -> ", " + c).getOrElse("") + ")" + said;
        }

        /**
         * {@code rejected} as a static-IP refusal when it is one: HTTP 403 with Samco's code {@code
         * EOAUTH009}, or a message that speaks of the static IP; else {@code rejected} as it is.
         *
         * @param rejected Samco's refusal
         * @return an {@link IpNotRegistered} or {@code rejected} itself
         */
        public static AuthError classify(Rejected rejected) {
            if (rejected.httpStatus() != 403) {
                return rejected;
            }
            boolean byCode = rejected.errorCode().contains("EOAUTH009");
            boolean byWords = rejected.messages().exists(m -> {
                var lower = m.toLowerCase(java.util.Locale.ROOT);
                return lower.contains("static ip") || lower.contains("registered ip") || lower.contains("ip is not");
            });
            return byCode || byWords ? new IpNotRegistered(rejected) : rejected;
        }
    }

    /**
     * No answer could be had: unreachable, timed out, or a 5xx from Samco or a gateway.
     *
     * @param reason what went wrong, safe to show
     */
    record Unavailable(String reason) implements AuthError {
        /**
         * Checks that the reason is there.
         *
         * @param reason what went wrong, safe to show
         */
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String code() {
            return "unavailable";
        }

        @Override
        public String message() {
            return "Samco is unavailable: " + reason;
        }
    }

    /**
     * The browser never came back from Samco's consent page to the redirect URL within {@code
     * waited}: the person did not finish, or the browser went elsewhere. Nothing was sent to Samco.
     *
     * @param waited how long the callback was waited for
     */
    record NoCallback(java.time.Duration waited) implements AuthError {
        /**
         * Checks that the time is there.
         *
         * @param waited how long the callback was waited for
         */
        public NoCallback {
            Objects.requireNonNull(waited, "waited");
        }

        @Override
        public String code() {
            return "no-callback";
        }

        @Override
        public String message() {
            return "The browser did not come back from Samco's consent page within " + waited.toSeconds()
                    + " s; nothing was sent to Samco";
        }
    }

    /**
     * An answer that is not what Samco's documentation promises.
     *
     * @param reason what was wrong with the answer, safe to show
     */
    record UnexpectedResponse(String reason) implements AuthError {
        /**
         * Checks that the reason is there.
         *
         * @param reason what was wrong with the answer, safe to show
         */
        public UnexpectedResponse {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String code() {
            return "unexpected-response";
        }

        @Override
        public String message() {
            return "Unexpected response from Samco: " + reason;
        }
    }

    /**
     * No valid session is stored (for the account, if one was named); {@code detail} says more where
     * it helps (e.g. the session belongs to another origin).
     *
     * @param account the account asked for, or none
     * @param detail more, where it helps
     */
    record NoSession(Option<AccountId> account, Option<String> detail) implements AuthError {
        /**
         * Checks that no part is missing.
         *
         * @param account the account asked for, or none
         * @param detail more, where it helps
         */
        public NoSession {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(detail, "detail");
        }

        /**
         * No valid session, with nothing more to say.
         *
         * @param account the account asked for, or none
         */
        public NoSession(Option<AccountId> account) {
            this(account, Option.none());
        }

        @Override
        public String code() {
            return "no-session";
        }

        @Override
        public String message() {
            return account.map(a -> "No valid session for " + a).getOrElse("No valid session is stored")
                    + detail.map(d -> ": " + d).getOrElse("");
        }
    }

    /**
     * The session cannot be renewed without a person (it came from a login code): someone must log in.
     *
     * @param account the account
     * @param method how its session was made
     */
    record NotRenewable(AccountId account, LoginMethod method) implements AuthError {
        /**
         * Checks that no part is missing.
         *
         * @param account the account
         * @param method how its session was made
         */
        public NotRenewable {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(method, "method");
        }

        @Override
        public String code() {
            return "not-renewable";
        }

        @Override
        public String message() {
            return "The session of " + account + " was made with " + method.label()
                    + ", which nothing can renew unattended: someone must log in again";
        }
    }

    /**
     * Several accounts have a valid session: the caller must name one.
     *
     * @param accounts the accounts with a valid session
     */
    record AccountRequired(List<AccountId> accounts) implements AuthError {
        /**
         * Checks that the list is there.
         *
         * @param accounts the accounts with a valid session
         */
        public AccountRequired {
            Objects.requireNonNull(accounts, "accounts");
        }

        @Override
        public String code() {
            return "account-required";
        }

        @Override
        public String message() {
            return "Several accounts have a valid session (" + accounts.mkString(", ") + "): name one";
        }
    }

    /**
     * The local state could not be read or written.
     *
     * @param path the file, directory or store it happened in, when there is one
     * @param reason what went wrong, safe to show
     */
    record StorageFailure(String reason, Option<String> path) implements AuthError {
        /**
         * Checks that no part is missing.
         *
         * @param reason what went wrong, safe to show
         * @param path the file, directory or store it happened in, when there is one
         */
        public StorageFailure {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String code() {
            return "storage-failure";
        }

        @Override
        public String message() {
            return reason + path.map(p -> " (" + p + ")").getOrElse("");
        }
    }
}
