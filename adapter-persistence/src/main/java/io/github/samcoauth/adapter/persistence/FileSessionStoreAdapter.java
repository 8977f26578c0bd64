package io.github.samcoauth.adapter.persistence;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.SessionCoordinationPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.application.port.out.VersionedSession;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.UUID;

/**
 * Sessions as files: {@code <stateDir>/sessions/<accountId>.json}, owner-only, replaced atomically.
 * The jobs are split by name: {@link SessionFileLayout} says where each file lives,
 * {@link AtomicReplace} replaces a file under its lock so that a crash leaves the old or the new,
 * {@link SessionCache} keeps parsed sessions per file identity (an unchanged file costs one
 * {@code stat}), and {@link SessionJsonCodec} reads and writes the format and its versions. This
 * class puts them together and moves a corrupt file aside (never deletes it).
 */
public final class FileSessionStoreAdapter implements SessionStorePort, SessionCoordinationPort {

    /** A session file is a few hundred bytes; anything near this is not one. */
    static final int MAX_FILE_BYTES = 64 * 1024;

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final SessionFileLayout layout;
    private final Clock clock;
    private final SecureFiles files;
    private final AtomicReplace atomic;
    private final SessionJsonCodec format = new SessionJsonCodec();
    private final SessionCache cache = new SessionCache();

    /**
     * No I/O happens here; directories are created by the first save.
     *
     * @param stateDir the state directory, made owner-only on first write
     * @param clock the clock expiry is judged by
     */
    public FileSessionStoreAdapter(Path stateDir, Clock clock) {
        this.layout = new SessionFileLayout(Objects.requireNonNull(stateDir, "stateDir"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.files = new SecureFiles(stateDir);
        this.atomic = new AtomicReplace(files);
    }

    /** The state directory and {@code sessions/}, if they exist, are safe to use (see {@link SecureFiles}). */
    private void checkDirectories() throws IOException {
        files.checkDirectory(layout.stateDir());
        files.checkDirectory(layout.sessionsDir());
    }

    /** The state directory and {@code sessions/}: checked where they exist, created (0700) where not. */
    private void ensureDirectories() throws IOException {
        files.ensureDirectory(layout.stateDir());
        files.ensureDirectory(layout.sessionsDir());
    }

    // --- writes ------------------------------------------------------------------------------

    /** Creates the directories if needed and proves a file can be made there, before anything is sent. */
    @Override
    public Either<AuthError, Boolean> checkWritable() {
        var dir = layout.sessionsDir();
        try {
            ensureDirectories();
            var probe = dir.resolve(".probe-" + UUID.randomUUID() + ".tmp");
            try (var channel = files.createNew(probe)) {
                SecureFiles.writeFully(channel, new byte[] {'\n'});
            } finally {
                Files.deleteIfExists(probe);
            }
            return Either.right(true);
        } catch (IOException e) {
            return Either.left(new AuthError.StorageFailure(
                    "sessions cannot be saved: " + SecureFiles.reason(e), Option.some(dir.toString())));
        }
    }

    @Override
    public Either<AuthError, Session> save(Session session) {
        var account = session.accountId();
        var target = layout.fileOf(account);
        try {
            var bytes = format.encode(session);
            ensureDirectories();
            atomic.replace(
                    layout.lockOf(account),
                    p -> layout.isTemporaryOf(account, p),
                    layout.newTemporaryOf(account),
                    target,
                    bytes);
            return Either.right(session);
        } catch (IOException e) {
            return Either.left(new AuthError.StorageFailure(
                    "cannot save the session: " + SecureFiles.reason(e), Option.some(target.toString())));
        }
    }

    @Override
    public Either<AuthError, Boolean> delete(AccountId account) {
        var target = layout.fileOf(account);
        try {
            checkDirectories();
            if (!Files.isDirectory(layout.sessionsDir(), LinkOption.NOFOLLOW_LINKS)) {
                return Either.right(false);
            }
            boolean existed = atomic.delete(layout.lockOf(account), p -> layout.isTemporaryOf(account, p), target);
            cache.forget(account);
            return Either.right(existed);
        } catch (IOException e) {
            return Either.left(new AuthError.StorageFailure(
                    "cannot remove the session: " + SecureFiles.reason(e), Option.some(target.toString())));
        }
    }

    // --- reads -------------------------------------------------------------------------------

    @Override
    public Either<AuthError, Option<Session>> find(AccountId account) {
        var file = layout.fileOf(account);
        BasicFileAttributes attributes;
        try {
            checkDirectories();
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            cache.forget(account);
            return Either.right(Option.none());
        } catch (IOException e) {
            return unreadable(file, e);
        }
        var identity = SessionCache.Identity.of(attributes);
        var cached = cache.get(account, identity);
        if (cached.isDefined()) {
            return Either.right(cached);
        }
        byte[] bytes;
        try {
            bytes = files.readBounded(file, MAX_FILE_BYTES);
        } catch (NoSuchFileException e) {
            return Either.right(Option.none());
        } catch (IOException e) {
            return unreadable(file, e);
        }
        return format.decode(account, bytes)
                .fold(
                        problem -> problem.newerFormat()
                                ? Either.left(new AuthError.StorageFailure(
                                        "the session file was " + problem.what()
                                                + "; upgrade samco-auth to read it (the file is left untouched)",
                                        Option.some(file.toString())))
                                : quarantine(account, file, problem),
                        session -> {
                            cache.put(account, identity, session);
                            return Either.right(Option.some(session));
                        });
    }

    @Override
    public Either<AuthError, List<Session>> findAll() {
        var dir = layout.sessionsDir();
        List<AccountId> accounts;
        try {
            checkDirectories();
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                return Either.right(List.empty());
            }
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                accounts = List.ofAll(stream).flatMap(layout::accountOf).sorted();
            }
        } catch (IOException e) {
            return Either.left(new AuthError.StorageFailure(
                    "cannot list the sessions: " + SecureFiles.reason(e), Option.some(dir.toString())));
        }
        return Either.sequenceRight(accounts.map(this::find))
                .map(found -> List.ofAll(found).flatMap(o -> o));
    }

    private static Either<AuthError, Option<Session>> unreadable(Path file, IOException e) {
        return Either.left(new AuthError.StorageFailure(
                "cannot read the session file: " + SecureFiles.reason(e), Option.some(file.toString())));
    }

    /**
     * Moves a corrupt file aside (never deletes it) and reports where it went. Under the account's
     * lock the file is read again first: another process may just have replaced it with a good one.
     */
    private Either<AuthError, Option<Session>> quarantine(
            AccountId account, Path file, SessionJsonCodec.Problem problem) {
        try (var held = files.lock(layout.lockOf(account))) {
            byte[] again;
            try {
                again = files.readBounded(file, MAX_FILE_BYTES);
            } catch (NoSuchFileException gone) {
                return Either.right(Option.none());
            }
            var reparsed = format.decode(account, again);
            if (reparsed.isRight()) {
                return Either.right(Option.some(reparsed.get()));
            }
            var aside = layout.quarantineOf(file, STAMP.format(clock.instant()));
            AtomicReplace.moveAside(file, aside);
            cache.forget(account);
            return Either.left(new AuthError.StorageFailure(
                    "the session file was " + problem.what() + "; it was moved aside, log in again",
                    Option.some(aside.toString())));
        } catch (IOException e) {
            return Either.left(new AuthError.StorageFailure(
                    "the session file is " + problem.what() + " and could not be moved aside: " + SecureFiles.reason(e),
                    Option.some(file.toString())));
        }
    }

    @Override
    public String toString() {
        return "FileSessionStoreAdapter[" + layout.sessionsDir() + "]";
    }

    // --- renewal across the processes of this machine -----------------------------------------

    /** A file keeps no generation: always {@code 0}; a removed file is a removed session. */
    @Override
    public Either<AuthError, VersionedSession> read(AccountId account) {
        return find(account).map(found -> new VersionedSession(found, 0));
    }

    /**
     * An exclusive lock on {@code sessions/.ACCOUNT.renewal.lock}, which the OS drops if the process
     * dies; its commit replaces the session file (atomically, under the file's own lock) and then
     * drops the lease.
     */
    @Override
    public Either<AuthError, Option<Lease>> tryLease(AccountId account) {
        var lockFile = layout.renewalLockOf(account);
        try {
            ensureDirectories();
            var held = files.tryLock(lockFile);
            return Either.right(held.isEmpty() ? Option.none() : Option.some(new FileLease(account, held.get())));
        } catch (IOException e) {
            return Either.left(new AuthError.StorageFailure(
                    "cannot take the renewal lock: " + SecureFiles.reason(e), Option.some(lockFile.toString())));
        }
    }

    /** A renewal lease on the lock file, held until committed or released. */
    private final class FileLease implements Lease {
        private final AccountId account;
        private final SecureFiles.Held held;

        FileLease(AccountId account, SecureFiles.Held held) {
            this.account = account;
            this.held = held;
        }

        @Override
        public AccountId account() {
            return account;
        }

        @Override
        public synchronized Either<AuthError, VersionedSession> commit(Session session) {
            if (!held.lock().isValid() || !session.accountId().equals(account)) {
                return Either.left(new AuthError.StorageFailure(
                        "the renewal lease of " + account.value() + " is no longer held: nothing was written",
                        Option.some(layout.renewalLockOf(account).toString())));
            }
            var saved = save(session);
            release();
            return saved.map(stored -> new VersionedSession(Option.some(stored), 0));
        }

        @Override
        public synchronized Either<AuthError, Boolean> release() {
            boolean was = held.lock().isValid();
            try {
                held.close();
            } catch (IOException e) {
                // closing the channel drops the lock whatever close says
            }
            return Either.right(was);
        }
    }

    /** Files give no notice of change: waits a short while and lets the caller look again. */
    @Override
    public Either<AuthError, Long> awaitChange(AccountId account, long seen, java.time.Duration timeout) {
        try {
            Thread.sleep(Math.max(1, Math.min(timeout.toMillis(), 50)));
            return Either.right(0L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Either.left(new AuthError.Unavailable("interrupted while waiting for another process's renewal"));
        }
    }
}
