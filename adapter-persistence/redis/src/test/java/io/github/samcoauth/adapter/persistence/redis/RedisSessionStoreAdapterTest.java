package io.github.samcoauth.adapter.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.VersionedSession;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.testkit.Sessions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the Redis store adds to the contract: sealing, the renewal lock, generations, faults. */
class RedisSessionStoreAdapterTest {

    private static final AccountId DV = new AccountId("DV99999");
    private static final String TOKEN = "f4b8ec1dcc1e9486f723cb5fcba16859";
    private static final String OTHER_TOKEN = "0b1c2d3e4f5a69788796a5b4c3d2e1f0";
    private static final String KEY = RedisSessionStoreAdapter.newEncryptionKey();
    private static LocalRedis redis;
    private static RedisClient rawClient;
    private static StatefulRedisConnection<String, String> raw;

    private final ArrayList<RedisSessionStoreAdapter> made = new ArrayList<>();
    private final String prefix = "t-" + UUID.randomUUID();

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

    private RedisSessionStoreAdapter store(RedisSessionStoreAdapter.Builder builder) {
        var store = builder.uri(redis.url()).keyPrefix(prefix).build().get();
        made.add(store);
        return store;
    }

    private RedisSessionStoreAdapter store() {
        return store(RedisSessionStoreAdapter.builder().encryptionKeys(KEY));
    }

    @Test
    void givenAKey_whenSaved_thenTheValueAtRestIsSealedAndNoKeyNameHoldsASecret() {
        var session = Sessions.session("DV99999", TOKEN);
        store().save(session);
        var keys = raw.sync().keys(prefix + "*");
        assertThat(keys).containsExactlyInAnyOrder(prefix + ":{DV99999}:session", prefix + ":{DV99999}:generation");
        var value = raw.sync().get(prefix + ":{DV99999}:session");
        assertThat(value).startsWith("s2.1.").doesNotContain(TOKEN).doesNotContain("DV99999");
        assertThat(String.join(",", keys)).doesNotContain(TOKEN);
        assertThat(raw.sync().pttl(prefix + ":{DV99999}:session"))
                .as("kept a day after the session expires")
                .isPositive();
    }

    @Test
    void givenMoreKeysThanOnePageAndThanTheCap_whenScanned_thenEveryPageIsReadAndNoMoreThan10000Kept() {
        var many = new java.util.HashMap<String, String>();
        for (int i = 0; i < 1_200; i++) {
            many.put(prefix + ":{A" + (10_000 + i) + "}:session", "x");
        }
        raw.sync().mset(many);
        var found = RedisKeys.scan(raw.sync(), prefix + ":{*}:session", key -> key.endsWith(":session") ? key : null);
        assertThat(found.size()).isEqualTo(1_200);
        assertThat(found.toJavaList()).isSorted();
        assertThat(RedisKeys.scan(raw.sync(), prefix + ":{*}:session", key -> null))
                .isEmpty();
        var more = new java.util.HashMap<String, String>();
        for (int i = 1_200; i < 10_400; i++) {
            more.put(prefix + ":{A" + (10_000 + i) + "}:session", "x");
        }
        raw.sync().mset(more);
        assertThat(RedisKeys.scan(raw.sync(), prefix + ":{*}:session", key -> key)
                        .size())
                .as("a flood of keys is cut at 10,000")
                .isEqualTo(10_000);
    }

    @Test
    void givenAStandaloneStore_whenItsNotificationsAndSlotMapAreAskedFor_thenNoneBeforeAWatchAndNoWaitForAMap()
            throws Exception {
        var store = store();
        var connection = store.connection();
        assertThat(connection.currentNotifications()).isNull();
        assertThat(connection.refreshTopology().isDone())
                .as("no slot map off a cluster")
                .isTrue();
        assertThat(store.watch(DV, () -> {})).isTrue();
        var notifications = connection.currentNotifications();
        assertThat(notifications).isNotNull();
        assertThat(connection.isNotifications(notifications)).isTrue();
        assertThat(connection.isNotifications(null)).isFalse();
        notifications.close();
        assertThat(connection.currentNotifications()).as("a closed one is none").isNull();
    }

    @Test
    void givenThePlatformsClientResources_whenTheStoreIsUsedAndClosed_thenItsEventLoopsServeItAndKeepRunning() {
        var resources = io.lettuce.core.resource.DefaultClientResources.create();
        try {
            var connected = new java.util.concurrent.atomic.AtomicInteger();
            var watching = resources
                    .eventBus()
                    .get()
                    .filter(io.lettuce.core.event.connection.ConnectionActivatedEvent.class::isInstance)
                    .subscribe(event -> connected.incrementAndGet());
            var store = RedisSessionStoreAdapter.builder()
                    .uri(redis.url())
                    .keyPrefix(prefix)
                    .encryptionKeys(KEY)
                    .clientResources(resources)
                    .build()
                    .get();
            assertThat(store.save(Sessions.session("DV99999", TOKEN)).isRight()).isTrue();
            store.close();
            watching.dispose();
            assertThat(connected.get())
                    .as("the store's connection made on the platform's event loops")
                    .isPositive();
            assertThat(resources.eventExecutorGroup().isShuttingDown())
                    .as("the platform's resources outlive the store")
                    .isFalse();
        } finally {
            resources.shutdown();
        }
    }

    @Test
    void givenASealedValueCopiedUnderAnotherAccount_whenRead_thenRefusedNotOpened() {
        store().save(Sessions.session("DV99999", TOKEN));
        raw.sync().set(prefix + ":{RM3XXXXX}:session", raw.sync().get(prefix + ":{DV99999}:session"));
        raw.sync().set(prefix + ":{RM3XXXXX}:generation", "1");
        var read = store().find(new AccountId("RM3XXXXX"));
        assertThat(read.isLeft()).isTrue();
        assertThat(read.getLeft()).isInstanceOf(AuthError.StorageFailure.class);
        assertThat(read.getLeft().message()).contains("does not open").doesNotContain(TOKEN);
    }

    @Test
    void givenARotatedKey_whenRead_thenTheOldKeyStillOpensAndTheNewOneSeals() {
        var session = Sessions.session("DV99999", TOKEN);
        store().save(session);
        var next = RedisSessionStoreAdapter.newEncryptionKey();
        var rotated = store(RedisSessionStoreAdapter.builder().encryptionKeys(next + "," + KEY));
        assertThat(rotated.find(DV)).isEqualTo(Either.right(Option.some(session)));
        var withoutOld = store(RedisSessionStoreAdapter.builder().encryptionKeys(next));
        assertThat(withoutOld.find(DV).getLeft().message()).contains("key not given here");
        rotated.save(session);
        assertThat(withoutOld.find(DV)).isEqualTo(Either.right(Option.some(session)));
    }

    @Test
    void givenNoKey_whenBuilt_thenRefusedUnlessPlainTextAskedFor() {
        var refused = RedisSessionStoreAdapter.builder().uri(redis.url()).build();
        assertThat(refused.isLeft()).isTrue();
        assertThat(refused.getLeft().message()).contains("store key");
        var badKey = RedisSessionStoreAdapter.builder()
                .uri(redis.url())
                .encryptionKeys("c2hvcnQ=")
                .build();
        assertThat(badKey.getLeft().message()).contains("32 random bytes");
        var plain = store(RedisSessionStoreAdapter.builder().plainText());
        plain.save(Sessions.session("DV99999", TOKEN));
        assertThat(raw.sync().get(prefix + ":{DV99999}:session"))
                .startsWith("p2.1.")
                .contains(TOKEN);
        assertThat(store().find(DV).getLeft().message()).contains("plain text");
    }

    @Test
    void givenAPasswordInTheUrl_whenRedisRefuses_thenTheErrorNeverShowsIt() {
        var store = RedisSessionStoreAdapter.builder()
                .uri("redis://samco:hunter2-secret@127.0.0.1:" + redis.port())
                .encryptionKeys(KEY)
                .build()
                .get();
        made.add(store);
        var read = store.find(DV);
        assertThat(read.isLeft()).isTrue();
        assertThat(read.getLeft().message()).doesNotContain("hunter2");
        assertThat(read.getLeft().message())
                .as("a refused password is said to be one, not 'unable to connect'")
                .contains("authentication failed")
                .contains("redis://127.0.0.1:" + redis.port());
        assertThat(store.toString()).doesNotContain("hunter2");
    }

    @Test
    void givenNoKey_whenBuilt_thenTheKeyIsSaidToBeMissingNotMalformed() {
        var refused =
                RedisSessionStoreAdapter.builder().uri(redis.url()).build().getLeft();
        assertThat(refused).isInstanceOf(io.github.samcoauth.application.AuthError.InvalidInput.class);
        var error = ((io.github.samcoauth.application.AuthError.InvalidInput) refused).error();
        assertThat(error.code()).isEqualTo("missing");
        assertThat(error.message()).contains("store key is missing").contains("SAMCO_STORE_KEY");
    }

    @Test
    void givenAPasswordGivenApartFromTheUrl_whenUsed_thenItAuthenticatesTheUrlsUserAndAWrongOneIsRefusedAsSuch() {
        raw.sync()
                .aclSetuser(
                        "apart",
                        io.lettuce.core.AclSetuserArgs.Builder.on()
                                .addPassword("apart-password")
                                .allKeys()
                                .allChannels()
                                .allCommands());
        var url = "redis://apart@127.0.0.1:" + redis.port();
        var store = RedisSessionStoreAdapter.builder()
                .uri(url)
                .password("apart-password")
                .encryptionKeys(KEY)
                .keyPrefix(prefix)
                .build()
                .get();
        made.add(store);
        var session = Sessions.session("DV99999", TOKEN);
        assertThat(store.save(session)).isEqualTo(Either.right(session));
        assertThat(store.find(DV)).isEqualTo(Either.right(io.vavr.control.Option.some(session)));
        var wrong = RedisSessionStoreAdapter.builder()
                .uri(url)
                .password("not-the-password")
                .encryptionKeys(KEY)
                .keyPrefix(prefix)
                .build()
                .get();
        made.add(wrong);
        var refused = wrong.find(DV);
        assertThat(refused.getLeft().message())
                .contains("authentication failed")
                .doesNotContain("not-the-password");
        var urlWins = RedisSessionStoreAdapter.builder()
                .uri("redis://apart:apart-password@127.0.0.1:" + redis.port())
                .password("not-the-password")
                .encryptionKeys(KEY)
                .keyPrefix(prefix)
                .build()
                .get();
        made.add(urlWins);
        assertThat(urlWins.find(DV).isRight()).as("a password in the URL wins").isTrue();
        raw.sync().aclDeluser("apart");
    }

    @Test
    void givenAGiantValuePlanted_whenRead_thenRefusedWithoutReadingIt() {
        raw.sync().set(prefix + ":{DV99999}:session", "s1." + "A".repeat(2 * RedisSessionStoreAdapter.MAX_VALUE_BYTES));
        var read = store().find(DV);
        assertThat(read.getLeft()).isInstanceOf(AuthError.StorageFailure.class);
        assertThat(read.getLeft().message()).contains("larger than");
    }

    @Test
    void givenTheLeaseIsHeld_whenAnotherTries_thenNoneUntilItsHolderReleasesIt() {
        var a = store();
        var b = store();
        var lease = a.tryLease(DV).get().get();
        assertThat(b.tryLease(DV)).isEqualTo(Either.right(Option.none()));
        assertThat(lease.release()).isEqualTo(Either.right(true));
        var next = b.tryLease(DV).get();
        assertThat(next.isDefined()).isTrue();
        next.get().release();
    }

    @Test
    void givenAShortLockTtl_whenTheHolderLives_thenItsWatchdogKeepsTheLockPastTheTtl() throws Exception {
        var a = store(RedisSessionStoreAdapter.builder().encryptionKeys(KEY).lockTtl(Duration.ofMillis(300)));
        var lease = a.tryLease(DV).get();
        assertThat(lease.isDefined()).isTrue();
        Thread.sleep(900);
        assertThat(store().tryLease(DV)).isEqualTo(Either.right(Option.none()));
        lease.get().release();
    }

    @Test
    void givenAHolderThatDied_whenItsLockLapses_thenAnotherTakesIt() throws Exception {
        raw.sync().set(prefix + ":{DV99999}:lock", "a-dead-process", SetArgs.Builder.px(300));
        var b = store();
        assertThat(b.tryLease(DV)).isEqualTo(Either.right(Option.none()));
        Thread.sleep(400);
        assertThat(b.tryLease(DV).get().isDefined()).isTrue();
    }

    @Test
    void givenTheLeaseHolder_whenItCommits_thenSessionGenerationAndTheLeasesEndHappenInOneStep() {
        var a = store();
        var lease = a.tryLease(DV).get().get();
        assertThat(a.read(DV).get().generation()).isZero();
        assertThat(lease.commit(Sessions.session("DV99999", TOKEN)).get().generation())
                .isEqualTo(1L);
        assertThat(raw.sync().exists(prefix + ":{DV99999}:lock")).isZero();
        assertThat(a.read(DV).get().generation()).isEqualTo(1);
        a.delete(DV);
        assertThat(a.read(DV).get().generation()).isEqualTo(2);
    }

    @Test
    void givenALeaseHeld_whenAPlainSaveIsMade_thenTheLeaseStaysAndItsCommitFollowsTheSave() {
        var a = store();
        var lease = a.tryLease(DV).get().get();
        a.save(Sessions.session("DV99999", TOKEN));
        assertThat(raw.sync().exists(prefix + ":{DV99999}:lock"))
                .as("a save ends no lease: only its commit does")
                .isEqualTo(1);
        var renewed = Sessions.session("DV99999", OTHER_TOKEN, Instant.now().plusSeconds(60));
        assertThat(lease.commit(renewed))
                .as("sealed again for the generation the save made")
                .isEqualTo(Either.right(new VersionedSession(Option.some(renewed), 2L)));
        assertThat(a.read(DV).get().session()).isEqualTo(Option.some(renewed));
    }

    @Test
    void givenALeaseThatLapsedAndWasTakenByAnother_whenItsHolderCommits_thenRefusedAndNothingWritten()
            throws Exception {
        var slow = store(RedisSessionStoreAdapter.builder().encryptionKeys(KEY).lockTtl(Duration.ofMillis(300)));
        var stored = Sessions.session("DV99999", TOKEN);
        slow.save(stored);
        var lease = slow.tryLease(DV).get().get();
        // the holder's process stalls: its lease lapses and another instance takes it
        raw.sync().set(prefix + ":{DV99999}:lock", "another-instance");
        var late = lease.commit(Sessions.session("DV99999", OTHER_TOKEN));
        assertThat(late.isLeft()).isTrue();
        assertThat(late.getLeft()).isInstanceOf(AuthError.StorageFailure.class);
        assertThat(late.getLeft().message())
                .contains("no longer held by this instance")
                .contains("nothing was written");
        assertThat(store().read(DV).get()).isEqualTo(new VersionedSession(Option.some(stored), 1));
        assertThat(raw.sync().get(prefix + ":{DV99999}:lock")).isEqualTo("another-instance");
        assertThat(lease.release()).as("ended by the refusal").isEqualTo(Either.right(false));
    }

    @Test
    void givenAnOlderSealedValueWrittenBack_whenRead_thenRefusedAndReported() {
        var a = store();
        var sessionKey = prefix + ":{DV99999}:session";
        a.save(Sessions.session("DV99999", TOKEN));
        var older = raw.sync().get(sessionKey);
        a.save(Sessions.session("DV99999", OTHER_TOKEN, Instant.now().plusSeconds(60)));
        a.delete(DV);
        raw.sync().set(sessionKey, older);
        var replayed = a.read(DV);
        assertThat(replayed.isLeft()).isTrue();
        assertThat(replayed.getLeft()).isInstanceOf(AuthError.StorageFailure.class);
        assertThat(replayed.getLeft().message())
                .contains("written as generation 1 but the store is at generation 3")
                .contains("refused")
                .doesNotContain(TOKEN);
        // the generation in the clear edited to match: the sealed part is bound to the real one
        raw.sync().set(sessionKey, older.replaceFirst("^s2\\.1\\.", "s2.3."));
        assertThat(a.read(DV).getLeft().message()).contains("does not open");
    }

    @Test
    void givenAValueOfTheFirstFormat_whenRead_thenRefusedWithWhatToDo() {
        raw.sync().set(prefix + ":{DV99999}:session", "s1.0123abcd.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(store().read(DV).getLeft().message())
                .contains("earlier samco-auth")
                .contains("log in again");
    }

    @Test
    void givenAWaiter_whenAnotherInstanceSaves_thenItWakesAtOnce() throws Exception {
        var a = store();
        var b = store();
        var lease = a.tryLease(DV).get().get();
        var waited = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            var generation = b.awaitChange(DV, 0, Duration.ofSeconds(10));
            return new long[] {generation.get(), (System.nanoTime() - start) / 1_000_000};
        });
        Thread.sleep(300);
        long saved = System.nanoTime();
        lease.commit(Sessions.session("DV99999", TOKEN));
        var result = waited.get();
        assertThat(result[0]).isEqualTo(1);
        assertThat((System.nanoTime() - saved) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void givenARedisThatLostEverything_whenRestored_thenPutBackOnceAndOnlyWhenAbsent() {
        var session = Sessions.session("DV99999", TOKEN);
        var a = store();
        a.save(session);
        a.save(session);
        raw.sync().del(prefix + ":{DV99999}:session", prefix + ":{DV99999}:generation");
        assertThat(a.restore(session, 2)).isEqualTo(Either.right(true));
        assertThat(store().restore(session, 2)).isEqualTo(Either.right(false));
        assertThat(a.read(DV).get())
                .isEqualTo(new io.github.samcoauth.application.port.out.VersionedSession(Option.some(session), 2));
        a.delete(DV);
        assertThat(a.restore(session, 2)).as("removed on purpose: not put back").isEqualTo(Either.right(false));
    }

    @Test
    void givenRedisGoesAway_whenUsed_thenAStorageFailureQuicklyAndBackWhenItReturns() {
        var own = new LocalRedis();
        try {
            var store = RedisSessionStoreAdapter.builder()
                    .uri(own.url())
                    .encryptionKeys(KEY)
                    .timeout(Duration.ofMillis(500))
                    .build()
                    .get();
            made.add(store);
            var session = Sessions.session("DV99999", TOKEN, Instant.now());
            assertThat(store.save(session).isRight()).isTrue();
            own.stop();
            long start = System.nanoTime();
            var down = store.find(DV);
            assertThat(down.isLeft()).isTrue();
            assertThat(down.getLeft()).isInstanceOf(AuthError.StorageFailure.class);
            assertThat(down.getLeft().message()).startsWith("Redis could not read the session");
            assertThat(((AuthError.StorageFailure) down.getLeft()).path().get()).contains("127.0.0.1");
            assertThat(store.save(session).getLeft()).isInstanceOf(AuthError.StorageFailure.class);
            assertThat(store.tryLease(DV).getLeft()).isInstanceOf(AuthError.StorageFailure.class);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
            own.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (store.find(DV).isLeft() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(store.find(DV)).isEqualTo(Either.right(Option.none()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            own.close();
        }
    }

    @Test
    void givenAnAclUserLimitedToItsKeysAndChannels_whenUsed_thenEverythingWorks() {
        raw.sync()
                .aclSetuser(
                        "desk",
                        io.lettuce.core.AclSetuserArgs.Builder.on()
                                .addPassword("desk-password")
                                .keyPattern(prefix + ":*")
                                .channelPattern(prefix + ":*")
                                .addCommand(io.lettuce.core.protocol.CommandType.GET)
                                .addCommand(io.lettuce.core.protocol.CommandType.SET)
                                .addCommand(io.lettuce.core.protocol.CommandType.DEL)
                                .addCommand(io.lettuce.core.protocol.CommandType.INCR)
                                .addCommand(io.lettuce.core.protocol.CommandType.EXISTS)
                                .addCommand(io.lettuce.core.protocol.CommandType.STRLEN)
                                .addCommand(io.lettuce.core.protocol.CommandType.PEXPIRE)
                                .addCommand(io.lettuce.core.protocol.CommandType.PUBLISH)
                                .addCommand(io.lettuce.core.protocol.CommandType.SCAN)
                                .addCommand(io.lettuce.core.protocol.CommandType.EVAL)
                                .addCommand(io.lettuce.core.protocol.CommandType.EVALSHA)
                                .addCommand(io.lettuce.core.protocol.CommandType.SUBSCRIBE)
                                .addCommand(io.lettuce.core.protocol.CommandType.PING)
                                .addCommand(io.lettuce.core.protocol.CommandType.HELLO)
                                .addCommand(io.lettuce.core.protocol.CommandType.CLIENT)
                                .addCommand(io.lettuce.core.protocol.CommandType.AUTH));
        var url = "redis://desk:desk-password@127.0.0.1:" + redis.port();
        var store = RedisSessionStoreAdapter.builder()
                .uri(url)
                .encryptionKeys(KEY)
                .keyPrefix(prefix)
                .build()
                .get();
        made.add(store);
        var session = Sessions.session("DV99999", TOKEN);
        assertThat(store.save(session)).isEqualTo(Either.right(session));
        assertThat(store.findAll()).isEqualTo(Either.right(io.vavr.collection.List.of(session)));
        var lease = store.tryLease(DV).get().get();
        assertThat(store.awaitChange(DV, 0, Duration.ofMillis(100))).isEqualTo(Either.right(1L));
        assertThat(lease.commit(session).get().generation()).isEqualTo(2L);
        assertThat(store.delete(DV)).isEqualTo(Either.right(true));
        var elsewhere = RedisSessionStoreAdapter.builder()
                .uri(url)
                .encryptionKeys(KEY)
                .keyPrefix("other-" + prefix)
                .build()
                .get();
        made.add(elsewhere);
        assertThat(elsewhere.save(session).getLeft().message())
                .as("keys outside its pattern are refused")
                .contains("Redis could not");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"not-a-number", "99999999999999999999999", "-1", "1e5"})
    void givenAGenerationThatIsNotANumber_whenSavedDeletedOrRestored_thenAStorageFailureAndNothingWritten(
            String planted) {
        var generation = prefix + ":{DV99999}:generation";
        var sessionKey = prefix + ":{DV99999}:session";
        raw.sync().set(generation, planted);
        var session = Sessions.session("DV99999", TOKEN);
        var saved = store().save(session);
        assertThat(saved.isLeft()).as(saved.toString()).isTrue();
        assertThat(saved.getLeft()).isInstanceOf(io.github.samcoauth.application.AuthError.StorageFailure.class);
        assertThat(saved.getLeft().message()).contains("generation").contains("nothing was written");
        assertThat(raw.sync().get(sessionKey)).as("nothing half-written").isNull();
        assertThat(raw.sync().get(generation)).isEqualTo(planted);
        assertThat(store().restore(session, 5).isLeft()).isTrue();
        assertThat(raw.sync().get(sessionKey)).isNull();
        raw.sync().del(generation);
    }

    @Test
    void givenALockWithNoExpiryOrAnOverlongOne_whenAnotherTries_thenItIsCutToTheLeaseTimeAndThenTaken()
            throws Exception {
        var lockKey = prefix + ":{DV99999}:lock";
        var shortLived =
                store(RedisSessionStoreAdapter.builder().encryptionKeys(KEY).lockTtl(Duration.ofMillis(400)));
        for (var planted : java.util.List.of("forever", "for-an-hour")) {
            if (planted.equals("forever")) {
                raw.sync().set(lockKey, planted);
            } else {
                raw.sync().set(lockKey, planted, io.lettuce.core.SetArgs.Builder.px(3_600_000));
            }
            assertThat(shortLived.tryLease(DV)).isEqualTo(Either.right(io.vavr.control.Option.none()));
            assertThat(raw.sync().pttl(lockKey)).as("cut to the lease time").isBetween(1L, 400L);
            Thread.sleep(500);
            var lease = shortLived.tryLease(DV).get();
            assertThat(lease.isDefined()).as("taken once the stale lock lapsed").isTrue();
            assertThat(lease.get().release()).isEqualTo(Either.right(true));
        }
    }

    @Test
    void givenALiveHoldersLock_whenAnotherTries_thenItIsLeftAsItIs() {
        var lockKey = prefix + ":{DV99999}:lock";
        var holder = store();
        var lease = holder.tryLease(DV).get().get();
        var owner = raw.sync().get(lockKey);
        long before = raw.sync().pttl(lockKey);
        assertThat(store().tryLease(DV)).isEqualTo(Either.right(io.vavr.control.Option.none()));
        assertThat(raw.sync().get(lockKey)).isEqualTo(owner);
        assertThat(raw.sync().pttl(lockKey)).isLessThanOrEqualTo(before);
        assertThat(lease.release()).isEqualTo(Either.right(true));
    }

    @Test
    void givenAWatcher_whenAnotherInstanceSavesAndDeletes_thenToldOfEachAndTheSameWatcherIsAddedOnce()
            throws Exception {
        var watching = store();
        var told = new java.util.concurrent.atomic.AtomicInteger();
        Runnable onChange = told::incrementAndGet;
        assertThat(watching.watch(DV, onChange)).isTrue();
        assertThat(watching.watch(DV, onChange))
                .as("asked again: nothing added")
                .isTrue();
        var other = store();
        other.save(Sessions.session("DV99999", TOKEN));
        awaitTrue(() -> told.get() >= 1);
        other.delete(DV);
        awaitTrue(() -> told.get() >= 2);
        Thread.sleep(200);
        assertThat(told).as("once per change, not per watch call").hasValue(2);
        var unreachable = RedisSessionStoreAdapter.builder()
                .uri("redis://127.0.0.1:1")
                .encryptionKeys(KEY)
                .timeout(Duration.ofMillis(300))
                .build()
                .get();
        made.add(unreachable);
        assertThat(unreachable.watch(DV, onChange))
                .as("no notifications from a Redis that is away")
                .isFalse();
    }

    @Test
    void givenAWatcher_whenOnlyTheCommandConnectionConnects_thenItIsNotToldOfAChangeThatDidNotHappen()
            throws Exception {
        var store = store();
        var told = new java.util.concurrent.atomic.AtomicInteger();
        assertThat(store.watch(DV, told::incrementAndGet)).isTrue();
        Thread.sleep(300);
        told.set(0);
        assertThat(store.find(DV)).as("the first command: its own connection").isEqualTo(Either.right(Option.none()));
        Thread.sleep(300);
        assertThat(told)
                .as("told only of the notification connection's losses and returns")
                .hasValue(0);
    }

    @Test
    void givenAStoreThatWasUsed_whenClosed_thenEveryConnectionItOpenedIsGoneFromRedis() throws Exception {
        long before = settledClients();
        var store = RedisSessionStoreAdapter.builder()
                .uri(redis.url())
                .keyPrefix(prefix)
                .encryptionKeys(KEY)
                .build()
                .get();
        store.save(Sessions.session("DV99999", TOKEN));
        assertThat(store.watch(DV, () -> {})).isTrue();
        var lease = store.tryLease(new AccountId("AB12345")).get();
        assertThat(lease.isDefined()).isTrue();
        assertThat(clients()).as("a command and a notification connection").isEqualTo(before + 2);

        store.close();

        awaitTrue(() -> clients() == before);
        assertThat(raw.sync().exists(prefix + ":{AB12345}:lock"))
                .as("a lease still held is released on close")
                .isZero();
        assertThat(store.find(DV).isLeft())
                .as("a closed store answers, with a failure")
                .isTrue();
    }

    @Test
    void givenAStoreOnThePlatformsClient_whenClosed_thenItsConnectionsGoAndTheClientStaysUsable() throws Exception {
        long before = settledClients();
        var client = RedisClient.create(redis.url());
        try {
            var store = RedisSessionStoreAdapter.builder()
                    .client(client)
                    .keyPrefix(prefix)
                    .encryptionKeys(KEY)
                    .build()
                    .get();
            store.save(Sessions.session("DV99999", TOKEN));
            assertThat(store.watch(DV, () -> {})).isTrue();
            assertThat(clients()).isEqualTo(before + 2);
            store.close();
            awaitTrue(() -> clients() == before);
            try (var again = client.connect()) {
                assertThat(again.sync().ping()).isEqualTo("PONG");
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void givenALeaseThatCommitted_whenTimePasses_thenItsWatchdogSendsNothingMore() throws Exception {
        var a = store(RedisSessionStoreAdapter.builder().encryptionKeys(KEY).lockTtl(Duration.ofMillis(150)));
        var lease = a.tryLease(DV).get().get();
        Thread.sleep(200);
        assertThat(lease.commit(Sessions.session("DV99999", TOKEN)).isRight()).isTrue();
        long calls = scriptCalls();
        Thread.sleep(400);
        assertThat(scriptCalls()).as("no watchdog after the commit").isEqualTo(calls);
        assertThat(lease.release()).isEqualTo(Either.right(false));
        assertThat(scriptCalls())
                .as("an ended lease releases without asking Redis")
                .isEqualTo(calls);

        var released = a.tryLease(DV).get().get();
        assertThat(released.release()).isEqualTo(Either.right(true));
        long afterRelease = scriptCalls();
        Thread.sleep(400);
        assertThat(scriptCalls()).as("no watchdog after a release").isEqualTo(afterRelease);
    }

    @Test
    void givenALockTakenFromUnderAHolder_whenItsWatchdogNextRuns_thenTheLeaseEndsAndTheThiefsLockStays()
            throws Exception {
        var a = store(RedisSessionStoreAdapter.builder().encryptionKeys(KEY).lockTtl(Duration.ofMillis(150)));
        var lease = a.tryLease(DV).get().get();
        var lockKey = prefix + ":{DV99999}:lock";
        raw.sync().set(lockKey, "another-instance", SetArgs.Builder.px(5000));
        Thread.sleep(300);
        long calls = scriptCalls();
        Thread.sleep(300);
        assertThat(scriptCalls())
                .as("the watchdog stopped when it found the lock gone")
                .isEqualTo(calls);
        assertThat(lease.release()).isEqualTo(Either.right(false));
        assertThat(raw.sync().get(lockKey)).isEqualTo("another-instance");
    }

    @Test
    void givenARedisThatIsNotThere_whenEachOperationRuns_thenEachAStorageFailureSayingWhatAndWhere() {
        var away = RedisSessionStoreAdapter.builder()
                .uri("redis://127.0.0.1:1")
                .encryptionKeys(KEY)
                .timeout(Duration.ofMillis(300))
                .build()
                .get();
        made.add(away);
        var session = Sessions.session("DV99999", TOKEN);
        var failures = new java.util.LinkedHashMap<String, Either<AuthError, ?>>();
        failures.put("read the generation", away.save(session));
        failures.put("read the session", away.read(DV));
        failures.put("read the session ", away.find(DV));
        failures.put("list the sessions", away.findAll());
        failures.put("remove the session", away.delete(DV));
        failures.put("be reached", away.checkWritable());
        failures.put("restore the session", away.restore(session, 1));
        failures.put("take the renewal lease", away.tryLease(DV));
        failures.put("watch the session", away.awaitChange(DV, 0, Duration.ofMillis(100)));
        failures.forEach((doing, failure) -> {
            assertThat(failure.isLeft()).as(doing).isTrue();
            assertThat(failure.getLeft()).as(doing).isInstanceOf(AuthError.StorageFailure.class);
            assertThat(failure.getLeft().message()).as(doing).startsWith("Redis could not " + doing.strip() + ": ");
            assertThat(((AuthError.StorageFailure) failure.getLeft()).path())
                    .as(doing)
                    .isEqualTo(Option.some("redis://127.0.0.1:1 samco-auth:*"));
        });
        assertThat(store().checkWritable()).isEqualTo(Either.right(true));
    }

    @Test
    void givenAnOAuthSessionWithARefreshTokenOfThirtyDays_whenSaved_thenRedisKeepsItUntilTheRefreshTokenEndsAndADay() {
        var now = Instant.now();
        var session = new io.github.samcoauth.domain.Session(
                Sessions.token(TOKEN),
                Sessions.profile("DV99999"),
                now,
                now.plus(Duration.ofHours(1)),
                io.github.samcoauth.domain.LoginMethod.OAUTH,
                Option.some(new io.github.samcoauth.domain.RefreshGrant(
                        io.github.samcoauth.domain.RefreshToken.of("r".repeat(40))
                                .get(),
                        now.plus(Duration.ofDays(30)))));
        var store = store();
        assertThat(store.save(session)).isEqualTo(Either.right(session));
        assertThat(store.find(DV)).isEqualTo(Either.right(Option.some(session)));
        long ttl = raw.sync().pttl(prefix + ":{DV99999}:session");
        assertThat(Duration.ofMillis(ttl)).isBetween(Duration.ofDays(31).minusMinutes(1), Duration.ofDays(31));

        var plain = Sessions.session("DV99999", OTHER_TOKEN, now);
        store.save(plain);
        assertThat(Duration.ofMillis(raw.sync().pttl(prefix + ":{DV99999}:session")))
                .as("a session without a refresh token: a day after it expires")
                .isBetween(
                        Duration.between(now, plain.expiresAt().plus(Duration.ofDays(1)))
                                .minusMinutes(1),
                        Duration.between(now, plain.expiresAt().plus(Duration.ofDays(1))));
    }

    @Test
    void givenALeaseHeldElsewhere_whenAWaiterRunsOutOfTimeOrIsInterrupted_thenItSaysSoAndGoesOn() throws Exception {
        var holder = store().tryLease(DV).get().get();
        var waiter = store();
        long start = System.nanoTime();
        assertThat(waiter.awaitChange(DV, 0, Duration.ofMillis(300))).isEqualTo(Either.right(0L));
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("waited its time, and not much more")
                .isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));

        var answer = new CompletableFuture<Either<AuthError, Long>>();
        var waiting = new Thread(() -> answer.complete(waiter.awaitChange(DV, 0, Duration.ofMinutes(1))));
        waiting.start();
        Thread.sleep(200);
        waiting.interrupt();
        var interrupted = answer.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(interrupted.isLeft()).isTrue();
        assertThat(interrupted.getLeft().message()).startsWith("interrupted while waiting for another renewal");
        holder.release();
    }

    @Test
    void givenALeaseThatLapsedAndWasTakenByAnother_whenItsFirstHolderReleases_thenTheNewHoldersLockStays() {
        var first = store();
        var second = store();
        var lapsed = first.tryLease(DV).get().get();
        var lockKey = prefix + ":{DV99999}:lock";
        raw.sync().del(lockKey);
        var taken = second.tryLease(DV).get().get();
        var owner = raw.sync().get(lockKey);
        assertThat(lapsed.release()).as("not its lock any more").isEqualTo(Either.right(false));
        assertThat(raw.sync().get(lockKey))
                .as("each lease has an owner of its own")
                .isEqualTo(owner);
        assertThat(lapsed.commit(Sessions.session("DV99999", TOKEN)).isLeft()).isTrue();
        assertThat(taken.release()).isEqualTo(Either.right(true));
    }

    /** Connections open once those of stores closed before have gone. */
    private static long settledClients() throws InterruptedException {
        long now = clients();
        for (int i = 0; i < 50; i++) {
            Thread.sleep(100);
            long then = now;
            now = clients();
            if (now == then) {
                break;
            }
        }
        return now;
    }

    /** Connections Redis has open now (this test's own included). */
    private static long clients() {
        return raw.sync().clientList().lines().filter(line -> !line.isBlank()).count();
    }

    /** Scripts Redis has run, all callers together. */
    private static long scriptCalls() {
        var stats = raw.sync().info("commandstats");
        var matcher =
                java.util.regex.Pattern.compile("cmdstat_evalsha:calls=(\\d+)").matcher(stats);
        long evalsha = matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
        var eval = java.util.regex.Pattern.compile("cmdstat_eval:calls=(\\d+)").matcher(stats);
        return evalsha + (eval.find() ? Long.parseLong(eval.group(1)) : 0);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 5 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
