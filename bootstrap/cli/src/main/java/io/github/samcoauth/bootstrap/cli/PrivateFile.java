package io.github.samcoauth.bootstrap.cli;

import io.vavr.collection.List;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a small file that holds secrets (a credentials file, a password file) only if it is a
 * private file of this user: opened once, without following a symbolic link and without ever
 * blocking, then checked on the open handle (a regular file, owned by the effective user, one link,
 * no group or other bits) and read from that same handle with a size limit. Whatever is swapped in
 * at the path between a look and the open (a FIFO, a link, another user's file) is what the checks
 * see.
 */
final class PrivateFile {

    /** Opening a regular file takes no time; an open that takes this long is a FIFO waiting for a writer. */
    static final Duration OPEN_DEADLINE = Duration.ofSeconds(2);

    private static final Path OWN_FDS = Path.of("/proc/self/fd");

    private PrivateFile() {}

    /** The file's bytes, or what it should be instead (a phrase that completes "the file must be …"). */
    static Either<String, byte[]> read(Path file, int maxBytes) {
        Map<String, Object> looked;
        try {
            looked = Files.readAttributes(file, "unix:*", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return Either.left("on a file system with POSIX permissions");
        } catch (IOException e) {
            return Either.left("a readable file (" + e.getClass().getSimpleName() + ")");
        }
        var problem = problemWith(looked, file);
        if (problem.isLeft()) {
            return Either.left(problem.getLeft());
        }
        var opening = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                    } catch (IOException e) {
                        throw new IllegalStateException(e.getClass().getSimpleName());
                    }
                },
                PrivateFile::daemon);
        FileChannel channel;
        try {
            channel = opening.get(OPEN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // a FIFO (swapped in after the look): the thread that waits on it is a daemon, and nothing
            // of this process waits for it
            opening.thenAccept(PrivateFile::closeQuietly);
            return Either.left("a regular file (opening it blocked: a FIFO?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left("a readable file (interrupted)");
        } catch (ExecutionException e) {
            return Either.left("a readable file, not a symbolic link ("
                    + (e.getCause() == null ? "unreadable" : e.getCause().getMessage()) + ")");
        }
        try (channel) {
            var onHandle = handleAttributes(file);
            if (onHandle.isDefined()) {
                var again = problemWith(onHandle.get(), file);
                if (again.isLeft()) {
                    return Either.left(again.getLeft());
                }
                if (!onHandle.get().get("ino").equals(looked.get("ino"))) {
                    return Either.left("left in place while samco reads it (it was replaced)");
                }
            }
            var buffer = ByteBuffer.allocate(maxBytes + 1);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // up to the limit or the end
            }
            if (buffer.position() > maxBytes) {
                return Either.left("at most " + maxBytes + " bytes");
            }
            var bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
            return Either.right(bytes);
        } catch (IOException e) {
            return Either.left("a readable file (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** What is wrong with a file of these attributes, if anything. */
    private static Either<String, Void> problemWith(Map<String, Object> attributes, Path file) {
        int mode = (Integer) attributes.get("mode");
        int type = mode & 0170000;
        if (type == 0120000) {
            return Either.left("a regular file, not a symbolic link");
        }
        if (type != 0100000) {
            return Either.left("a regular file (not a directory, a FIFO, a socket or a device)");
        }
        var uid = (Integer) attributes.get("uid");
        var me = effectiveUid();
        if (me.isDefined() && !uid.equals(me.get())) {
            return Either.left("owned by you (it is owned by user id " + uid + "; you are " + me.get() + ")");
        }
        if ((Integer) attributes.get("nlink") != 1) {
            return Either.left("a file with one link (it has " + attributes.get("nlink") + ")");
        }
        if ((mode & 077) != 0) {
            return Either.left("readable by its owner only: run chmod 600 " + file);
        }
        return Either.right(null);
    }

    /** The user this process acts as: the owner of {@code /proc/self}, else the owner of a new temporary file. */
    private static io.vavr.control.Option<Integer> effectiveUid() {
        try {
            return io.vavr.control.Option.some((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            try {
                var probe = Files.createTempFile("samco-uid", ".probe");
                try {
                    return io.vavr.control.Option.some((Integer) Files.getAttribute(probe, "unix:uid"));
                } finally {
                    Files.deleteIfExists(probe);
                }
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException again) {
                return io.vavr.control.Option.none();
            }
        }
    }

    /**
     * The attributes of the file behind the descriptor just opened ({@code fstat}, through Linux's
     * {@code /proc/self/fd}): every descriptor of this process that names this file (a credentials
     * file is open nowhere else). Where there is no {@code /proc}, or the file was renamed since it
     * was opened, the path is looked at again, as far as Java can.
     */
    private static io.vavr.control.Option<Map<String, Object>> handleAttributes(Path file) {
        var again = io.vavr.control.Option.<Map<String, Object>>none();
        try {
            again = io.vavr.control.Option.some(Files.readAttributes(file, "unix:*", LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException e) {
            // gone since the open: nothing to compare but the handle
        }
        if (!Files.isDirectory(OWN_FDS)) {
            return again;
        }
        var target = file.toAbsolutePath().normalize().toString();
        List<Map<String, Object>> candidates = List.empty();
        try (var entries = Files.list(OWN_FDS)) {
            for (var link : (Iterable<Path>) entries::iterator) {
                try {
                    if (Files.readSymbolicLink(link).toString().equals(target)) {
                        candidates = candidates.append(Files.readAttributes(link, "unix:*"));
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // closed meanwhile, or not a file
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            return again;
        }
        return candidates.isEmpty() ? again : io.vavr.control.Option.some(worst(candidates));
    }

    /** Several descriptors of the same path opened at once (another thread): each must pass, so check the first that fails. */
    private static Map<String, Object> worst(List<Map<String, Object>> candidates) {
        return candidates.find(a -> problemWith(a, Path.of("?")).isLeft()).getOrElse(candidates.head());
    }

    private static void daemon(Runnable task) {
        var thread = new Thread(task, "samco-private-file-open");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing read from it
        }
    }
}
