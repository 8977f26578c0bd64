package io.github.samcoauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file rules one by one: what is read, what is refused and how each refusal reads. */
class SecureFilesTest {

    @TempDir
    Path tmp;

    private SecureFiles files() {
        return new SecureFiles(tmp);
    }

    private Path privateFile(String name, byte[] bytes) throws IOException {
        var file = tmp.resolve(name);
        Files.write(file, bytes);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    void givenFilesAtAndAroundTheLimit_whenReadBounded_thenUpToItReadWholeAndPastItRefusedUnread() throws Exception {
        var files = files();
        assertThat(files.readBounded(privateFile("empty", new byte[0]), 8)).isEmpty();
        assertThat(files.readBounded(privateFile("exact", "12345678".getBytes(StandardCharsets.UTF_8)), 8))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("12345678");
        assertThat(files.readBounded(privateFile("under", "1234567".getBytes(StandardCharsets.UTF_8)), 8))
                .hasSize(7);
        var over = privateFile("over", "123456789".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> files.readBounded(over, 8))
                .isInstanceOf(SecureFiles.UnsafePathException.class)
                .hasMessage(over + " is 9 bytes, more than a session file can be (8)");
        assertThatThrownBy(() -> files.readBounded(tmp.resolve("missing"), 8)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void givenWhatIsNotAPrivateRegularFile_whenRead_thenEachRefusedSayingWhat() throws Exception {
        var files = files();
        var target = privateFile("target", new byte[] {1});
        var link = Files.createSymbolicLink(tmp.resolve("link"), target);
        assertThatThrownBy(() -> files.readBounded(link, 8)).hasMessageContaining("is a symbolic link");
        var dir = Files.createDirectory(tmp.resolve("dir"));
        assertThatThrownBy(() -> files.readBounded(dir, 8)).hasMessageContaining("is not a regular file (a directory)");
        var fifo = tmp.resolve("fifo");
        var made = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(made.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> files.readBounded(fifo, 8))
                .hasMessageContaining("is not a regular file (a FIFO, socket or device)");
        var shared = privateFile("shared", new byte[] {1});
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> files.readBounded(shared, 8))
                .hasMessage(shared + " can be used by other users (mode rw-r--r--): run chmod 600 " + shared);
        var linked = privateFile("linked", new byte[] {1});
        Files.createLink(tmp.resolve("second-name"), linked);
        assertThatThrownBy(() -> files.readBounded(linked, 8)).hasMessageContaining("has 2 hard links");
    }

    @Test
    void givenDirectories_whenChecked_thenLinksFilesAndOthersWritableOnesRefused() throws Exception {
        var files = files();
        var good = Files.createDirectory(tmp.resolve("good"));
        Files.setPosixFilePermissions(good, PosixFilePermissions.fromString("rwx------"));
        files.checkDirectory(good);
        var link = Files.createSymbolicLink(tmp.resolve("dir-link"), good);
        assertThatThrownBy(() -> files.checkDirectory(link)).hasMessageContaining("is a symbolic link");
        var file = privateFile("plain", new byte[0]);
        assertThatThrownBy(() -> files.checkDirectory(file)).hasMessageContaining("is a file, not a directory");
        var open = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> files.checkDirectory(open))
                .hasMessage(open + " can be written by other users (mode rwxrwxrwx): run chmod 700 " + open);
        files.checkDirectory(good.resolve("not-yet/deeper"));
        // refused either way: as "not a directory" by the file system, or by the ancestor check
        assertThatThrownBy(() -> files.checkDirectory(file.resolve("under-a-file")))
                .isInstanceOf(IOException.class)
                .hasMessageContainingAll("ot a directory");
    }

    @Test
    void givenMissingDirectories_whenEnsured_thenMadeOwnerOnlyWithTheirParentsAndAFileInTheWayRefused()
            throws Exception {
        var files = files();
        var deep = tmp.resolve("a/b/c");
        files.ensureDirectory(deep);
        for (var dir : new Path[] {tmp.resolve("a"), tmp.resolve("a/b"), deep}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                    .as("%s", dir)
                    .isEqualTo("rwx------");
        }
        files.ensureDirectory(deep);
        var file = privateFile("in-the-way", new byte[0]);
        assertThatThrownBy(() -> files.ensureDirectory(file.resolve("below")))
                .hasMessage(file + " is a file, not a directory");
        var open = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> files.ensureDirectory(open)).hasMessageContaining("can be written by other users");
    }

    @Test
    void givenAFileToOpen_whenCreated_thenOwnerOnlyAndAnExistingSharedOneRefused() throws Exception {
        var files = files();
        var made = tmp.resolve("made");
        try (var channel = files.open(made, true, StandardOpenOption.WRITE)) {
            SecureFiles.writeFully(channel, "x".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(made)).isEqualTo("x");
        var shared = privateFile("shared", new byte[0]);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThatThrownBy(() -> files.open(shared, false, StandardOpenOption.READ))
                .hasMessageContaining("can be used by other users");
        assertThatThrownBy(() -> files.open(tmp.resolve("absent"), false, StandardOpenOption.READ))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void givenALockHeld_whenTriedAgainInThisProcess_thenNoneUntilItIsClosed() throws Exception {
        var files = files();
        var lockFile = tmp.resolve("x.lock");
        var held = files.tryLock(lockFile);
        assertThat(held).isPresent();
        assertThat(held.get().lock().isValid()).isTrue();
        assertThat(files.tryLock(lockFile)).isEmpty();
        held.get().close();
        assertThat(held.get().lock().isValid()).isFalse();
        assertThat(held.get().channel().isOpen()).isFalse();
        var again = files.tryLock(lockFile);
        assertThat(again).isPresent();
        again.get().close();
        try (var waited = files.lock(lockFile)) {
            assertThat(waited.lock().isValid()).isTrue();
        }
    }

    @Test
    void givenEachKindOfFailure_whenGivenAReason_thenShortAndReadable() {
        var path = tmp.resolve("x");
        assertThat(SecureFiles.reason(new SecureFiles.UnsafePathException(path, "is odd")))
                .isEqualTo(path + " is odd");
        assertThat(SecureFiles.reason(new AccessDeniedException(path.toString())))
                .isEqualTo("permission denied");
        assertThat(SecureFiles.reason(new NoSuchFileException(path.toString()))).isEqualTo("no such file or directory");
        assertThat(SecureFiles.reason(new FileSystemException(path.toString(), null, "No space left on device")))
                .isEqualTo("No space left on device");
        assertThat(SecureFiles.reason(new FileSystemException(path.toString()))).isEqualTo(path.toString());
        assertThat(SecureFiles.reason(new IOException("disk on fire"))).isEqualTo("disk on fire");
        assertThat(SecureFiles.reason(new IOException())).isEqualTo("IOException");
    }

    @Test
    void givenAFileAndItsLeftovers_whenDeletedUnderTheLock_thenTrueOnceAndTheLeftoversGone() throws Exception {
        var files = files();
        var atomic = new AtomicReplace(files);
        var target = privateFile("session.json", new byte[] {1});
        var leftover = privateFile("session.json.tmp-1", new byte[] {2});
        var lock = tmp.resolve(".lock");
        assertThat(atomic.delete(lock, p -> p.getFileName().toString().contains(".tmp-"), target))
                .isTrue();
        assertThat(Files.exists(target)).isFalse();
        assertThat(Files.exists(leftover))
                .as("a crashed writer's temporary is removed")
                .isFalse();
        assertThat(atomic.delete(lock, p -> false, target)).as("once").isFalse();
        atomic.replace(lock, p -> false, tmp.resolve("t"), target, new byte[] {3, 4});
        assertThat(Files.readAllBytes(target)).containsExactly(3, 4);
        assertThat(Files.exists(tmp.resolve("t"))).isFalse();
        var aside = tmp.resolve("aside");
        AtomicReplace.moveAside(target, aside);
        assertThat(Files.readAllBytes(aside)).containsExactly(3, 4);
        assertThat(Files.exists(target)).isFalse();
    }

    @Test
    void givenAFileStore_whenAWaiterAsksForAChange_thenItWaitsAShortWhileAndSaysPollAgain() {
        var store = new FileSessionStoreAdapter(tmp.resolve("state"), java.time.Clock.systemUTC());
        long started = System.nanoTime();
        assertThat(store.awaitChange(
                        new io.github.samcoauth.domain.AccountId("DV99999"), 0, java.time.Duration.ofMillis(30)))
                .isEqualTo(io.vavr.control.Either.right(0L));
        assertThat(System.nanoTime() - started)
                .as("it waited")
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(25));
        assertThat(store.toString()).isEqualTo("FileSessionStoreAdapter[" + tmp.resolve("state/sessions") + "]");
    }
}
