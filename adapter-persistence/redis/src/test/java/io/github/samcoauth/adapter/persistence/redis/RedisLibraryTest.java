package io.github.samcoauth.adapter.persistence.redis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Lettuce ships here without {@code redis-authx-core} (a beta library for token-based credentials,
 * which samco-auth does not use): this module's tests, every store feature on every deployment, run
 * without it. This test fails if it comes back on the class path, by a new Lettuce or a change here.
 */
class RedisLibraryTest {

    @Test
    void givenTheStoresClassPath_whenTheTokenLibraryIsLookedUp_thenItIsNotThere() {
        assertThatThrownBy(() -> Class.forName("redis.clients.authentication.core.TokenAuthConfig"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("redis.clients.authentication.core.Token"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
