package io.github.samcoauth.adapter.persistence.redis;

import io.github.samcoauth.adapter.persistence.SessionJsonCodec;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;

/**
 * The value of a session key in Redis: the session's JSON, sealed with the store key and bound to
 * the key's name and the generation it is written as, or plain when the platform said so.
 *
 * <pre>
 *   s2.GENERATION.KEYID.BASE64(nonce ‖ ciphertext ‖ tag)    sealed; associated data: KEY NAME \n GENERATION
 *   p2.GENERATION.JSON                                       plain
 * </pre>
 *
 * A value opens only under its own key and at its own generation: one copied to another account
 * does not open, and an older value written back (a replay, or a backup restored over a newer
 * session) is refused, since the generation moved on with every write. Values of the first format
 * ({@code s1.}, {@code p1.}, bound to the key name alone) are refused for the same reason: log in
 * again to store the session anew.
 */
final class RedisSessionCodec {

    private static final String SEALED = "s2.";
    private static final String PLAIN = "p2.";

    private final SessionCipher cipher;
    private final SessionJsonCodec json = new SessionJsonCodec();

    RedisSessionCodec(SessionCipher cipher) {
        this.cipher = cipher;
    }

    boolean seals() {
        return cipher.seals();
    }

    /** The value to store under {@code sessionKey} as {@code generation}. */
    String encode(Session session, String sessionKey, long generation) throws Exception {
        var bytes = json.encode(session);
        if (!cipher.seals()) {
            return PLAIN + generation + "." + new String(bytes, StandardCharsets.UTF_8);
        }
        return SEALED + generation + "." + cipher.seal(bytes, associated(sessionKey, generation));
    }

    /** The session stored under {@code sessionKey} at {@code generation}, or why it cannot be had. */
    Either<String, Session> decode(AccountId account, String value, String sessionKey, long generation) {
        boolean sealed = value.startsWith(SEALED);
        if (!sealed && !value.startsWith(PLAIN)) {
            return Either.left(
                    value.startsWith("s1.") || value.startsWith("p1.")
                            ? "written by an earlier samco-auth without replay protection: log in again to store it"
                                    + " anew"
                            : "not a value samco-auth writes");
        }
        int dot = value.indexOf('.', 3);
        if (dot < 0 || dot > 3 + 19) {
            return Either.left("not a value samco-auth writes");
        }
        long written;
        try {
            written = Long.parseLong(value.substring(3, dot));
        } catch (NumberFormatException e) {
            return Either.left("not a value samco-auth writes");
        }
        if (written != generation) {
            return Either.left("written as generation " + written + " but the store is at generation " + generation
                    + ": an older value was written back (a replay, or a restored backup), refused");
        }
        var rest = value.substring(dot + 1);
        if (sealed) {
            var opened = cipher.open(rest, associated(sessionKey, generation));
            if (opened.isLeft()) {
                return Either.left(opened.getLeft());
            }
            return json.decode(account, opened.get()).mapLeft(SessionJsonCodec.Problem::what);
        }
        if (cipher.seals()) {
            return Either.left("stored in plain text, but this store is set to encrypt: save it again");
        }
        return json.decode(account, rest.getBytes(StandardCharsets.UTF_8)).mapLeft(SessionJsonCodec.Problem::what);
    }

    private static byte[] associated(String sessionKey, long generation) {
        return (sessionKey + "\n" + generation).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return cipher.toString();
    }
}
