package io.github.samcoauth.archfixtures.bootstrap.cli;

import io.github.samcoauth.adapter.persistence.redis.RedisSessionStoreAdapter;

/** Bad: the CLI's main package building the Redis store itself, which would put Lettuce in samco.jar. */
public class CliBuildingRedisItself {

    public Object store() {
        return RedisSessionStoreAdapter.builder();
    }
}
