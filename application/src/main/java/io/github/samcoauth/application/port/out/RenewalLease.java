package io.github.samcoauth.application.port.out;

import io.github.samcoauth.domain.AccountId;
import java.util.Objects;

/**
 * An account's renewal lock, held by this instance: {@code owner} is a random value of its own (not
 * a secret), so that only the holder can release it.
 */
public record RenewalLease(AccountId account, String owner) {

    public RenewalLease {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(owner, "owner");
    }
}
