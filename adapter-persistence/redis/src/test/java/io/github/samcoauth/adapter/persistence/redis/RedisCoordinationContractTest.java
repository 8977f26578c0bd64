package io.github.samcoauth.adapter.persistence.redis;

import io.github.samcoauth.testkit.SessionCoordinationPortContract;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The Redis store coordinates a fleet: leases, generations and pushed changes on one Redis. */
class RedisCoordinationContractTest extends SessionCoordinationPortContract {

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

    private Instance open() {
        var store = RedisSessionStoreAdapter.builder()
                .uri(redis.url())
                .encryptionKeys(KEY)
                .keyPrefix(prefix)
                .build()
                .get();
        made.add(store);
        return new Instance(store, store);
    }

    @Override
    protected Instance createInstance() {
        prefix = "coordination-" + UUID.randomUUID();
        return open();
    }

    @Override
    protected Instance anotherInstanceOnTheSameState() {
        return open();
    }
}
