package io.github.samcoauth.adapter.persistence.redis;

import io.github.samcoauth.domain.AccountId;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.vavr.collection.List;
import java.util.function.Function;

/**
 * The documented key layout: per account, in one cluster hash slot, {@code PREFIX:{ACCOUNT}:session},
 * {@code …:generation}, {@code …:lock} and the channel {@code …:changes}. No secret is in a name.
 */
record RedisKeys(String prefix) {

    String key(AccountId account, String what) {
        return prefix + ":{" + account.value() + "}:" + what;
    }

    /** Session, generation and lock, in the order the scripts take them. */
    String[] session(AccountId account) {
        return new String[] {key(account, "session"), key(account, "generation"), key(account, "lock")};
    }

    String lock(AccountId account) {
        return key(account, "lock");
    }

    String channel(AccountId account) {
        return key(account, "changes");
    }

    /**
     * What {@code found} makes of each key matching {@code match} (null: left out), sorted and
     * without repeats: {@code SCAN} over the whole keyspace (every primary on a cluster), at most
     * 10,000 results and 10,000 pages, so a planted flood of keys cannot hold a caller forever.
     */
    static List<String> scan(
            RedisClusterCommands<String, String> commands, String match, Function<String, String> found) {
        var all = new java.util.TreeSet<String>();
        ScanCursor cursor = ScanCursor.INITIAL;
        var args = ScanArgs.Builder.matches(match).limit(500);
        int rounds = 0;
        do {
            KeyScanCursor<String> page = commands.scan(cursor, args);
            for (var key : page.getKeys()) {
                if (all.size() == 10_000) {
                    return List.ofAll(all);
                }
                var kept = found.apply(key);
                if (kept != null) {
                    all.add(kept);
                }
            }
            cursor = page;
        } while (!cursor.isFinished() && ++rounds < 10_000);
        return List.ofAll(all);
    }
}
