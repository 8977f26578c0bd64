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
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Private files and directories in a state directory that must not be turned against its owner,
 * the way ssh and the AWS CLI treat theirs:
 *
 * <ul>
 *   <li>a directory is used only if it is a real directory (not a symbolic link), owned by the
 *       user, and not writable by group or others; one that is missing is created as 0700;
 *   <li>a file is opened only if it is a regular file (never a link, a FIFO or a device), and is
 *       checked again once open: still the same file, owned by the user, accessible to nobody
 *       else, one link; links are never followed;
 *   <li>files are created 0600 from the first instant (never chmod-ed afterwards), locked across
 *       processes, synced to disk, and read no further than a cap.
 * </ul>
 *
 * <p>A FIFO is refused by its type before it is opened, so reading never blocks; the directory
 * checks make sure nobody else can swap a file between that look and the open.
 */
final class SecureFiles {

    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private static final Set<PosixFilePermission> OTHERS_WRITE =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    private static final Set<PosixFilePermission> OTHERS_ANY = Set.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    /** How often a file replaced while being opened is opened again before the last one is used. */
    private static final int MAX_ATTEMPTS = 5;

    private final boolean posix;
    private final boolean unix;
    private final Path anyPath;
    private volatile UserPrincipal me;

    SecureFiles(Path anyPath) {
        this.anyPath = anyPath;
        var views = anyPath.getFileSystem().supportedFileAttributeViews();
        this.posix = views.contains("posix");
        this.unix = views.contains("unix");
    }

    /** A file or directory that is not safe to use; the message says what is wrong and how to fix it. */
    static final class UnsafePathException extends IOException {
        private static final long serialVersionUID = 1L;

        UnsafePathException(Path path, String problem) {
            super(path + " " + problem);
        }
    }

    private UserPrincipal me() throws IOException {
        var user = me;
        if (user == null) {
            user = anyPath.getFileSystem()
                    .getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            me = user;
        }
        return user;
    }

    /** The attributes of {@code path} itself (a link is not followed). */
    private PosixFileAttributes lstat(Path path) throws IOException {
        return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    /** A file's attributes from one {@code lstat}, so that they describe one and the same inode. */
    private record Snapshot(PosixFileAttributes attributes, int links) {}

    /** The path was renamed over while it was being looked at: look again. */
    static final class ReplacedException extends IOException {
        private static final long serialVersionUID = 1L;

        ReplacedException(Path path) {
            super(path + " was replaced while being opened");
        }
    }

    private Snapshot snapshot(Path path) throws IOException {
        if (!unix) {
            return new Snapshot(lstat(path), 1);
        }
        Map<String, Object> all = Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
        var attributes = new UnixAttributes(all);
        return new Snapshot(attributes, ((Number) all.get("nlink")).intValue());
    }

    /**
     * The {@code unix:*} map of one lstat, seen as {@link PosixFileAttributes}: what the checks read
     * (type, owner, mode, size, file key); the rest is never asked for.
     */
    private record UnixAttributes(Map<String, Object> all) implements PosixFileAttributes {
        @Override
        public UserPrincipal owner() {
            return (UserPrincipal) all.get("owner");
        }

        @Override
        public GroupPrincipal group() {
            throw new UnsupportedOperationException("not read by samco-auth");
        }

        @Override
        @SuppressWarnings("unchecked")
        public Set<PosixFilePermission> permissions() {
            return (Set<PosixFilePermission>) all.get("permissions");
        }

        @Override
        public FileTime lastModifiedTime() {
            throw new UnsupportedOperationException("not read by samco-auth");
        }

        @Override
        public FileTime lastAccessTime() {
            throw new UnsupportedOperationException("not read by samco-auth");
        }

        @Override
        public FileTime creationTime() {
            throw new UnsupportedOperationException("not read by samco-auth");
        }

        @Override
        public boolean isRegularFile() {
            return (Boolean) all.get("isRegularFile");
        }

        @Override
        public boolean isDirectory() {
            return (Boolean) all.get("isDirectory");
        }

        @Override
        public boolean isSymbolicLink() {
            return (Boolean) all.get("isSymbolicLink");
        }

        @Override
        public boolean isOther() {
            throw new UnsupportedOperationException("not read by samco-auth");
        }

        @Override
        public long size() {
            return (Long) all.get("size");
        }

        @Override
        public Object fileKey() {
            return all.get("fileKey");
        }
    }

    /** Checks an existing directory of the state: real, the user's own, writable by nobody else. */
    void checkDirectory(Path dir) throws IOException {
        if (!posix) {
            return;
        }
        PosixFileAttributes attributes;
        try {
            attributes = lstat(dir);
        } catch (NoSuchFileException missing) {
            checkNearestAncestorIsADirectory(dir);
            return;
        }
        if (attributes.isSymbolicLink()) {
            throw new UnsafePathException(
                    dir, "is a symbolic link; samco-auth follows no links in its state: use a real directory");
        }
        if (!attributes.isDirectory()) {
            throw new UnsafePathException(
                    dir, "is a file, not a directory: move it away or choose another state directory");
        }
        checkOwner(dir, attributes);
        if (attributes.permissions().stream().anyMatch(OTHERS_WRITE::contains)) {
            throw new UnsafePathException(
                    dir,
                    "can be written by other users (mode " + PosixFilePermissions.toString(attributes.permissions())
                            + "): run chmod 700 " + dir);
        }
    }

    /**
     * A directory that does not exist yet will be made under its nearest existing ancestor, which
     * must be a directory (Java versions differ on whether a file in the path reads as missing).
     */
    private static void checkNearestAncestorIsADirectory(Path dir) throws IOException {
        for (var ancestor = dir.toAbsolutePath().getParent(); ancestor != null; ancestor = ancestor.getParent()) {
            if (Files.exists(ancestor)) {
                if (!Files.isDirectory(ancestor)) {
                    throw new UnsafePathException(ancestor, "is a file, not a directory");
                }
                return;
            }
        }
    }

    private void checkOwner(Path path, PosixFileAttributes attributes) throws IOException {
        var owner = attributes.owner();
        if (!owner.equals(me())) {
            throw new UnsafePathException(
                    path,
                    "is owned by " + owner.getName() + ", not by you (" + me().getName()
                            + "): use a state directory of your own");
        }
    }

    /** Checks the directory if it exists, else creates it (and missing parents) as 0700. */
    void ensureDirectory(Path dir) throws IOException {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            checkDirectory(dir);
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
            if (Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) {
                throw new UnsafePathException(parent, "is a file, not a directory");
            }
            ensureDirectory(parent);
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
        } catch (FileAlreadyExistsException raced) {
            checkDirectory(dir);
        }
    }

    /**
     * Opens a file of the state, creating it as 0600 when {@code create} and it is missing. An
     * existing one must be a regular file of the user's that nobody else may access.
     */
    FileChannel open(Path file, boolean create, OpenOption... options) throws IOException {
        var set = new HashSet<OpenOption>(List.of(options));
        set.add(LinkOption.NOFOLLOW_LINKS);
        if (create) {
            set.add(StandardOpenOption.CREATE);
        }
        for (int attempt = 1; ; attempt++) {
            PosixFileAttributes before;
            try {
                before = checkFileIfPresent(file);
            } catch (ReplacedException replaced) {
                if (attempt == MAX_ATTEMPTS) {
                    throw replaced;
                }
                continue;
            }
            var channel = FileChannel.open(file, set, fileAttributes());
            try {
                if (sameFileAfterOpening(file, before) || attempt == MAX_ATTEMPTS) {
                    return channel;
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            channel.close();
        }
    }

    /** Creates a new file as 0600; fails if anything exists at the path. */
    FileChannel createNew(Path file) throws IOException {
        var set =
                Set.<OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        return FileChannel.open(file, set, fileAttributes());
    }

    /**
     * Reads a whole file of the state, refusing anything but a safe regular file and anything over
     * {@code maxBytes} (checked before reading and while reading: it may grow).
     */
    byte[] readBounded(Path file, int maxBytes) throws IOException {
        for (int attempt = 1; ; attempt++) {
            PosixFileAttributes before;
            try {
                before = checkFile(file);
            } catch (ReplacedException replaced) {
                if (attempt == MAX_ATTEMPTS) {
                    throw replaced;
                }
                continue;
            }
            if (before != null && before.size() > maxBytes) {
                throw new UnsafePathException(
                        file, "is " + before.size() + " bytes, more than a session file can be (" + maxBytes + ")");
            }
            try (var channel = FileChannel.open(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
                if (!sameFileAfterOpening(file, before) && attempt < MAX_ATTEMPTS) {
                    continue; // an atomic replace renamed a new version in: read that one
                }
                var buffer = ByteBuffer.allocate(maxBytes + 1);
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // read until the cap or the end
                }
                if (buffer.position() > maxBytes) {
                    throw new UnsafePathException(file, "grew past " + maxBytes + " bytes while being read");
                }
                var bytes = new byte[buffer.position()];
                buffer.flip().get(bytes);
                return bytes;
            }
        }
    }

    private FileAttribute<?>[] fileAttributes() {
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
                : new FileAttribute<?>[0];
    }

    private PosixFileAttributes checkFileIfPresent(Path file) throws IOException {
        try {
            return checkFile(file);
        } catch (NoSuchFileException missing) {
            return null;
        }
    }

    /** The attributes of an existing file that is safe to open. */
    private PosixFileAttributes checkFile(Path file) throws IOException {
        if (!posix) {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                        ? new UnsafePathException(file, "is not a regular file")
                        : new NoSuchFileException(file.toString());
            }
            return null;
        }
        var snapshot = snapshot(file);
        var attributes = snapshot.attributes();
        if (attributes.isSymbolicLink()) {
            throw new UnsafePathException(file, "is a symbolic link; samco-auth follows no links: remove it");
        }
        if (!attributes.isRegularFile()) {
            throw new UnsafePathException(
                    file,
                    "is not a regular file ("
                            + (attributes.isDirectory() ? "a directory" : "a FIFO, socket or device")
                            + "): remove it");
        }
        if (snapshot.links() == 0) {
            throw new ReplacedException(file); // renamed over between the lookup and the stat
        }
        checkOwner(file, attributes);
        if (attributes.permissions().stream().anyMatch(OTHERS_ANY::contains)) {
            throw new UnsafePathException(
                    file,
                    "can be used by other users (mode " + PosixFilePermissions.toString(attributes.permissions())
                            + "): run chmod 600 " + file);
        }
        if (snapshot.links() != 1) {
            throw new UnsafePathException(
                    file, "has " + snapshot.links() + " hard links; a private file has one: remove it");
        }
        return attributes;
    }

    /**
     * After opening: whether the path still names the file that was checked. Java cannot ask an open
     * channel what it is, so a replace between the look and the open (another process's atomic
     * rename) shows as a new file at the path: the caller opens again. Nobody else can put a link or
     * a FIFO there: the directories were checked to be the user's alone.
     */
    private boolean sameFileAfterOpening(Path file, PosixFileAttributes before) throws IOException {
        if (!posix) {
            return true;
        }
        try {
            var now = checkFile(file);
            return before == null || now.fileKey().equals(before.fileKey());
        } catch (ReplacedException replaced) {
            return false;
        }
    }

    /**
     * An exclusive lock on {@code lockFile}, across processes. Within this JVM a second channel on
     * the same file would fail with {@link OverlappingFileLockException}; it waits instead.
     */
    Held lock(Path lockFile) throws IOException {
        var channel = open(lockFile, true, StandardOpenOption.WRITE);
        try {
            while (true) {
                try {
                    FileLock lock = channel.lock();
                    return new Held(channel, lock);
                } catch (OverlappingFileLockException sameJvm) {
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

    /**
     * The exclusive lock on {@code lockFile} if nobody holds it now, in this JVM or another; empty
     * when somebody does.
     */
    java.util.Optional<Held> tryLock(Path lockFile) throws IOException {
        var channel = open(lockFile, true, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new Held(channel, lock));
        } catch (OverlappingFileLockException sameJvm) {
            channel.close();
            return java.util.Optional.empty();
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

    /** A short, user-facing reason for an I/O failure. */
    static String reason(IOException e) {
        if (e instanceof UnsafePathException) {
            return e.getMessage();
        }
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

    /** A held lock; closing its channel releases it. */
    record Held(FileChannel channel, FileLock lock) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
