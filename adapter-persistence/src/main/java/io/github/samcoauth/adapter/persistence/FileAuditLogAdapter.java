package io.github.samcoauth.adapter.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.application.port.out.AuditHistoryPort;
import io.github.samcoauth.application.port.out.AuditLogPort;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.ServerTime;
import io.vavr.Lazy;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Append-only JSON lines at {@code <stateDir>/audit.jsonl} (0600): time, event, uid or account,
 * Samco's {@code msgId} and server time, outcome. Past {@code maxBytes} the journal rotates to
 * {@code audit.jsonl.1} … {@code audit.jsonl.<keep>}, the oldest dropped. Writers in several
 * processes take turns through a lock file.
 */
public final class FileAuditLogAdapter implements AuditLogPort, AuditHistoryPort {

    /** The most of one journal file that is read back (its tail): a rotated journal is far smaller. */
    static final int MOST_READ = 8 * 1024 * 1024;

    /** The size at which the journal is rotated: 1 MiB. */
    public static final long DEFAULT_MAX_BYTES = 1024 * 1024;
    /** How many rotated journals are kept: 3. */
    public static final int DEFAULT_KEEP = 3;

    private final Path stateDir;
    private final Path journal;
    private final long maxBytes;
    private final int keep;
    private final int mostRead;
    private final SecureFiles files;
    // a lambda, not ObjectMapper::new: a method reference would load Jackson when the adapter is made
    private final Lazy<ObjectMapper> json = Lazy.of(() -> new ObjectMapper());

    /**
     * No I/O happens here.
     *
     * @param stateDir the state directory
     */
    public FileAuditLogAdapter(Path stateDir) {
        this(stateDir, DEFAULT_MAX_BYTES, DEFAULT_KEEP);
    }

    /**
     * The journal in {@code stateDir}, rotated at {@code maxBytes} with {@code keep} old files kept. No I/O happens here.
     *
     * @param stateDir the state directory
     * @param maxBytes the size at which the journal is rotated
     * @param keep how many rotated journals are kept
     */
    public FileAuditLogAdapter(Path stateDir, long maxBytes, int keep) {
        this(stateDir, maxBytes, keep, MOST_READ);
    }

    /** As above, reading back at most the last {@code mostRead} bytes of each file (tests). */
    FileAuditLogAdapter(Path stateDir, long maxBytes, int keep, int mostRead) {
        this.mostRead = mostRead;
        this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
        this.journal = stateDir.resolve("audit.jsonl");
        this.maxBytes = maxBytes;
        this.keep = Math.max(1, keep);
        this.files = new SecureFiles(stateDir);
    }

    @Override
    public Either<AuthError, AuditEvent> record(AuditEvent event) {
        try {
            var line = json.get().writeValueAsBytes(toJson(event));
            var bytes = new byte[line.length + 1];
            System.arraycopy(line, 0, bytes, 0, line.length);
            bytes[line.length] = '\n';
            files.ensureDirectory(stateDir);
            try (var held = files.lock(stateDir.resolve(".audit.lock"))) {
                if (sizeOf(journal) + bytes.length > maxBytes) {
                    rotate();
                }
                append(bytes);
            }
            return Either.right(event);
        } catch (IOException e) {
            return Either.left(new AuthError.StorageFailure(
                    "cannot write the audit journal: " + SecureFiles.reason(e), Option.some(journal.toString())));
        }
    }

    /**
     * Appends one line, all or nothing: a torn last line (a writer died mid-line) is ended first so
     * the new event does not stick to it, and a write that fails (a full disk) is cut back off.
     */
    private void append(byte[] line) throws IOException {
        try (var channel = files.open(journal, true, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long before = channel.size();
            var bytes = line;
            if (before > 0 && lastByte(channel, before) != '\n') {
                bytes = new byte[line.length + 1];
                bytes[0] = '\n';
                System.arraycopy(line, 0, bytes, 1, line.length);
            }
            try {
                channel.position(before);
                SecureFiles.writeFully(channel, bytes);
                Durability.force(channel, false);
            } catch (IOException e) {
                try {
                    channel.truncate(before);
                    Durability.force(channel, false);
                } catch (IOException ignored) {
                    // the first failure is the one to report
                }
                throw e;
            }
        }
    }

    private static byte lastByte(FileChannel channel, long size) throws IOException {
        var one = ByteBuffer.allocate(1);
        channel.read(one, size - 1);
        return one.get(0);
    }

    private static long sizeOf(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .size();
        } catch (NoSuchFileException missing) {
            return 0;
        }
    }

    private void rotate() throws IOException {
        for (int i = keep; i >= 1; i--) {
            var from = i == 1 ? journal : rotated(i - 1);
            if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(from, rotated(i), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Durability.syncDirectory(stateDir);
    }

    private Path rotated(int generation) {
        return journal.resolveSibling(journal.getFileName() + "." + generation);
    }

    /**
     * The last {@code count} events of {@code account} (or all), oldest first: the journal read from
     * its end, then the rotated ones, each without following links and at most its last {@value
     * #MOST_READ} bytes. A line that does not read as an event (torn, edited) is left out.
     */
    @Override
    public Either<AuthError, io.vavr.collection.List<AuditEvent>> last(Option<AccountId> account, int count) {
        var found = new java.util.ArrayDeque<AuditEvent>();
        try {
            for (int generation = 0; generation <= keep && found.size() < count; generation++) {
                var lines = tailOf(generation == 0 ? journal : rotated(generation));
                for (int i = lines.length - 1; i >= 0 && found.size() < count; i--) {
                    fromJson(lines[i])
                            .filter(event ->
                                    account.forAll(id -> event.subject().contains(id.value())))
                            .forEach(found::addFirst);
                }
            }
        } catch (IOException e) {
            return Either.left(new AuthError.StorageFailure(
                    "cannot read the audit journal: " + SecureFiles.reason(e), Option.some(journal.toString())));
        }
        return Either.right(io.vavr.collection.List.ofAll(found));
    }

    /** The lines of the last {@value #MOST_READ} bytes of {@code file}; none when it is missing. */
    private String[] tailOf(Path file) throws IOException {
        try (var channel = files.open(file, false, StandardOpenOption.READ)) {
            long size = channel.size();
            // from one byte before the tail: a tail is read from the first line that begins in it
            long start = Math.max(0, size - mostRead - 1);
            var buffer = ByteBuffer.allocate((int) (size - start));
            channel.position(start);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // until the end as it was
            }
            var bytes = buffer.array();
            int offset = 0;
            if (start > 0) {
                while (offset < buffer.position() && bytes[offset] != '\n') {
                    offset++;
                }
                offset++;
            }
            // no line began in the tail: nothing (an empty line, left out as every blank one)
            return new String(
                            bytes,
                            Math.min(offset, buffer.position()),
                            buffer.position() - Math.min(offset, buffer.position()),
                            java.nio.charset.StandardCharsets.UTF_8)
                    .split("\n");
        } catch (NoSuchFileException missing) {
            return new String[0];
        }
    }

    private Option<AuditEvent> fromJson(String line) {
        if (line.isBlank()) {
            return Option.none();
        }
        try {
            var read = json.get().readValue(line, AuditLineJson.class);
            var type = io.vavr.collection.List.of(AuditEvent.Type.values())
                    .find(t -> t.label().equals(read.event()));
            if (read.time() == null || read.outcome() == null || type.isEmpty()) {
                return Option.none();
            }
            return Option.some(new AuditEvent(
                    java.time.Instant.parse(read.time()),
                    type.get(),
                    Option.of(read.subject()),
                    Option.of(read.msgId()),
                    Option.of(read.serverTime()).map(ServerTime::parse),
                    read.outcome()));
        } catch (IOException | RuntimeException e) {
            return Option.none();
        }
    }

    private static AuditLineJson toJson(AuditEvent event) {
        return new AuditLineJson(
                event.at().toString(),
                event.type().label(),
                event.subject().getOrNull(),
                event.msgId().getOrNull(),
                event.serverTime().map(ServerTime::raw).getOrNull(),
                event.outcome());
    }

    @Override
    public String toString() {
        return "FileAuditLogAdapter[" + journal + "]";
    }
}
