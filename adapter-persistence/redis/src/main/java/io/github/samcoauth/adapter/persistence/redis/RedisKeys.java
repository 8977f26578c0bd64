package io.github.samcoauth.adapter.persistence.redis;

import io.github.samcoauth.domain.AccountId;

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
}
