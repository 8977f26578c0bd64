package io.github.samcoauth.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.AccountProfile;
import io.github.samcoauth.domain.DomainError;
import io.github.samcoauth.domain.Exchange;
import io.github.samcoauth.domain.LoginMethod;
import io.github.samcoauth.domain.OrderType;
import io.github.samcoauth.domain.Origin;
import io.github.samcoauth.domain.Product;
import io.github.samcoauth.domain.RefreshGrant;
import io.github.samcoauth.domain.RefreshToken;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.domain.SessionToken;
import io.vavr.Lazy;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The session's JSON and its format versions, one schema for every store (a file holds it as is;
 * Redis frames, seals and binds it in a value of its own): encodes the current format, decodes it,
 * tells a newer format (left untouched, the user upgrades) from a corrupt one.
 */
public final class SessionJsonCodec {

    /** A codec; Jackson is loaded on its first use. */
    public SessionJsonCodec() {}

    /**
     * Why bytes could not be read as a session.
     *
     * @param newerFormat whether the file was written by a newer version of samco-auth
     * @param what what is wrong, safe to show
     */
    public record Problem(String what, boolean newerFormat) {}

    /** Built on first use: listing an empty or missing directory needs no JSON at all. */
    private final Lazy<ObjectMapper> mapper =
            Lazy.of(() -> new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false));

    /**
     * The session as the JSON of a session file.
     *
     * @param session the session
     * @return its JSON, in UTF-8
     * @throws java.io.IOException when Jackson cannot write it
     */
    public byte[] encode(Session session) throws java.io.IOException {
        var profile = session.profile();
        return mapper.get()
                .writeValueAsBytes(new SessionJson(
                        SessionJson.FORMAT,
                        session.accountId().value(),
                        profile.accountName(),
                        profile.exchanges().map(Exchange::code).asJava(),
                        profile.orderTypes().map(OrderType::code).asJava(),
                        profile.products().map(Product::code).asJava(),
                        session.token().value(),
                        session.issuedAt().toString(),
                        session.expiresAt().toString(),
                        session.method().label(),
                        session.refresh().map(r -> r.token().value()).getOrNull(),
                        session.refresh().map(r -> r.expiresAt().toString()).getOrNull(),
                        session.origin().toString()));
    }

    /**
     * The session of {@code account} in {@code bytes}, or what is wrong with them.
     *
     * @param account the account the file belongs to
     * @param bytes the file's content
     * @return the session, or what is wrong with the content
     */
    public Either<Problem, Session> decode(AccountId account, byte[] bytes) {
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
        if (format < 1) {
            return Either.left(new Problem("of an unknown format " + format, false));
        }
        SessionJson stored;
        try {
            stored = mapper.get().treeToValue(tree, SessionJson.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Either.left(new Problem("not a session file", false));
        }
        var session = toSession(stored, format);
        if (session.isLeft()) {
            return Either.left(new Problem("invalid (" + session.getLeft().message() + ")", false));
        }
        if (!session.get().accountId().equals(account)) {
            return Either.left(new Problem("the session of another account", false));
        }
        return Either.right(session.get());
    }

    private static Either<DomainError, Session> toSession(SessionJson stored, int format) {
        var method = format == 1
                ? Either.<DomainError, LoginMethod>right(LoginMethod.LOGIN_CODE)
                : LoginMethod.of(stored.method());
        return method.flatMap(m -> toSession(stored, m));
    }

    private static Either<DomainError, Session> toSession(SessionJson stored, LoginMethod method) {
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
                                        .flatMap(expires -> refresh(stored)
                                                .flatMap(refresh -> origin(stored)
                                                        .flatMap(origin -> Session.of(
                                                                        token, profile, issued, expires, method,
                                                                        refresh)
                                                                .map(session -> session.at(origin))))))));
    }

    /** A session stored before origins were recorded belongs to Samco's production API. */
    private static Either<DomainError, Origin> origin(SessionJson stored) {
        return stored.origin() == null ? Either.right(Origin.DEFAULT) : Origin.of(stored.origin());
    }

    private static Either<DomainError, Option<RefreshGrant>> refresh(SessionJson stored) {
        if (stored.refreshToken() == null) {
            return Either.right(Option.none());
        }
        return RefreshToken.of(stored.refreshToken())
                .flatMap(token -> instant(stored.refreshExpiresAt(), "refresh expires at")
                        .map(expires -> Option.some(new RefreshGrant(token, expires))));
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
}
