package io.github.samcoauth.adapter.persistence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Private files and directories: created with owner-only permissions from the first instant (never
 * chmod-ed afterwards), locked across processes, synced to disk.
 */
final class SecureFiles {

    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private final boolean posix;

    SecureFiles(Path anyPath) {
        this.posix = anyPath.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Creates the directory (and missing parents) as 0700; an existing one is left as it is. */
    void ensureDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (!posix) {
            LoggerFactory.getLogger(SecureFiles.class)
                    .warn(
                            "The file system of {} has no POSIX permissions: sessions there may be readable by other users",
                            dir);
            Files.createDirectories(dir);
            return;
        }
        var parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            ensureDirectory(parent);
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(dir)) {
                throw raced;
            }
        }
    }

    /** Opens a channel on a file, creating it as 0600 when missing. */
    FileChannel open(Path file, OpenOption... options) throws IOException {
        var set = new HashSet<OpenOption>(List.of(options));
        set.add(StandardOpenOption.CREATE);
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
                : new FileAttribute<?>[0];
        return FileChannel.open(file, set, attributes);
    }

    /** Creates a new file as 0600; fails if it exists. */
    FileChannel createNew(Path file) throws IOException {
        var set = Set.<OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
                : new FileAttribute<?>[0];
        return FileChannel.open(file, set, attributes);
    }

    /**
     * An exclusive lock on {@code lockFile}, across processes. Within this JVM a second channel on
     * the same file would fail with {@link OverlappingFileLockException}; it waits instead.
     */
    Held lock(Path lockFile) throws IOException {
        var channel = open(lockFile, StandardOpenOption.WRITE);
        try {
            while (true) {
                try {
                    FileLock lock = channel.lock();
                    return new Held(channel, lock);
                } catch (OverlappingFileLockException sameJvm) {
                    Thread.onSpinWait();
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while waiting for " + lockFile, e);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Writes every byte; a channel may take fewer per call. */
    static void writeFully(WritableByteChannel channel, byte[] bytes) throws IOException {
        var buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Makes a rename or delete in {@code dir} durable; a no-op where directories cannot be synced. */
    static void syncDirectory(Path dir) {
        try (var channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // some platforms cannot open or sync a directory; the rename itself is still atomic
        }
    }

    /** A short, user-facing reason for an I/O failure. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A held lock; closing releases it. */
    record Held(FileChannel channel, FileLock lock) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
