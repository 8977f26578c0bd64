package io.github.samcoauth.adapter.persistence;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.SessionToken;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The token of the session in use, in a file another process reads instead of asking samco-auth
 * (Vault Agent's sink): replaced atomically on every change — a reader sees the old token or the
 * new one, never part of one — created 0600 from the first instant, in a directory that must be the
 * user's own and closed to others (created 0700 when missing), never through a link; removed when
 * the session ends. The file holds the token alone, no newline. A lock beside it ({@code .NAME.lock})
 * makes writers of one sink take turns.
 */
public final class FileTokenSink {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Path lock;
    private final SecureFiles files;
    private final AtomicReplace atomic;

    private FileTokenSink(Path file) {
        this.file = file;
        this.lock = file.resolveSibling("." + file.getFileName() + ".lock");
        this.files = new SecureFiles(file);
        this.atomic = new AtomicReplace(files);
    }

    /**
     * A sink at {@code file}: its directory checked (or made), nothing written yet.
     *
     * @param file the file the token is written to
     * @return the sink, or why that file cannot be one
     */
    public static Either<AuthError, FileTokenSink> at(Path file) {
        if (file == null || file.getFileName() == null) {
            return Either.left(failure("no file named", Option.none()));
        }
        var absolute = file.toAbsolutePath().normalize();
        var sink = new FileTokenSink(absolute);
        try {
            sink.files.ensureDirectory(absolute.getParent());
            if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isRegularFile(absolute, LinkOption.NOFOLLOW_LINKS)) {
                return Either.left(
                        failure("is not a regular file (a link, a directory, a FIFO?)", Option.some(absolute)));
            }
        } catch (IOException e) {
            return Either.left(failure(SecureFiles.reason(e), Option.some(absolute)));
        }
        return Either.right(sink);
    }

    /**
     * Where the token is written.
     *
     * @return the file
     */
    public Path file() {
        return file;
    }

    /**
     * Writes {@code token} in place of what the file held, atomically.
     *
     * @param token the token
     * @return the file written, or why it could not be
     */
    public Either<AuthError, Path> write(SessionToken token) {
        try {
            atomic.replace(
                    lock,
                    this::isTemporary,
                    file.resolveSibling(
                            "." + file.getFileName() + "." + HexFormat.of().formatHex(random()) + ".tmp"),
                    file,
                    token.value().getBytes(StandardCharsets.US_ASCII));
            return Either.right(file);
        } catch (IOException e) {
            return Either.left(failure("cannot be written: " + SecureFiles.reason(e), Option.some(file)));
        }
    }

    /**
     * Removes the file (the session ended); {@code true} when there was one.
     *
     * @return whether there was one, or why it could not be removed
     */
    public Either<AuthError, Boolean> remove() {
        try {
            return Either.right(atomic.delete(lock, this::isTemporary, file));
        } catch (IOException e) {
            return Either.left(failure("cannot be removed: " + SecureFiles.reason(e), Option.some(file)));
        }
    }

    private boolean isTemporary(Path path) {
        var name = path.getFileName().toString();
        return name.startsWith("." + file.getFileName() + ".") && name.endsWith(".tmp");
    }

    private static byte[] random() {
        var bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static AuthError failure(String problem, Option<Path> where) {
        return new AuthError.StorageFailure("the token sink " + problem, where.map(Path::toString));
    }

    @Override
    public String toString() {
        return "FileTokenSink[" + file + "]";
    }
}
