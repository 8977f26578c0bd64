package io.github.samcoauth.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.AccountProfile;
import io.github.samcoauth.domain.DomainError;
import io.github.samcoauth.domain.Exchange;
import io.github.samcoauth.domain.OrderType;
import io.github.samcoauth.domain.Product;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.domain.SessionToken;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * Sessions as files: {@code <stateDir>/sessions/<accountId>.json}, owner-only, replaced atomically.
 *
 * <p>A save writes a temporary file beside the target, syncs it, renames it over the target and
 * syncs the directory: a crash at any instant leaves the old complete file or the new one. Saves
 * and deletes of one account are serialised across processes with a lock file; readers need no
 * lock because a rename is atomic. Parsed sessions are cached per file identity (inode, size,
 * modification time), so repeated reads of an unchanged file cost one {@code stat}.
 */
public final class FileSessionStoreAdapter implements SessionStorePort {

    private static final Pattern SESSION_FILE = Pattern.compile("([A-Z0-9]{3,16})\\.json");
    private static final String TEMP_SUFFIX = ".tmp";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path sessionsDir;
    private final Clock clock;
    private final SecureFiles files;
    /** Built on first use: listing an empty or missing directory needs no JSON at all. */
    private final io.vavr.Lazy<ObjectMapper> mapper = io.vavr.Lazy.of(
            () -> new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false));

    private final ConcurrentMap<AccountId, Cached> cache = new ConcurrentHashMap<>();

    /** No I/O happens here; directories are created by the first save. */
    public FileSessionStoreAdapter(Path stateDir, Clock clock) {
        this.sessionsDir = Objects.requireNonNull(stateDir, "stateDir").resolve("sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.files = new SecureFiles(stateDir);
    }

    public Path sessionsDirectory() {
        return sessionsDir;
    }

    Path fileOf(AccountId account) {
        return sessionsDir.resolve(account.value() + ".json");
    }

    private Path lockOf(AccountId account) {
        return sessionsDir.resolve("." + account.value() + ".lock");
    }

    // --- writes ------------------------------------------------------------------------------

    @Override
    public Either<AuthError, Session> save(Session session) {
        var target = fileOf(session.accountId());
        byte[] bytes;
        try {
            bytes = mapper.get().writeValueAsBytes(toJson(session));
        } catch (JsonProcessingException e) {
            return Either.left(new AuthError.StorageFailure("cannot encode the session", Option.none()));
        }
        try {
            files.ensureDirectory(sessionsDir.getParent());
            files.ensureDirectory(sessionsDir);
            try (var held = files.lock(lockOf(session.accountId()))) {
                removeStaleTemporaries(session.accountId());
                var temp = sessionsDir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
                try {
                    try (var channel = files.createNew(temp)) {
                        SecureFiles.writeFully(channel, bytes);
                        channel.force(true);
                    }
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(temp);
                }
                SecureFiles.syncDirectory(sessionsDir);
            }
            return Either.right(session);
        } catch (IOException e) {
            return Either.left(new AuthError.StorageFailure(
                    "cannot save the session: " + SecureFiles.reason(e), Option.some(target.toString())));
        }
    }

    @Override
    public Either<AuthError, Boolean> delete(AccountId account) {
        var target = fileOf(account);
        if (!Files.isDirectory(sessionsDir)) {
            return Either.right(false);
        }
        try (var held = files.lock(lockOf(account))) {
            boolean existed = Files.deleteIfExists(target);
            removeStaleTemporaries(account);
            if (existed) {
                SecureFiles.syncDirectory(sessionsDir);
            }
            cache.remove(account);
            return Either.right(existed);
        } catch (IOException e) {
            return Either.left(new AuthError.StorageFailure(
                    "cannot remove the session: " + SecureFiles.reason(e), Option.some(target.toString())));
        }
    }

    /** Temporary files left by a writer that crashed; only called under the account's lock. */
    private void removeStaleTemporaries(AccountId account) throws IOException {
        var prefix = "." + account.value() + ".json.";
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(
                sessionsDir,
                p -> p.getFileName().toString().startsWith(prefix)
                        && p.toString().endsWith(TEMP_SUFFIX))) {
            for (var stale : stream) {
                Files.deleteIfExists(stale);
            }
        }
    }

    // --- reads -------------------------------------------------------------------------------

    @Override
    public Either<AuthError, Option<Session>> find(AccountId account) {
        return read(account, fileOf(account));
    }

    @Override
    public Either<AuthError, List<Session>> findAll() {
        if (!Files.isDirectory(sessionsDir)) {
            return Either.right(List.empty());
        }
        List<AccountId> accounts;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(sessionsDir)) {
            accounts = List.ofAll(stream)
                    .map(p -> SESSION_FILE.matcher(p.getFileName().toString()))
                    .filter(java.util.regex.Matcher::matches)
                    .map(m -> new AccountId(m.group(1)))
                    .sorted();
        } catch (IOException e) {
            return Either.left(new AuthError.StorageFailure(
                    "cannot list the sessions: " + SecureFiles.reason(e), Option.some(sessionsDir.toString())));
        }
        return Either.sequenceRight(accounts.map(this::find))
                .map(found -> List.ofAll(found).flatMap(o -> o));
    }

    private Either<AuthError, Option<Session>> read(AccountId account, Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            cache.remove(account);
            return Either.right(Option.none());
        } catch (IOException e) {
            return unreadable(file, e);
        }
        var identity = Identity.of(attributes);
        var cached = cache.get(account);
        if (cached != null && cached.identity().equals(identity)) {
            return Either.right(Option.some(cached.session()));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Either.right(Option.none());
        } catch (IOException e) {
            return unreadable(file, e);
        }
        return parse(account, bytes)
                .fold(
                        problem -> problem.newerFormat()
                                ? Either.left(problem.error(file))
                                : quarantine(account, file, problem),
                        session -> {
                            cache.put(account, new Cached(identity, session));
                            return Either.right(Option.some(session));
                        });
    }

    private static Either<AuthError, Option<Session>> unreadable(Path file, IOException e) {
        return Either.left(new AuthError.StorageFailure(
                "cannot read the session file: " + SecureFiles.reason(e), Option.some(file.toString())));
    }

    /**
     * Moves a corrupt file aside (never deletes it) and reports where it went. Under the account's
     * lock the file is read again first: another process may just have replaced it with a good one.
     */
    private Either<AuthError, Option<Session>> quarantine(AccountId account, Path file, Problem problem) {
        try (var held = files.lock(lockOf(account))) {
            byte[] again;
            try {
                again = Files.readAllBytes(file);
            } catch (NoSuchFileException gone) {
                return Either.right(Option.none());
            }
            var reparsed = parse(account, again);
            if (reparsed.isRight()) {
                return Either.right(Option.some(reparsed.get()));
            }
            var aside = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(clock.instant()));
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            SecureFiles.syncDirectory(sessionsDir);
            cache.remove(account);
            return Either.left(new AuthError.StorageFailure(
                    "the session file was " + problem.what() + "; it was moved aside, log in again",
                    Option.some(aside.toString())));
        } catch (IOException e) {
            return Either.left(new AuthError.StorageFailure(
                    "the session file is " + problem.what() + " and could not be moved aside: " + SecureFiles.reason(e),
                    Option.some(file.toString())));
        }
    }

    // --- format ------------------------------------------------------------------------------

    private static SessionJson toJson(Session session) {
        var profile = session.profile();
        return new SessionJson(
                SessionJson.FORMAT,
                session.accountId().value(),
                profile.accountName(),
                profile.exchanges().map(Exchange::code).asJava(),
                profile.orderTypes().map(OrderType::code).asJava(),
                profile.products().map(Product::code).asJava(),
                session.token().value(),
                session.issuedAt().toString(),
                session.expiresAt().toString());
    }

    private Either<Problem, Session> parse(AccountId account, byte[] bytes) {
        if (bytes.length == 0) {
            return Either.left(new Problem("empty", false));
        }
        JsonNode tree;
        try {
            tree = mapper.get().readTree(bytes);
        } catch (IOException e) {
            return Either.left(new Problem("not valid JSON", false));
        }
        if (tree == null || !tree.isObject() || !tree.path("format").canConvertToInt()) {
            return Either.left(new Problem("not a session file", false));
        }
        int format = tree.path("format").intValue();
        if (format > SessionJson.FORMAT) {
            return Either.left(new Problem("written by a newer samco-auth (format " + format + ")", true));
        }
        if (format != SessionJson.FORMAT) {
            return Either.left(new Problem("of an unknown format " + format, false));
        }
        SessionJson stored;
        try {
            stored = mapper.get().treeToValue(tree, SessionJson.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Either.left(new Problem("not a session file", false));
        }
        var session = toSession(stored);
        if (session.isLeft()) {
            return Either.left(new Problem("invalid (" + session.getLeft().message() + ")", false));
        }
        if (!session.get().accountId().equals(account)) {
            return Either.left(new Problem("the session of another account", false));
        }
        return Either.right(session.get());
    }

    private static Either<DomainError, Session> toSession(SessionJson stored) {
        return SessionToken.of(stored.sessionToken())
                .flatMap(token -> AccountProfile.of(
                                stored.accountId(),
                                stored.accountName(),
                                stored.exchanges(),
                                stored.orderTypes(),
                                stored.products())
                        .mapLeft(errors -> errors.head())
                        .flatMap(profile -> instant(stored.issuedAt(), "issued at")
                                .flatMap(issued -> instant(stored.expiresAt(), "expires at")
                                        .flatMap(expires -> Session.of(token, profile, issued, expires)))));
    }

    private static Either<DomainError, Instant> instant(String raw, String field) {
        if (raw == null) {
            return Either.left(new DomainError.Blank(field));
        }
        try {
            return Either.right(Instant.parse(raw));
        } catch (DateTimeParseException e) {
            return Either.left(new DomainError.Malformed(field, "an ISO-8601 instant"));
        }
    }

    /** Why a file could not be read as a session. */
    private record Problem(String what, boolean newerFormat) {
        AuthError error(Path file) {
            return new AuthError.StorageFailure(
                    "the session file was " + what + "; upgrade samco-auth to read it (the file is left untouched)",
                    Option.some(file.toString()));
        }
    }

    /** Which version of a file a parsed session came from. */
    private record Identity(Object fileKey, long size, Instant modified) {
        static Identity of(BasicFileAttributes attributes) {
            return new Identity(
                    attributes.fileKey(),
                    attributes.size(),
                    attributes.lastModifiedTime().toInstant());
        }
    }

    private record Cached(Identity identity, Session session) {}

    @Override
    public String toString() {
        return "FileSessionStoreAdapter[" + sessionsDir + "]";
    }
}
