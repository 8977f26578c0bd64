package io.github.samcoauth.adapter.persistence.redis;

import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.testkit.SessionStorePortContract;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The Redis store keeps the promises of every session store. */
class RedisSessionStoreContractTest extends SessionStorePortContract {

    private static final String KEY = RedisSessionStoreAdapter.newEncryptionKey();
    private static LocalRedis redis;
    private final ArrayList<RedisSessionStoreAdapter> made = new ArrayList<>();
    private String prefix;

    @BeforeAll
    static void startRedis() {
        redis = new LocalRedis();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @AfterEach
    void closeStores() {
        made.forEach(RedisSessionStoreAdapter::close);
    }

    private RedisSessionStoreAdapter open() {
        var store = RedisSessionStoreAdapter.builder()
                .uri(redis.url())
                .encryptionKeys(KEY)
                .keyPrefix(prefix)
                .build()
                .get();
        made.add(store);
        return store;
    }

    @Override
    protected SessionStorePort createStore() {
        prefix = "contract-" + UUID.randomUUID();
        return open();
    }

    @Override
    protected SessionStorePort anotherStoreOnTheSameState() {
        return open();
    }
}
