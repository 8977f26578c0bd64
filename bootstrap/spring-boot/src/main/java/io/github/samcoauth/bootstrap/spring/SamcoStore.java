package io.github.samcoauth.bootstrap.spring;

import io.github.samcoauth.application.port.out.SessionStorePort;
import io.vavr.control.Option;
import java.nio.file.Path;

/**
 * Where {@code samco.auth.store} says sessions are kept: a state directory ({@code file:DIR}, or
 * none for the default), or a Redis store this bean opened and closes.
 */
public final class SamcoStore implements AutoCloseable {

    private final Option<Path> stateDir;
    private final Option<SessionStorePort> store;
    private final Option<AutoCloseable> opened;

    private SamcoStore(Option<Path> stateDir, Option<SessionStorePort> store, Option<AutoCloseable> opened) {
        this.stateDir = stateDir;
        this.store = store;
        this.opened = opened;
    }

    /**
     * The store {@code properties} name; {@code beans}: the application's, where a Redis store finds the application's own
     * Lettuce {@code RedisClient} (used, with its options, for the store's URL) or else its Lettuce
     * {@code ClientResources} (Spring Data Redis makes one: its event loops are shared).
     */
    static SamcoStore of(SamcoAuthProperties properties, org.springframework.beans.factory.BeanFactory beans) {
        var raw = properties.getStore();
        if (raw == null || raw.isBlank()) {
            return new SamcoStore(Option.none(), Option.none(), Option.none());
        }
        var value = raw.strip();
        if (value.startsWith("file:")) {
            var dir = value.substring("file:".length());
            if (dir.isBlank()) {
                throw new IllegalStateException("samco.auth.store: file:DIR names no directory");
            }
            return new SamcoStore(Option.some(Path.of(dir)), Option.none(), Option.none());
        }
        if (value.matches("rediss?(-sentinel|-cluster)?://.*")) {
            return RedisStore.open(value, properties, beans);
        }
        throw new IllegalStateException(
                "samco.auth.store: expected file:DIR or a redis://, rediss://, redis-sentinel:// or redis-cluster:// URL");
    }

    Option<Path> stateDir() {
        return stateDir;
    }

    Option<SessionStorePort> store() {
        return store;
    }

    @Override
    public void close() throws Exception {
        if (opened.isDefined()) {
            opened.get().close();
        }
    }

    @Override
    public String toString() {
        return stateDir.map(dir -> "SamcoStore[file:" + dir + "]")
                .getOrElse(store.isDefined() ? "SamcoStore[redis]" : "SamcoStore[default]");
    }

    /** Apart, so that the Redis artifact is needed only by an application whose store is Redis. */
    private static final class RedisStore {
        static SamcoStore open(
                String url, SamcoAuthProperties properties, org.springframework.beans.factory.BeanFactory beans) {
            try {
                Class.forName("io.github.samcoauth.adapter.persistence.redis.RedisSessionStoreAdapter");
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("samco.auth.store is a Redis URL: add"
                        + " io.github.samcoauth:samco-auth-adapter-persistence-redis to the application");
            }
            if (properties.getStoreKey() == null || properties.getStoreKey().isBlank()) {
                throw new IllegalStateException(
                        "samco.auth.store-key is needed with a Redis store (samco keygen makes one)");
            }
            var builder = io.github.samcoauth.adapter.persistence.redis.RedisSessionStoreAdapter.builder()
                    .uri(url)
                    .encryptionKeys(properties.getStoreKey());
            if (properties.getStorePassword() != null
                    && !properties.getStorePassword().isBlank()) {
                builder.password(properties.getStorePassword());
            }
            if (properties.getStoreSentinelPassword() != null
                    && !properties.getStoreSentinelPassword().isBlank()) {
                builder.sentinelPassword(properties.getStoreSentinelUser(), properties.getStoreSentinelPassword());
            }
            if (beans != null) {
                var client =
                        beans.getBeanProvider(io.lettuce.core.RedisClient.class).getIfUnique();
                var resources = beans.getBeanProvider(io.lettuce.core.resource.ClientResources.class)
                        .getIfUnique();
                if (client != null && !url.matches("rediss?-cluster://.*")) {
                    builder.client(client);
                } else if (resources != null) {
                    builder.clientResources(resources);
                }
            }
            var built = builder.build();
            if (built.isLeft()) {
                throw new IllegalStateException(
                        "samco.auth.store: " + built.getLeft().message());
            }
            return new SamcoStore(Option.none(), Option.some(built.get()), Option.some(built.get()));
        }
    }
}
