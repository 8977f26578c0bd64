package io.github.samcoauth.domain;

import io.vavr.collection.List;
import io.vavr.control.Either;

/**
 * An order type the account may place ({@code MKT}, {@code L}, {@code SL}, {@code SL-M}). Samco adds codes over time, so this is an open set: the codes
 * its documentation names are constants, any other code is kept as itself.
 *
 * @param code the order type's code, e.g. {@code MKT}
 */
public record OrderType(String code) {

    /** A market order ({@code MKT}). */
    public static final OrderType MARKET = new OrderType("MKT");
    /** A limit order ({@code L}). */
    public static final OrderType LIMIT = new OrderType("L");
    /** A stop-loss limit order ({@code SL}). */
    public static final OrderType STOP_LOSS = new OrderType("SL");
    /** A stop-loss market order ({@code SL-M}). */
    public static final OrderType STOP_LOSS_MARKET = new OrderType("SL-M");

    /** The codes Samco documents. */
    public static final List<OrderType> KNOWN = List.of(MARKET, LIMIT, STOP_LOSS, STOP_LOSS_MARKET);

    /**
     * Checks the code; {@link #of(String)} says what is wrong with one instead of throwing.
     *
     * @param code the order type's code, e.g. {@code MKT}
     */
    public OrderType {
        if (!MarketCodes.valid(code)) {
            throw new IllegalArgumentException("not a code; use OrderType.of");
        }
    }

    /**
     * Trims; any non-blank code of up to 32 printable characters, known or not.
     *
     * @param raw the code as Samco sent it
     * @return the order type, or why {@code raw} is not a code
     */
    public static Either<DomainError, OrderType> of(String raw) {
        return MarketCodes.parse(raw, "order type").map(OrderType::new);
    }

    /**
     * Whether Samco's documentation names this code.
     *
     * @return {@code true} for the codes above
     */
    public boolean isKnown() {
        return KNOWN.contains(this);
    }

    @Override
    public String toString() {
        return code;
    }
}
