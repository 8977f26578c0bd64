package io.github.samcoauth.adapter.persistence;

import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.Session;
import io.vavr.control.Option;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Parsed sessions, each kept with the identity of the file version it came from (inode, size,
 * modification time): an unchanged file costs one {@code stat}, a replaced one is read again.
 */
final class SessionCache {

    /** Which version of a file a parsed session came from. */
    record Identity(Object fileKey, long size, Instant modified) {
        static Identity of(BasicFileAttributes attributes) {
            return new Identity(
                    attributes.fileKey(),
                    attributes.size(),
                    attributes.lastModifiedTime().toInstant());
        }
    }

    private record Entry(Identity identity, Session session) {}

    private final ConcurrentMap<AccountId, Entry> entries = new ConcurrentHashMap<>();

    /** The session parsed from exactly this version of the account's file, if it was. */
    Option<Session> get(AccountId account, Identity identity) {
        var entry = entries.get(account);
        return entry != null && entry.identity().equals(identity) ? Option.some(entry.session()) : Option.none();
    }

    void put(AccountId account, Identity identity, Session session) {
        entries.put(account, new Entry(identity, session));
    }

    void forget(AccountId account) {
        entries.remove(account);
    }
}
