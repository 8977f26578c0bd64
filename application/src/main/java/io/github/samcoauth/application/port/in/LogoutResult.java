package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.SamcoReply;
import io.github.samcoauth.domain.AccountId;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * What a logout did: the remote part and the local part, each on its own.
 *
 * @param localFailure empty when the local session is gone (removed now, or there was none)
 * @param account the account logged out
 * @param remote what Samco said
 */
public record LogoutResult(AccountId account, Remote remote, Option<AuthError> localFailure) {

    /**
     * Checks that no part is missing.
     *
     * @param account the account logged out
     * @param remote what Samco said
     * @param localFailure empty when the local session is gone (removed now, or there was none)
     */
    public LogoutResult {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(localFailure, "localFailure");
    }

    /**
     * True when Samco ended the session (or it had already expired) and the local copy is gone.
     *
     * @return {@code true} when nothing of the session is left
     */
    public boolean complete() {
        return !(remote instanceof Remote.Failed) && localFailure.isEmpty();
    }

    /** What happened at Samco. */
    public sealed interface Remote {

        /**
         * Samco confirmed the logout.
         *
         * @param reply what Samco said
         */
        record LoggedOut(SamcoReply reply) implements Remote {}

        /** The session had expired: nothing to end at Samco. */
        record SkippedExpired() implements Remote {}

        /**
         * Samco could not be asked or said no; the token may still be live until it expires.
         *
         * @param error why not
         */
        record Failed(AuthError error) implements Remote {}
    }
}
