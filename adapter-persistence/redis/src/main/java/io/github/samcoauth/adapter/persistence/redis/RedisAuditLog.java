package io.github.samcoauth.adapter.persistence.redis;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.application.port.out.AuditHistoryPort;
import io.github.samcoauth.application.port.out.AuditLogPort;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.ServerTime;
import io.lettuce.core.XAddArgs;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.regex.Pattern;

/**
 * The audit journal beside the sessions, so that a fleet has one: a capped stream per account,
 * {@code PREFIX:{ACCOUNT}:audit} (in the account's cluster slot; about {@value #KEPT} entries, the
 * oldest trimmed by {@code XADD … MAXLEN ~}), and {@code PREFIX:{-}:audit} for an event of no
 * account. Fields: {@code time}, {@code event}, {@code subject}, {@code msgId}, {@code serverTime},
 * {@code outcome}; never a secret ({@link AuditEvent} holds none). Read back newest first, each
 * entry bounded in size before it is sent (what is in Redis is not trusted).
 */
final class RedisAuditLog implements AuditLogPort, AuditHistoryPort {

    /** About how many entries each account's stream keeps. */
    static final long KEPT = 1000;

    /** An entry is about 200 bytes; one above this is left out unread. */
    static final int MAX_ENTRY_BYTES = 2048;

    private static final int MAX_FIELDS = 12;

    private static final String NO_ACCOUNT = "-";

    private static final Pattern AUDIT_KEY = Pattern.compile(".*:\\{([A-Z0-9]{3,16}|-)\\}:audit");

    private final RedisConnection redis;
    private final String prefix;

    RedisAuditLog(RedisConnection redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    private String key(String account) {
        return prefix + ":{" + account + "}:audit";
    }

    @Override
    public Either<AuthError, AuditEvent> record(AuditEvent event) {
        var account = event.subject()
                .flatMap(subject -> AccountId.of(subject).toOption())
                .map(AccountId::value)
                .getOrElse(NO_ACCOUNT);
        var fields = new LinkedHashMap<String, String>();
        fields.put("time", event.at().toString());
        fields.put("event", event.type().label());
        event.subject().forEach(subject -> fields.put("subject", subject));
        event.msgId().forEach(id -> fields.put("msgId", id));
        event.serverTime().forEach(time -> fields.put("serverTime", time.raw()));
        fields.put("outcome", event.outcome());
        return redis.call(
                        "write the audit journal",
                        commands -> commands.xadd(
                                key(account), XAddArgs.Builder.maxlen(KEPT).approximateTrimming(true), fields))
                .map(id -> event);
    }

    @Override
    public Either<AuthError, List<AuditEvent>> last(Option<AccountId> account, int count) {
        var streams = account.isDefined()
                ? Either.<AuthError, List<String>>right(
                        List.of(key(account.get().value())))
                : everyStream();
        if (streams.isLeft()) {
            return Either.left(streams.getLeft());
        }
        var events = List.<AuditEvent>empty();
        for (var stream : streams.get()) {
            var read = redis.call(
                    "read the audit journal",
                    commands -> redis.script(RedisScripts.AUDIT_READ)
                            .<java.util.List<Object>>run(
                                    commands,
                                    new String[] {stream},
                                    Integer.toString(count),
                                    Integer.toString(MAX_ENTRY_BYTES),
                                    Integer.toString(MAX_FIELDS)));
            if (read.isLeft()) {
                return Either.left(read.getLeft());
            }
            for (var entry : read.get()) {
                events = events.appendAll(fromFields(entry));
            }
        }
        return Either.right(events);
    }

    /** Every audit stream under the prefix (each primary's, on a cluster). */
    private Either<AuthError, List<String>> everyStream() {
        return redis.call(
                "list the audit journals",
                commands -> RedisKeys.scan(
                        commands,
                        prefix + ":{*}:audit",
                        key -> key.startsWith(prefix + ":{")
                                        && AUDIT_KEY.matcher(key).matches()
                                ? key
                                : null));
    }

    /** An entry as the script sent it (field, value, …); none when it does not read as an event. */
    private static Option<AuditEvent> fromFields(Object entry) {
        if (!(entry instanceof java.util.List<?> raw)) {
            return Option.none();
        }
        var fields = new java.util.HashMap<String, String>();
        for (int i = 0; i + 1 < raw.size(); i += 2) {
            fields.put(RedisSessionStoreAdapter.text(raw.get(i)), RedisSessionStoreAdapter.text(raw.get(i + 1)));
        }
        var type = List.of(AuditEvent.Type.values()).find(t -> t.label().equals(fields.get("event")));
        if (type.isEmpty() || fields.get("time") == null || fields.get("outcome") == null) {
            return Option.none();
        }
        try {
            return Option.some(new AuditEvent(
                    Instant.parse(fields.get("time")),
                    type.get(),
                    Option.of(fields.get("subject")),
                    Option.of(fields.get("msgId")),
                    Option.of(fields.get("serverTime")).map(ServerTime::parse),
                    fields.get("outcome")));
        } catch (RuntimeException e) {
            return Option.none();
        }
    }

    @Override
    public String toString() {
        return "RedisAuditLog[" + prefix + ":{ACCOUNT}:audit]";
    }
}
