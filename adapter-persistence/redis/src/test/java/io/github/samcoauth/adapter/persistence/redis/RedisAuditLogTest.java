package io.github.samcoauth.adapter.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.ServerTime;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit journal beside a Redis store (a real Redis): a capped stream per account, read back
 * per account and across all, oldest first; what was planted in Redis read with care.
 */
class RedisAuditLogTest {

    private static final AccountId DV = new AccountId("DV99999");
    private static final AccountId AB = new AccountId("AB12345");
    private static LocalRedis redis;
    private static RedisClient rawClient;
    private static StatefulRedisConnection<String, String> raw;

    private final ArrayList<RedisSessionStoreAdapter> made = new ArrayList<>();
    private final String prefix = "a-" + UUID.randomUUID();

    @BeforeAll
    static void startRedis() {
        redis = new LocalRedis();
        rawClient = RedisClient.create(redis.url());
        raw = rawClient.connect();
    }

    @AfterAll
    static void stopRedis() {
        raw.close();
        rawClient.shutdown();
        redis.close();
    }

    @AfterEach
    void closeStores() {
        made.forEach(RedisSessionStoreAdapter::close);
    }

    private RedisSessionStoreAdapter store() {
        var store = RedisSessionStoreAdapter.builder()
                .uri(redis.url())
                .keyPrefix(prefix)
                .encryptionKeys(RedisSessionStoreAdapter.newEncryptionKey())
                .build()
                .get();
        made.add(store);
        return store;
    }

    private static AuditEvent at(int second, Option<String> subject) {
        return new AuditEvent(
                Instant.parse("2025-01-13T04:40:00Z").plusSeconds(second),
                AuditEvent.Type.LOGIN_SUCCEEDED,
                subject,
                Option.some("1e439d95-5e57-4810-b57e-df94e74776ea"),
                Option.some(ServerTime.parse("13/01/25 10:10:40")),
                "success");
    }

    @Test
    void givenEventsOfTwoAccountsFromTwoInstances_whenRead_thenEachAccountsStreamAndAllOfThem() {
        var one = store();
        var other = store();
        for (int i = 0; i < 6; i++) {
            assertThat((i % 2 == 0 ? one : other)
                            .record(at(i, Option.some(i < 3 ? DV.value() : AB.value())))
                            .isRight())
                    .isTrue();
        }
        assertThat(one.record(at(7, Option.none())).isRight()).isTrue();
        assertThat(raw.sync().keys(prefix + ":*"))
                .containsExactlyInAnyOrder(
                        prefix + ":{DV99999}:audit", prefix + ":{AB12345}:audit", prefix + ":{-}:audit");
        var dv = other.last(Option.some(DV), 10).get();
        assertThat(dv)
                .containsExactlyInAnyOrder(
                        at(0, Option.some("DV99999")), at(1, Option.some("DV99999")), at(2, Option.some("DV99999")));
        assertThat(one.last(Option.some(DV), 2).get().map(e -> e.at().getEpochSecond() % 60))
                .as("the newest two")
                .containsExactlyInAnyOrder(1L, 2L);
        assertThat(one.last(Option.none(), 10).get()).hasSize(7);
        assertThat(new RedisAuditLog(one.connection(), prefix).toString())
                .isEqualTo("RedisAuditLog[" + prefix + ":{ACCOUNT}:audit]");
        assertThat(one.toString()).startsWith("RedisSessionStoreAdapter[prefix=" + prefix);
    }

    @Test
    void givenAnEvent_whenRecorded_thenTheAnswerIsTheEventAndItsFieldsAreInTheStream() {
        var event = at(3, Option.some(DV.value()));
        assertThat(store().record(event)).isEqualTo(io.vavr.control.Either.right(event));
        var entries = raw.sync().xrange(prefix + ":{DV99999}:audit", io.lettuce.core.Range.create("-", "+"));
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).getBody())
                .containsEntry("event", "login-succeeded")
                .containsEntry("subject", "DV99999")
                .containsEntry("outcome", "success")
                .containsEntry("serverTime", "13/01/25 10:10:40")
                .containsKeys("time", "msgId");
    }

    @Test
    void givenAUserWhoMayNotReadTheJournal_whenRead_thenTheRefusalIsAFailureNotAnEmptyJournal() {
        var store = store();
        store.record(at(1, Option.some(DV.value())));
        var user = "noread-" + UUID.randomUUID();
        raw.sync()
                .aclSetuser(
                        user,
                        io.lettuce.core.AclSetuserArgs.Builder.on()
                                .addPassword("pw-noread-1")
                                .allKeys()
                                .allChannels()
                                .allCommands()
                                .removeCommand(io.lettuce.core.protocol.CommandType.XREVRANGE));
        try {
            var refused = RedisSessionStoreAdapter.builder()
                    .uri("redis://" + user + ":pw-noread-1@127.0.0.1:"
                            + redis.url().substring(redis.url().lastIndexOf(':') + 1))
                    .keyPrefix(prefix)
                    .encryptionKeys(RedisSessionStoreAdapter.newEncryptionKey())
                    .build()
                    .get();
            made.add(refused);
            var read = refused.last(Option.some(DV), 5);
            assertThat(read.isLeft()).isTrue();
            assertThat(read.getLeft().message())
                    .contains("read the audit journal")
                    .doesNotContain("pw-noread-1");
            assertThat(refused.last(Option.none(), 5).isLeft()).isTrue();
        } finally {
            raw.sync().aclDeluser(user);
        }
    }

    @Test
    void givenMoreEventsThanKept_whenRecorded_thenTheStreamIsCappedNearItsLimit() {
        var store = store();
        int recorded = (int) RedisAuditLog.KEPT + 500;
        for (int i = 0; i < recorded; i++) {
            store.record(at(i, Option.some(DV.value())));
        }
        long length = raw.sync().xlen(prefix + ":{DV99999}:audit");
        assertThat(length).isLessThan(recorded).isGreaterThanOrEqualTo(RedisAuditLog.KEPT);
        assertThat(store.last(Option.some(DV), 3).get().map(AuditEvent::at))
                .containsExactlyInAnyOrder(
                        at(recorded - 3, Option.none()).at(),
                        at(recorded - 2, Option.none()).at(),
                        at(recorded - 1, Option.none()).at());
    }

    @Test
    void givenPlantedEntries_whenRead_thenOnlyWholeEventsAndNothingHuge() {
        var store = store();
        var stream = prefix + ":{DV99999}:audit";
        store.record(at(1, Option.some(DV.value())));
        raw.sync()
                .xadd(
                        stream,
                        Map.of(
                                "time",
                                "2025-01-13T04:40:02Z",
                                "event",
                                "login-succeeded",
                                "outcome",
                                "x".repeat(1_000_000)));
        var many = new java.util.HashMap<String, String>();
        for (int i = 0; i < 50; i++) {
            many.put("f" + i, "");
        }
        many.putAll(Map.of("time", "2025-01-13T04:40:03Z", "event", "logout", "outcome", "success"));
        raw.sync().xadd(stream, many);
        raw.sync().xadd(stream, Map.of("time", "now", "event", "logout", "outcome", "success"));
        raw.sync().xadd(stream, Map.of("time", "2025-01-13T04:40:04Z", "event", "made-up", "outcome", "success"));
        raw.sync().xadd(stream, Map.of("time", "2025-01-13T04:40:05Z", "event", "logout"));
        store.record(at(9, Option.some(DV.value())));
        assertThat(store.last(Option.some(DV), 100).get().map(AuditEvent::at))
                .containsExactlyInAnyOrder(
                        at(1, Option.none()).at(), at(9, Option.none()).at());
        raw.sync().set(prefix + ":{AB12345}:audit", "not a stream");
        assertThat(store.last(Option.some(AB), 5).get()).isEmpty();
        assertThat(store.last(Option.none(), 100).get()).hasSize(2);
    }

    @Test
    void givenRedisAway_whenRecordedOrRead_thenAStorageFailureNamingTheStoreNotAnException() throws Exception {
        var away = RedisSessionStoreAdapter.builder()
                .uri("redis://127.0.0.1:" + RedisServerProcess.freePort())
                .keyPrefix(prefix)
                .encryptionKeys(RedisSessionStoreAdapter.newEncryptionKey())
                .timeout(java.time.Duration.ofMillis(300))
                .build()
                .get();
        made.add(away);
        var written = away.record(at(1, Option.some(DV.value())));
        assertThat(written.isLeft()).isTrue();
        assertThat(written.getLeft().message()).contains("audit journal");
        var read = away.last(Option.none(), 5);
        assertThat(read.isLeft()).isTrue();
        assertThat(read.getLeft().message()).contains("audit journal");
    }
}
