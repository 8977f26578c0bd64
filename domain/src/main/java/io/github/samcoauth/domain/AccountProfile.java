package io.github.samcoauth.domain;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.Objects;
import java.util.function.Function;

/**
 * Who logged in and what the account may trade, as Samco reported it at login.
 *
 * @param accountId the account code
 * @param accountName the account holder's name
 * @param exchanges the exchanges the account may trade on, in Samco's order
 * @param orderTypes the order types the account may use, in Samco's order
 * @param products the products the account may use, in Samco's order
 */
public record AccountProfile(
        AccountId accountId,
        String accountName,
        List<Exchange> exchanges,
        List<OrderType> orderTypes,
        List<Product> products) {

    private static final int MAX_NAME = 200;

    /**
     * Checks that no part is missing; {@link #of} says what is wrong with raw values instead of throwing.
     *
     * @param accountId the account code
     * @param accountName the account holder's name
     * @param exchanges the exchanges the account may trade on, in Samco's order
     * @param orderTypes the order types the account may use, in Samco's order
     * @param products the products the account may use, in Samco's order
     */
    public AccountProfile {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(exchanges, "exchanges");
        Objects.requireNonNull(orderTypes, "orderTypes");
        Objects.requireNonNull(products, "products");
        if (!validName(accountName)) {
            throw new IllegalArgumentException("not an account name; use AccountProfile.of");
        }
    }

    /**
     * Builds a profile from raw values, reporting every bad field at once. Codes keep Samco's order;
     * unknown codes are kept.
     *
     * @param accountId the account code
     * @param accountName the account holder's name, as Samco gives it
     * @param exchanges the exchange codes the account may trade on
     * @param orderTypes the order type codes the account may use
     * @param products the product codes the account may use
     * @return the profile, or every field that is wrong
     */
    public static Either<Seq<DomainError>, AccountProfile> of(
            String accountId,
            String accountName,
            Iterable<String> exchanges,
            Iterable<String> orderTypes,
            Iterable<String> products) {
        return Validation.combine(
                        Validation.fromEither(AccountId.of(accountId)).mapError(List::of),
                        name(accountName),
                        codes(exchanges, "exchanges", Exchange::of),
                        codes(orderTypes, "order types", OrderType::of),
                        codes(products, "products", Product::of))
                .ap(AccountProfile::new)
                .mapError(errors -> errors.flatMap(Function.identity()))
                .toEither();
    }

    private static Validation<List<DomainError>, String> name(String raw) {
        if (raw == null) {
            return Validation.invalid(List.of(new DomainError.Blank("account name")));
        }
        var stripped = raw.strip();
        return validName(stripped)
                ? Validation.valid(stripped)
                : Validation.invalid(List.of(new DomainError.Malformed(
                        "account name", "up to " + MAX_NAME + " characters without control characters")));
    }

    private static boolean validName(String name) {
        return name != null && name.length() <= MAX_NAME && Text.printable(name);
    }

    private static <T> Validation<List<DomainError>, List<T>> codes(
            Iterable<String> raw, String field, Function<String, Either<DomainError, T>> factory) {
        if (raw == null) {
            return Validation.invalid(List.of(new DomainError.Blank(field)));
        }
        var values = new ArrayList<T>();
        var errors = new ArrayList<DomainError>();
        for (var code : raw) {
            var parsed = factory.apply(code);
            if (parsed.isRight()) {
                values.add(parsed.get());
            } else {
                errors.add(parsed.getLeft());
            }
        }
        return errors.isEmpty() ? Validation.valid(List.ofAll(values)) : Validation.invalid(List.ofAll(errors));
    }
}
