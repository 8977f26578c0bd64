package io.github.samcoauth.domain;

import io.vavr.control.Either;

/**
 * The account code Samco returns after login ({@code RM3XXXXX}).
 *
 * @param value the code, trimmed and upper-case
 */
public record AccountId(String value) implements Comparable<AccountId> {

    /**
     * Checks the code; {@link #of(String)} says what is wrong with one instead of throwing.
     *
     * @param value the code, trimmed and upper-case
     */
    public AccountId {
        if (!Text.isClientCode(value)) {
            throw new IllegalArgumentException("not an account code; use AccountId.of");
        }
    }

    /**
     * Trims and upper-cases; 3 to 16 letters or digits.
     *
     * @param raw the code as typed or as Samco sent it
     * @return the account code, or why {@code raw} is not one
     */
    public static Either<DomainError, AccountId> of(String raw) {
        return Text.clientCode(raw, "account id").map(AccountId::new);
    }

    @Override
    public int compareTo(AccountId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
