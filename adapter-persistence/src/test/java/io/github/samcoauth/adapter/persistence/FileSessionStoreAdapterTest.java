package io.github.samcoauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.vavr.api.VavrAssertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.testkit.Sessions;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSessionStoreAdapterTest {

    private static final AccountId DV = new AccountId("DV99999");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-13T04:40:40Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private Path stateDir() {
        return tmp.resolve("state");
    }

    private FileSessionStoreAdapter store() {
        return new FileSessionStoreAdapter(stateDir(), CLOCK);
    }

    /** A file as samco-auth makes them: owner-only, in owner-only directories. */
    private Path privateFile(String relative, String content) throws Exception {
        var file = stateDir().resolve(relative);
        var owner = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
        for (var dir = stateDir(); !dir.equals(file); dir = dir.resolve(file.getName(dir.getNameCount()))) {
            if (!Files.exists(dir)) {
                Files.createDirectory(dir, owner);
            }
        }
        Files.writeString(
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                content);
        return file;
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void givenNothing_whenConstructed_thenNoFileTouched() {
        store();
        new FileAuditLogAdapter(stateDir());
        assertThat(Files.exists(stateDir())).isFalse();
    }

    @Test
    void givenSave_whenLookingAtTheDisk_thenOwnerOnlyModesAndOneFile() throws Exception {
        store().save(Sessions.session("DV99999", "f4b8ec1dcc1e9486f723cb5fcba16859"));
        assertThat(mode(stateDir())).isEqualTo("rwx------");
        assertThat(mode(stateDir().resolve("sessions"))).isEqualTo("rwx------");
        assertThat(mode(stateDir().resolve("sessions/DV99999.json"))).isEqualTo("rw-------");
        try (var listing = Files.list(stateDir().resolve("sessions"))) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("DV99999.json", ".DV99999.lock");
        }
    }

    @Test
    void givenSave_whenFileRead_thenVersionedReadableFormat() throws Exception {
        store().save(Sessions.session("DV99999", "f4b8ec1dcc1e9486f723cb5fcba16859"));
        var text = Files.readString(stateDir().resolve("sessions/DV99999.json"));
        assertThat(text)
                .startsWith("{\"format\":2,\"accountId\":\"DV99999\"")
                .contains("\"exchanges\":[\"BFO\",\"BSE\",\"CDS\",\"MCX\",\"NSE\",\"NFO\",\"XNEW\"]")
                .contains("\"issuedAt\":\"2025-01-13T04:40:40Z\",\"expiresAt\":\"2025-01-14T02:30:00Z\"")
                .endsWith(",\"method\":\"login-code\",\"origin\":\"https://tradeapi.samco.in\"}");
    }

    @Test
    void givenSessionsOfTwoOrigins_whenSavedAndRead_thenEachKeepsItsOriginAndAFileWithoutOneIsProductions()
            throws Exception {
        var sandbox =
                io.github.samcoauth.domain.Origin.of("http://127.0.0.1:41234").get();
        var session =
                Sessions.session("DV99999", "f4b8ec1dcc1e9486f723cb5fcba16859").at(sandbox);
        store().save(session);
        assertThat(store().find(session.accountId()).get().get().origin()).isEqualTo(sandbox);
        var file = stateDir().resolve("sessions/DV99999.json");
        assertThat(Files.readString(file)).contains("\"origin\":\"http://127.0.0.1:41234\"");
        Files.writeString(file, Files.readString(file).replace(",\"origin\":\"http://127.0.0.1:41234\"", ""));
        assertThat(store().find(session.accountId()).get().get().origin())
                .isEqualTo(io.github.samcoauth.domain.Origin.DEFAULT);
        Files.writeString(file, Files.readString(file).replace("}", ",\"origin\":\"ftp://x\"}"));
        assertThat(store().find(session.accountId()).isLeft())
                .as("a broken origin is a corrupt file")
                .isTrue();
    }

    @Test
    void givenAFormatOneFileAndAnApiKeySession_whenRead_thenTheOldIsALoginCodeSessionAndTheNewKeepsItsMethod()
            throws Exception {
        privateFile(
                "sessions/RM3XXXXX.json",
                "{\"format\":1,\"accountId\":\"RM3XXXXX\",\"accountName\":\"A\",\"exchanges\":[],\"orderTypes\":[],"
                        + "\"products\":[],\"sessionToken\":\"f4b8ec1dcc1e9486f723cb5fcba16859\","
                        + "\"issuedAt\":\"2025-01-13T04:40:40Z\",\"expiresAt\":\"2025-01-14T02:30:00Z\"}");
        assertThat(store().find(new AccountId("RM3XXXXX")).get().get().method())
                .isEqualTo(io.github.samcoauth.domain.LoginMethod.LOGIN_CODE);
        var apiKey = io.github.samcoauth.domain.Session.issue(
                Sessions.token("22222222222222222222222222222222"),
                Sessions.profile("DV99999"),
                Sessions.ISSUED,
                io.github.samcoauth.domain.LoginMethod.API_KEY);
        store().save(apiKey);
        assertThat(store().find(DV)).isEqualTo(Either.right(Option.some(apiKey)));
    }

    @Test
    void givenAnotherProcessReplacedTheFile_whenFind_thenTheNewSessionIsSeen() {
        var mine = store();
        mine.save(Sessions.session("DV99999", "11111111111111111111111111111111"));
        assertThat(mine.find(DV).get().get().token().value()).isEqualTo("11111111111111111111111111111111");
        var other = Sessions.session("DV99999", "22222222222222222222222222222222");
        store().save(other);
        assertThat(mine.find(DV)).isEqualTo(Either.right(Option.some(other)));
        store().delete(DV);
        assertThat(mine.find(DV)).isEqualTo(Either.right(Option.none()));
    }

    @Test
    void givenUnchangedFile_whenFoundTwice_thenServedFromMemory() {
        var store = store();
        store.save(Sessions.session("DV99999", "11111111111111111111111111111111"));
        var first = store.find(DV).get().get();
        assertThat(store.find(DV).get().get()).isSameAs(first);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "{\"format\":1,\"accountId\":\"DV99",
                "[1,2]",
                "{\"hello\":\"world\"}",
                "{\"format\":0}",
                "{\"format\":1,\"accountId\":\"DV99999\",\"sessionToken\":\"short\"}",
                "{\"format\":1,\"accountId\":\"RM3XXXXX\",\"accountName\":\"A\",\"exchanges\":[],\"orderTypes\":[],\"products\":[],\"sessionToken\":\"f4b8ec1dcc1e9486f723cb5fcba16859\",\"issuedAt\":\"2025-01-13T04:40:40Z\",\"expiresAt\":\"2025-01-14T02:30:00Z\"}"
            })
    void givenCorruptFile_whenFind_thenMovedAsideAndReportedWithItsPath(String content) throws Exception {
        var file = privateFile("sessions/DV99999.json", content);
        var result = store().find(DV);
        var aside = stateDir().resolve("sessions/DV99999.json.corrupt-20250113T044040.000Z");
        assertThat(result.getLeft()).isInstanceOf(AuthError.StorageFailure.class);
        assertThat(((AuthError.StorageFailure) result.getLeft()).path()).isEqualTo(Option.some(aside.toString()));
        assertThat(result.getLeft().message()).contains("moved aside");
        assertThat(Files.readString(aside)).isEqualTo(content);
        assertThat(Files.exists(file)).isFalse();
        assertThat(store().find(DV)).isEqualTo(Either.right(Option.none()));
        assertThat(store().findAll().get()).isEmpty();
    }

    @Test
    void givenFileOfANewerFormat_whenFind_thenStorageFailureAndFileUntouched() throws Exception {
        var content = "{\"format\":3,\"everything\":\"different\"}";
        var file = privateFile("sessions/DV99999.json", content);
        var error = store().find(DV).getLeft();
        assertThat(error.message()).contains("newer samco-auth (format 3)").contains("left untouched");
        assertThat(Files.readString(file)).isEqualTo(content);
        assertThat(store().findAll().getLeft().code()).isEqualTo("storage-failure");
    }

    @Test
    void givenStrayFiles_whenFindAll_thenOnlySessionFilesCount() throws Exception {
        var store = store();
        store.save(Sessions.session("DV99999", "11111111111111111111111111111111"));
        var dir = stateDir().resolve("sessions");
        Files.writeString(dir.resolve(".DV99999.json.0000.tmp"), "{\"format\":1,\"acc");
        Files.writeString(dir.resolve("notes.txt"), "hello");
        Files.writeString(dir.resolve("dv99999.json.bak"), "{}");
        Files.createDirectory(dir.resolve("sub.json"));
        assertThat(store.findAll().get().map(s -> s.accountId())).containsExactly(DV);
        store.save(Sessions.session("DV99999", "22222222222222222222222222222222"));
        assertThat(Files.exists(dir.resolve(".DV99999.json.0000.tmp"))).isFalse();
    }

    @Test
    void givenStateDirBelowAFile_whenSave_thenStorageFailureNamingThePath() throws Exception {
        Files.writeString(tmp.resolve("blocker"), "x");
        var store = new FileSessionStoreAdapter(tmp.resolve("blocker/state"), CLOCK);
        var result = store.save(Sessions.session("DV99999", "11111111111111111111111111111111"));
        assertThat(result.getLeft().code()).isEqualTo("storage-failure");
        assertThat(result.getLeft().message())
                .startsWith("cannot save the session: ")
                .contains("blocker");
        assertThat(store.findAll().getLeft().message()).contains("blocker");
    }

    @Test
    void givenReadOnlyStateDirectory_whenSave_thenStorageFailurePermissionDenied() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
        Files.createDirectories(stateDir());
        Files.setPosixFilePermissions(stateDir(), PosixFilePermissions.fromString("r-x------"));
        try {
            var result = store().save(Sessions.session("DV99999", "11111111111111111111111111111111"));
            assertThat(result.getLeft().message()).contains("permission denied");
        } finally {
            Files.setPosixFilePermissions(stateDir(), PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void givenUnreadableFile_whenFind_thenStorageFailureAndFileKept() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may read anything");
        store().save(Sessions.session("DV99999", "11111111111111111111111111111111"));
        var file = stateDir().resolve("sessions/DV99999.json");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        var result = new FileSessionStoreAdapter(stateDir(), CLOCK).find(DV);
        assertThat(result.getLeft().message()).contains("permission denied");
        assertThat(Files.exists(file)).isTrue();
    }

    @Test
    void givenNoStateDirectory_whenDeleteOrFind_thenNothingCreated() {
        assertThat(store().delete(DV)).isEqualTo(Either.right(false));
        assertThat(store().find(DV)).isEqualTo(Either.right(Option.none()));
        assertThat(Files.exists(stateDir())).isFalse();
    }

    @Test
    void givenSessionFile_whenRead_thenTokenOnlyInTheFileNotInToString() throws Exception {
        var store = store();
        store.save(Sessions.session("DV99999", "f4b8ec1dcc1e9486f723cb5fcba16859"));
        assertThat(Files.readString(stateDir().resolve("sessions/DV99999.json"), StandardCharsets.UTF_8))
                .contains("f4b8ec1dcc1e9486f723cb5fcba16859");
        assertThat(store.toString() + store.find(DV)).doesNotContain("f4b8ec1dcc1e9486f723cb5fcba16859");
    }

    @Test
    void givenTemporariesACrashedWriterLeft_whenTheSessionIsDeleted_thenTheyGoWithItAndOtherAccountsKeepTheirs()
            throws Exception {
        var store = store();
        store.save(Sessions.session("DV99999", "f4b8ec1dcc1e9486f723cb5fcba16859"));
        store.save(Sessions.session("AB12345", "0badc0de0badc0de0badc0de0badc0de"));
        var leftover = privateFile("sessions/.DV99999.json.1b4e28ba-2fa1-11d2-883f-0016d3cca427.tmp", "{");
        var othersLeftover = privateFile("sessions/.AB12345.json.6fa459ea-ee8a-3ca4-894e-db77e160355e.tmp", "{");

        assertThat(store.delete(DV)).isEqualTo(Either.right(true));

        assertThat(leftover).doesNotExist();
        assertThat(othersLeftover).exists();
        assertThat(store.find(new AccountId("AB12345")).get()).isDefined();
        assertThat(store.delete(DV)).isEqualTo(Either.right(false));
    }

    @Test
    void givenALeaseHeldInThisProcess_whenAskedForAgainAndAgain_thenNoneEachTimeAndNoFileLeftOpen() throws Exception {
        var openFiles = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(openFiles), "no /proc/self/fd to count open files with");
        var holder = store().tryLease(DV).get();
        assertThat(holder).isDefined();
        var other = store();
        assertThat(other.tryLease(DV).get()).isEmpty();
        long before = countOpen(openFiles);
        for (int i = 0; i < 50; i++) {
            assertThat(other.tryLease(DV).get()).isEmpty();
        }
        assertThat(countOpen(openFiles)).isEqualTo(before);
        assertThat(holder.get().release()).isEqualTo(Either.right(true));
        assertThat(other.tryLease(DV).get()).isDefined();
    }

    @Test
    void givenRefusedFiles_whenReadAgainAndAgain_thenNoFileLeftOpen() throws Exception {
        var openFiles = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(openFiles), "no /proc/self/fd to count open files with");
        var store = store();
        store.save(Sessions.session("DV99999", "f4b8ec1dcc1e9486f723cb5fcba16859"));
        var file = stateDir().resolve("sessions/DV99999.json");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        long before = countOpen(openFiles);
        for (int i = 0; i < 50; i++) {
            assertThat(store.find(DV)).isLeft();
            assertThat(store.save(Sessions.session("DV99999", "f4b8ec1dcc1e9486f723cb5fcba16859")))
                    .isRight();
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        // 50 rounds of a refused read and a save: a leak would leave 50 or more files open. The JVM's
        // own descriptors come and go meanwhile (a jar closed, a stream collected), so up to 2 more
        // or any number fewer is no leak.
        assertThat(countOpen(openFiles)).isLessThanOrEqualTo(before + 2);
    }

    private static long countOpen(Path openFiles) throws Exception {
        try (var entries = Files.list(openFiles)) {
            return entries.count();
        }
    }
}
