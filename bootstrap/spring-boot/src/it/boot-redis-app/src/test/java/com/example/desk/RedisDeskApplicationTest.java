package com.example.desk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.adapter.persistence.redis.RedisSessionStoreAdapter;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.bootstrap.SamcoAuth;
import io.github.samcoauth.bootstrap.sandbox.SandboxServer;
import io.lettuce.core.resource.ClientResources;
import io.vavr.control.Option;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.embedded.RedisServer;

/**
 * A desk on Spring Data Redis (a real Redis, the sandbox as Samco): {@code samco.auth.store} names
 * the same Redis, and the starter's store runs on Boot's Lettuce and its {@code ClientResources}
 * (no second set of event loops); the session is sealed in that Redis and the audit journal is the
 * account's stream there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RedisDeskApplicationTest {

    private static final SandboxServer SANDBOX = start();
    private static final SandboxServer.ApiApp APP = SandboxServer.DEFAULT_APPS.get(0);
    private static final int PORT = freePort();
    private static final RedisServer REDIS = redis();

    private static SandboxServer start() {
        try {
            return SandboxServer.start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RedisServer redis() {
        var server = RedisServer.builder()
                .port(PORT)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
        return server;
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
        REDIS.stop();
    }

    @DynamicPropertySource
    static void desk(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> PORT);
        registry.add("samco.auth.base-url", SANDBOX::url);
        registry.add("samco.auth.store", () -> "redis://127.0.0.1:" + PORT);
        var key = RedisSessionStoreAdapter.newEncryptionKey();
        registry.add("samco.auth.store-key", () -> key);
        registry.add("samco.auth.api-key", APP::apiKey);
        registry.add("samco.auth.api-secret", APP::apiSecret);
    }

    @Autowired
    SamcoAuth samco;

    @Autowired
    ClientResources resources;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void givenSpringDataRedis_whenTheDeskLogsIn_thenTheSessionIsKeptInItsRedisOnBootsLettuce() {
        var login = samco.loginWithApiKey(APP.apiKey(), APP.apiSecret());
        assertThat(login.isRight()).as(() -> login.getLeft().message()).isTrue();
        var token = login.get().token().value();
        assertThat(redis.keys("samco-auth:*"))
                .contains("samco-auth:{DV99999}:session", "samco-auth:{DV99999}:audit");
        assertThat(redis.opsForValue().get("samco-auth:{DV99999}:session")).doesNotContain(token);
        assertThat(samco.current().get().token().value()).isEqualTo(token);
        var journal = samco.auditHistory(Option.none(), 10);
        assertThat(journal.get().map(AuditEvent::type)).contains(AuditEvent.Type.LOGIN_SUCCEEDED);
        // Lettuce names its event-loop threads lettuce-<transport>EventLoop-<group>-<thread>: one
        // group for both Spring Data Redis and samco, so samco started no event loops of its own
        var groups = new java.util.TreeSet<String>();
        var name = java.util.regex.Pattern.compile("lettuce-\\w+EventLoop-(\\d+)-\\d+");
        for (var thread : Thread.getAllStackTraces().keySet()) {
            var matcher = name.matcher(thread.getName());
            if (matcher.matches()) {
                groups.add(matcher.group(1));
            }
        }
        assertThat(groups).as("Lettuce event-loop groups in the application").hasSize(1);
        assertThat(resources.eventExecutorGroup().isShuttingDown()).isFalse();
    }
}
