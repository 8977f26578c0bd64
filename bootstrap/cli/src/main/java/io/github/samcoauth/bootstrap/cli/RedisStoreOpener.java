package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.vavr.control.Either;
import java.util.Map;

/**
 * What the CLI needs of the Redis store, behind an interface so that {@code samco.jar} holds none of
 * it: the implementation, in {@code io.github.samcoauth.bootstrap.cli.redis}, ships with Lettuce, Netty
 * and Reactor in {@code lib/redis/} beside the jar and is loaded only when {@code --store redis://} or
 * {@code samco keygen} asks for it. Every other command opens a jar of a third of the size.
 */
public interface RedisStoreOpener {

    /**
     * The Redis store at {@code url}, sealed with {@code SAMCO_STORE_KEY} from {@code env} unless plain
     * text was asked for; the store is also {@link AutoCloseable} and a {@code SessionCoordinationPort}.
     *
     * @param url the store's URL
     * @param env the environment, for the store key and passwords
     * @param plainText whether tokens are stored unsealed, as asked for
     * @return the store, or why it cannot be opened
     */
    Either<AuthError, SessionStorePort> open(String url, Map<String, String> env, boolean plainText);

    /**
     * A fresh key for {@code SAMCO_STORE_KEY}.
     *
     * @return base64 of 32 random bytes
     */
    String newKey();
}
