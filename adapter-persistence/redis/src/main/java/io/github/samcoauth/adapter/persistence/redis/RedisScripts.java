package io.github.samcoauth.adapter.persistence.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Lua scripts that make each step atomic in Redis. Every key a script touches belongs to one
 * account and shares its cluster hash slot ({@code PREFIX:{ACCOUNT}:…}).
 */
final class RedisScripts {

    /** A script sent by its SHA-1 after the first time. */
    record Script(String text, String sha, ScriptOutputType output) {
        static Script of(String text, ScriptOutputType output) {
            try {
                var sha = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
                return new Script(text, HexFormat.of().formatHex(sha), output);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is part of every JDK", e);
            }
        }

        <T> T run(RedisClusterCommands<String, String> redis, String[] keys, String... args) {
            try {
                return redis.evalsha(sha, output, keys, args);
            } catch (RedisNoScriptException e) {
                return redis.eval(text, output, keys, args);
            }
        }
    }

    private static final java.util.Map<Script, Script> SHARDED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * {@code script} as a Redis Cluster runs it: publishing with {@code SPUBLISH} to the account's
     * shard channel (in its keys' slot, so the message stays on their node and its replicas)
     * instead of {@code PUBLISH}, which a cluster sends to every node.
     */
    static Script sharded(Script script) {
        return SHARDED.computeIfAbsent(
                script,
                plain -> Script.of(
                        plain.text().replace("redis.call('PUBLISH'", "redis.call('SPUBLISH'"), plain.output()));
    }

    /**
     * KEYS: session, generation. ARGV: largest value read. Returns {value or '', generation or '0'};
     * a value above the limit is not sent at all ('!' instead), so a planted giant cannot fill the
     * heap.
     */
    static final Script READ = Script.of("""
            local size = redis.call('STRLEN', KEYS[1])
            local generation = redis.call('GET', KEYS[2]) or '0'
            if string.len(generation) > 20 then generation = '-1' end
            if size > tonumber(ARGV[1]) then return {'!', generation} end
            return {redis.call('GET', KEYS[1]) or '', generation}
            """, ScriptOutputType.MULTI);

    /**
     * The check every writing script makes before it writes anything: a generation that is not a
     * small number (written by hand, or by something else) stops the script with an error, so that
     * nothing is half-written.
     */
    private static final String GENERATION_CHECK = """
            local seen = redis.call('GET', KEYS[2])
            if seen and (string.len(seen) > 18 or not string.match(seen, '^%d+$')) then
              return redis.error_reply('SAMCO-GENERATION the generation key does not hold a number: nothing was written')
            end
            """;

    /**
     * KEYS: session, generation, lock. ARGV: value, expire-at (ms), the generation the value follows,
     * lease owner or '', channel. Checks first: the generation is a number, the lease (when one is
     * named) is still its owner's, and the generation is the one the value was sealed to follow.
     * Then stores, counts a generation, ends the lease and tells the fleet, in one step; returns
     * the new generation. A generation that moved meanwhile returns {@code -1 - generation} and
     * writes nothing (the caller seals for it and tries again).
     */
    static final Script WRITE = Script.of(GENERATION_CHECK + """
            if ARGV[4] ~= '' and redis.call('GET', KEYS[3]) ~= ARGV[4] then
              return redis.error_reply('SAMCO-LEASE the renewal lease is no longer held by this instance: nothing was written')
            end
            local current = tonumber(seen or '0')
            if current ~= tonumber(ARGV[3]) then return -1 - current end
            redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
            local generation = redis.call('INCR', KEYS[2])
            if ARGV[4] ~= '' then redis.call('DEL', KEYS[3]) end
            redis.call('PUBLISH', ARGV[5], generation)
            return generation
            """, ScriptOutputType.INTEGER);

    /** KEYS: session, generation. ARGV: channel. Removes, counts a generation, tells; 1 when there was one. */
    static final Script DELETE = Script.of(GENERATION_CHECK + """
            if redis.call('DEL', KEYS[1]) == 0 then return 0 end
            local generation = redis.call('INCR', KEYS[2])
            redis.call('PUBLISH', ARGV[1], generation)
            return 1
            """, ScriptOutputType.INTEGER);

    /**
     * KEYS: session, generation. ARGV: value, expire-at (ms), generation, channel. Puts back a session
     * a store restarted empty has lost: only when there is none and the counter is below the one
     * given; 1 when this call did it.
     */
    static final Script RESTORE = Script.of(GENERATION_CHECK + """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[3]) then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
            redis.call('SET', KEYS[2], ARGV[3])
            redis.call('PUBLISH', ARGV[4], ARGV[3])
            return 1
            """, ScriptOutputType.INTEGER);

    /**
     * KEYS: lock, generation. ARGV: owner, time to live (ms). Returns {outcome, generation or '0'}:
     * outcome 1 when the lock was free and is now the owner's. A lock held with no expiry, or with
     * one longer than the time to live, is nobody's live lease (a holder's watchdog keeps it at
     * most that long): it is cut to the time to live, so it lapses soon, and the caller is told
     * (2). Else 0.
     */
    static final Script TAKE = Script.of("""
            local generation = redis.call('GET', KEYS[2]) or '0'
            if string.len(generation) > 20 then generation = '-1' end
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {1, generation} end
            if redis.call('PEXPIRE', KEYS[1], ARGV[2], 'LT') == 1 then return {2, generation} end
            return {0, generation}
            """, ScriptOutputType.MULTI);

    /** KEYS: lock. ARGV: owner. Compare-and-delete: 1 when the lock was the owner's. */
    /**
     * KEYS: an account's audit stream. ARGV: how many of its newest entries, the largest entry read
     * (its values' bytes), the most fields. Returns each entry's fields and values, newest first;
     * an entry above either limit is left out unsent, and a key that is no stream reads as empty.
     */
    static final Script AUDIT_READ = Script.of("""
            local entries = redis.pcall('XREVRANGE', KEYS[1], '+', '-', 'COUNT', ARGV[1])
            if type(entries) == 'table' and entries.err then
              if string.find(entries.err, 'WRONGTYPE') then return {} end
              return redis.error_reply(entries.err)
            end
            local out = {}
            for _, entry in ipairs(entries) do
              local fields = entry[2]
              local size = 0
              for _, value in ipairs(fields) do size = size + string.len(value) end
              if #fields <= tonumber(ARGV[3]) and size <= tonumber(ARGV[2]) then table.insert(out, fields) end
            end
            return out
            """, ScriptOutputType.MULTI);

    static final Script RELEASE = Script.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """, ScriptOutputType.INTEGER);

    /** KEYS: lock. ARGV: owner, time to live (ms). The watchdog: 1 when the lock was still the owner's. */
    static final Script PROLONG = Script.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0
            """, ScriptOutputType.INTEGER);

    /** KEYS: generation, lock. Returns {generation or '0', 1 when the lock is held}. */
    static final Script WATCH = Script.of("""
            return {redis.call('GET', KEYS[1]) or '0', redis.call('EXISTS', KEYS[2])}
            """, ScriptOutputType.MULTI);

    private RedisScripts() {}
}
