package io.github.samcoauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.domain.SessionToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token sink on real files: 0600, atomic under a reader, removed, and never through a link. */
class FileTokenSinkTest {

    @TempDir
    Path tmp;

    private static SessionToken token(int n) {
        return SessionToken.of(String.format("%032x", n)).get();
    }

    @Test
    void givenTokensWrittenOneAfterAnother_whenAReaderLoops_thenItSeesWholeTokensOnlyAndTheFileIsOwnersOnly()
            throws Exception {
        var sink = FileTokenSink.at(tmp.resolve("run/samco/token")).get();
        assertThat(sink.write(token(0)).isRight()).isTrue();
        var written = new HashSet<String>();
        for (int i = 0; i < 200; i++) {
            written.add(token(i).value());
        }
        var seen = new HashSet<String>();
        var done = new AtomicBoolean();
        var failure = new AtomicReference<Throwable>();
        var reader = new Thread(() -> {
            try {
                while (!done.get()) {
                    seen.add(Files.readString(sink.file(), StandardCharsets.US_ASCII));
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        reader.start();
        for (int i = 1; i < 200; i++) {
            assertThat(sink.write(token(i)).isRight()).isTrue();
        }
        done.set(true);
        reader.join();
        assertThat(failure.get()).as("the file was there at every read").isNull();
        assertThat(written).as("every read a whole token that was written").containsAll(seen);
        assertThat(Files.readString(sink.file())).isEqualTo(token(199).value());
        assertThat(Files.getPosixFilePermissions(sink.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(sink.file().getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (var left = Files.list(sink.file().getParent())) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("no temporary left behind")
                    .containsExactlyInAnyOrder("token", ".token.lock");
        }
    }

    @Test
    void givenAWrittenSink_whenRemoved_thenTheFileIsGoneAndASecondRemovalSaysSo() throws Exception {
        var sink = FileTokenSink.at(tmp.resolve("token")).get();
        sink.write(token(1));
        assertThat(sink.remove().get()).isTrue();
        assertThat(Files.exists(sink.file())).isFalse();
        assertThat(sink.remove().get()).isFalse();
    }

    @Test
    void givenALinkADirectoryOrAnOpenDirectoryWhereTheSinkGoes_whenOpened_thenRefusedWithWhy() throws Exception {
        var elsewhere = Files.writeString(tmp.resolve("elsewhere"), "keep me");
        var link = Files.createSymbolicLink(tmp.resolve("linked-token"), elsewhere);
        var refused = FileTokenSink.at(link);
        assertThat(refused.isLeft()).isTrue();
        assertThat(refused.getLeft().message()).contains("not a regular file");
        assertThat(Files.readString(elsewhere)).isEqualTo("keep me");

        assertThat(FileTokenSink.at(Files.createDirectory(tmp.resolve("a-directory")))
                        .isLeft())
                .isTrue();

        var open = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        var unsafe = FileTokenSink.at(open.resolve("token"));
        assertThat(unsafe.isLeft()).isTrue();
        assertThat(unsafe.getLeft().message()).contains(open.toString());

        var fifo = tmp.resolve("fifo");
        var made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        if (made == 0) {
            assertThat(FileTokenSink.at(fifo).isLeft()).isTrue();
        }
        assertThat(FileTokenSink.at(Path.of("/")).isLeft()).isTrue();
    }

    @Test
    void givenATokenWritten_whenTheSinkIsShown_thenItsPathNotTheToken() {
        var sink = FileTokenSink.at(tmp.resolve("token")).get();
        sink.write(token(7));
        assertThat(sink.toString()).contains("token").doesNotContain(token(7).value());
    }

    @Test
    void givenATemporaryACrashedWriterLeft_whenTheNextTokenIsWritten_thenItIsRemovedAndOthersAreKept()
            throws Exception {
        var sink = FileTokenSink.at(tmp.resolve("token")).get();
        var stale = Files.writeString(tmp.resolve(".token.0123456789abcdef.tmp"), "half a tok");
        var someoneElses = Files.writeString(tmp.resolve(".other.0123456789abcdef.tmp"), "not ours");
        assertThat(sink.write(token(3)).isRight()).isTrue();
        assertThat(Files.exists(stale)).isFalse();
        assertThat(Files.readString(someoneElses)).isEqualTo("not ours");
    }

    @Test
    void givenTheFileReplacedByADirectory_whenWrittenOrRemoved_thenAStorageFailureNamingIt() throws Exception {
        var sink = FileTokenSink.at(tmp.resolve("token")).get();
        Files.createDirectories(tmp.resolve("token/in-the-way"));
        var written = sink.write(token(4));
        assertThat(written.isLeft()).isTrue();
        assertThat(written.getLeft().message()).contains("token sink cannot be written");
        var removed = sink.remove();
        assertThat(removed.isLeft()).isTrue();
        assertThat(removed.getLeft().message()).contains("token sink cannot be removed");
    }
}
