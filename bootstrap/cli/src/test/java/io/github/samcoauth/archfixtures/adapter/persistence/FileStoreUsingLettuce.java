package io.github.samcoauth.archfixtures.adapter.persistence;

import io.lettuce.core.RedisClient;

/** Bad: the file store's module reaching for the Redis client. */
public class FileStoreUsingLettuce {

    public Object client() {
        return RedisClient.create();
    }
}
