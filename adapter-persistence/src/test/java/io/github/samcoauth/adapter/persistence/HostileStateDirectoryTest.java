package io.github.samcoauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.vavr.api.VavrAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.testkit.Sessions;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state directory that another user can write, or that holds planted links, FIFOs and huge
 * files, is never turned against its owner: nothing outside it is written, nothing blocks, nothing
 * runs out of memory; every refusal is a {@code StorageFailure} that says what is wrong.
 */
class HostileStateDirectoryTest {

    private static final AccountId DV = new AccountId("DV99999");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-13T04:40:40Z"), ZoneOffset.UTC);
    private static final String TOKEN = "f4b8ec1dcc1e9486f723cb5fcba16859";

    @TempDir
    Path tmp;

    private Path state() {
        return tmp.resolve("state");
    }

    private FileSessionStoreAdapter store() {
        return new FileSessionStoreAdapter(state(), CLOCK);
    }

    private Path victim() throws Exception {
        var victim = tmp.resolve("victim.txt");
        Files.writeString(victim, "precious");
        return victim;
    }

    private static AuditEvent event() {
        return new AuditEvent(
                Instant.parse("2025-01-13T04:40:40Z"),
                AuditEvent.Type.OTP_REQUESTED,
                Option.some("DV99999"),
                Option.some("m-1"),
                Option.none(),
                "success");
    }

    private static String message(Either<AuthError, ?> result) {
        assertThat(result).isLeft();
        assertThat(result.getLeft()).isInstanceOf(AuthError.StorageFailure.class);
        return result.getLeft().message();
    }

    private void prepared() {
        assertThat(store().save(Sessions.session("DV99999", TOKEN))).isRight();
    }

    @Test
    void givenJournalIsASymlink_whenEventRecorded_thenRefusedAndTheTargetUntouched() throws Exception {
        prepared();
        var victim = victim();
        Files.createSymbolicLink(state().resolve("audit.jsonl"), victim);
        assertThat(message(new FileAuditLogAdapter(state()).record(event()))).contains("symbolic link");
        assertThat(Files.readString(victim)).isEqualTo("precious");
    }

    @Test
    void givenJournalLockIsASymlink_whenEventRecorded_thenRefusedAndNothingCreatedThere() throws Exception {
        prepared();
        var target = tmp.resolve("created-by-samco");
        Files.createSymbolicLink(state().resolve(".audit.lock"), target);
        assertThat(message(new FileAuditLogAdapter(state()).record(event()))).contains("symbolic link");
        assertThat(Files.exists(target)).isFalse();
    }

    @Test
    void givenSessionLockIsASymlink_whenSaved_thenRefusedAndNothingCreatedThere() throws Exception {
        prepared();
        var target = tmp.resolve("created-by-samco");
        Files.delete(state().resolve("sessions/.DV99999.lock"));
        Files.createSymbolicLink(state().resolve("sessions/.DV99999.lock"), target);
        assertThat(message(store().save(Sessions.session("DV99999", TOKEN)))).contains("symbolic link");
        assertThat(Files.exists(target)).isFalse();
    }

    @Test
    void givenTheRenewalLockIsASymlink_whenALeaseIsAsked_thenRefusedAndNothingCreatedThere() throws Exception {
        prepared();
        var target = tmp.resolve("created-by-samco");
        Files.createSymbolicLink(state().resolve("sessions/.DV99999.renewal.lock"), target);
        var lease = store().tryLease(new io.github.samcoauth.domain.AccountId("DV99999"));
        assertThat(lease.isLeft()).isTrue();
        assertThat(lease.getLeft().message()).contains("symbolic link");
        assertThat(Files.exists(target)).isFalse();
    }

    @Test
    void givenSessionFileIsASymlinkToAValidSession_whenFound_thenRefusedNeverRead() throws Exception {
        var elsewhere = tmp.resolve("elsewhere");
        assertThat(new FileSessionStoreAdapter(elsewhere, CLOCK).save(Sessions.session("DV99999", TOKEN)))
                .isRight();
        Files.createDirectories(state().resolve("sessions"));
        Files.setPosixFilePermissions(state(), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(state().resolve("sessions"), PosixFilePermissions.fromString("rwx------"));
        Files.createSymbolicLink(state().resolve("sessions/DV99999.json"), elsewhere.resolve("sessions/DV99999.json"));
        assertThat(message(store().find(DV))).contains("symbolic link");
        assertThat(message(store().findAll())).contains("symbolic link");
    }

    @Test
    void givenStateDirectoryWritableByOthers_whenUsed_thenRefusedWithTheFix() throws Exception {
        prepared();
        Files.setPosixFilePermissions(state(), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(message(store().find(DV)))
                .contains("can be written by other users")
                .contains("chmod 700 " + state());
        assertThat(message(store().save(Sessions.session("DV99999", TOKEN)))).contains("chmod 700");
        assertThat(message(store().checkWritable())).contains("chmod 700");
        assertThat(message(new FileAuditLogAdapter(state()).record(event()))).contains("chmod 700");
        Files.setPosixFilePermissions(state(), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(state().resolve("sessions"), PosixFilePermissions.fromString("rwxrwx---"));
        assertThat(message(store().findAll())).contains("chmod 700 " + state().resolve("sessions"));
    }

    @Test
    void givenStateDirectoryIsASymlink_whenUsed_thenRefused() throws Exception {
        var real = Files.createDirectory(tmp.resolve("real"));
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwx------"));
        Files.createSymbolicLink(state(), real);
        assertThat(message(store().save(Sessions.session("DV99999", TOKEN)))).contains("symbolic link");
        assertThat(message(store().findAll())).contains("symbolic link");
        assertThat(message(store().find(DV))).contains("symbolic link");
        assertThat(message(store().tryLease(DV))).contains("symbolic link");
        assertThat(message(store().checkWritable())).contains("symbolic link");
    }

    @Test
    void givenAStateDirectoryTurnedIntoALinkAfterASave_whenTheSessionIsDeleted_thenRefusedAndTheTargetKept()
            throws Exception {
        prepared();
        var moved = Files.move(state(), tmp.resolve("moved"));
        Files.createSymbolicLink(state(), moved);
        assertThat(message(store().delete(DV))).contains("is a symbolic link");
        assertThat(moved.resolve("sessions/DV99999.json")).exists();
    }

    @Test
    void givenASessionFileOfAnotherUser_whenFound_thenRefusedNamingTheOwner() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file to another user");
        prepared();
        var file = state().resolve("sessions/DV99999.json");
        Files.setOwner(file, tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        assertThat(message(store().find(DV))).contains(file + " is owned by nobody, not by you (root)");
    }

    @Test
    void givenStateDirectoryOfAnotherUser_whenUsed_thenRefused() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a directory to another user");
        prepared();
        UserPrincipal nobody =
                tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(state(), nobody);
        assertThat(message(store().find(DV))).contains("is owned by nobody, not by you");
    }

    @Test
    void givenFifoAsSessionFile_whenFound_thenRefusedAtOnceInsteadOfHanging() throws Exception {
        prepared();
        var file = state().resolve("sessions/DV99999.json");
        Files.delete(file);
        var mkfifo = new ProcessBuilder("mkfifo", file.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(message(store().find(DV))).contains("not a regular file");
            assertThat(message(store().findAll())).contains("not a regular file");
        });
    }

    @Test
    void givenHugeSessionFile_whenFound_thenRefusedWithoutReadingIt() throws Exception {
        prepared();
        var file = state().resolve("sessions/DV99999.json");
        try (var sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(3L * 1024 * 1024 * 1024); // 3 GiB, sparse: costs no disk
        }
        assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> assertThat(message(store().find(DV))).contains("more than a session file can be"));
        assertThat(Files.size(file)).as("left where it is").isEqualTo(3L * 1024 * 1024 * 1024);
    }

    @Test
    void givenSessionFileReadableByOthers_whenFound_thenRefusedWithTheFix() throws Exception {
        prepared();
        var file = state().resolve("sessions/DV99999.json");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(message(store().find(DV))).contains("chmod 600 " + file);
    }

    @Test
    void givenHardLinkedSessionFile_whenFound_thenRefused() throws Exception {
        prepared();
        Files.createLink(tmp.resolve("second-name"), state().resolve("sessions/DV99999.json"));
        assertThat(message(store().find(DV))).contains("2 hard links");
    }

    @Test
    void givenAFileWhereTheDirectoriesShouldBe_whenAnythingRuns_thenStorageFailureSaysSo() throws Exception {
        Files.writeString(state(), "a file, not a directory");
        assertThat(message(store().findAll())).contains("is a file, not a directory");
        assertThat(message(store().find(DV))).contains("is a file, not a directory");
        assertThat(message(store().checkWritable())).contains("is a file, not a directory");

        Files.delete(state());
        Files.createDirectory(
                state(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(state().resolve("sessions"), "a file");
        assertThat(message(store().findAll())).contains("is a file, not a directory");
    }

    @Test
    void givenAGoodStateDirectory_whenCheckedWritable_thenRightAndNoProbeLeft() throws Exception {
        assertThat(store().checkWritable()).isEqualTo(Either.right(true));
        try (var listing = Files.list(state().resolve("sessions"))) {
            assertThat(listing).isEmpty();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state())))
                .isEqualTo("rwx------");
    }

    @Test
    void givenTheSessionsDirectoryIsASymlink_whenSavedDeletedOrLeased_thenEachRefusedAndNothingWrittenThere()
            throws Exception {
        prepared();
        var elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Files.setPosixFilePermissions(elsewhere, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        try (var entries = Files.list(state().resolve("sessions"))) {
            for (var entry : entries.toList()) {
                Files.delete(entry);
            }
        }
        Files.delete(state().resolve("sessions"));
        Files.createSymbolicLink(state().resolve("sessions"), elsewhere);
        var dv = new io.github.samcoauth.domain.AccountId("DV99999");
        assertThat(message(store().save(Sessions.session("DV99999", TOKEN)))).contains("symbolic link");
        assertThat(message(store().delete(dv))).contains("symbolic link");
        assertThat(message(store().tryLease(dv))).contains("symbolic link");
        try (var entries = Files.list(elsewhere)) {
            assertThat(entries.toList()).as("nothing made behind the link").isEmpty();
        }
    }
}
