package io.github.samcoauth.domain;

import io.vavr.control.Either;

/**
 * The client code Samco assigns when an account is opened ({@code DV99999}).
 *
 * @param value the user id, trimmed and upper-case
 */
public record Uid(String value) {

    /**
     * Checks the id; {@link #of(String)} says what is wrong with one instead of throwing.
     *
     * @param value the user id, trimmed and upper-case
     */
    public Uid {
        if (!Text.isClientCode(value)) {
            throw new IllegalArgumentException("not a client code; use Uid.of");
        }
    }

    /**
     * Trims and upper-cases; 3 to 16 letters or digits.
     *
     * @param raw the user id as typed
     * @return the user id, or why {@code raw} is not one
     */
    public static Either<DomainError, Uid> of(String raw) {
        return Text.clientCode(raw, "uid").map(Uid::new);
    }

    /**
     * The account this user id logs in to: Samco uses one code for both.
     *
     * @return the account code, equal to this id
     */
    public AccountId asAccountId() {
        return new AccountId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
