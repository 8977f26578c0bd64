package io.github.samcoauth.archfixtures.bootstrap.cli.redis;

import io.github.samcoauth.adapter.persistence.redis.RedisSessionStoreAdapter;

/** Good: the CLI's Redis package, loaded from lib/redis/, builds the store. */
public class OpenerBuildingRedis {

    public Object store() {
        return RedisSessionStoreAdapter.builder();
    }
}
