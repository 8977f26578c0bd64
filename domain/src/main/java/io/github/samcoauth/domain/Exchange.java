package io.github.samcoauth.domain;

import io.vavr.collection.List;
import io.vavr.control.Either;

/**
 * A trading venue the account may use ({@code NSE}, {@code BSE}, …). Samco adds codes over time, so this is an open set: the codes
 * its documentation names are constants, any other code is kept as itself.
 *
 * @param code the exchange's code, e.g. {@code NSE}
 */
public record Exchange(String code) {

    /** BSE futures and options. */
    public static final Exchange BFO = new Exchange("BFO");
    /** The Bombay Stock Exchange, cash. */
    public static final Exchange BSE = new Exchange("BSE");
    /** Currency derivatives. */
    public static final Exchange CDS = new Exchange("CDS");
    /** The Multi Commodity Exchange. */
    public static final Exchange MCX = new Exchange("MCX");
    /** The National Stock Exchange, cash. */
    public static final Exchange NSE = new Exchange("NSE");
    /** NSE futures and options. */
    public static final Exchange NFO = new Exchange("NFO");

    /** The codes Samco documents. */
    public static final List<Exchange> KNOWN = List.of(BFO, BSE, CDS, MCX, NSE, NFO);

    /**
     * Checks the code; {@link #of(String)} says what is wrong with one instead of throwing.
     *
     * @param code the exchange's code, e.g. {@code NSE}
     */
    public Exchange {
        if (!MarketCodes.valid(code)) {
            throw new IllegalArgumentException("not a code; use Exchange.of");
        }
    }

    /**
     * Trims; any non-blank code of up to 32 printable characters, known or not.
     *
     * @param raw the code as Samco sent it
     * @return the exchange, or why {@code raw} is not a code
     */
    public static Either<DomainError, Exchange> of(String raw) {
        return MarketCodes.parse(raw, "exchange").map(Exchange::new);
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
