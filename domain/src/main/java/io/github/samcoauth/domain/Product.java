package io.github.samcoauth.domain;

import io.vavr.collection.List;
import io.vavr.control.Either;

/**
 * A product the account may trade ({@code CNC} cash-and-carry, {@code MIS} intraday, …). Samco adds codes over time, so this is an open set: the codes
 * its documentation names are constants, any other code is kept as itself.
 *
 * @param code the product's code, e.g. {@code CNC}
 */
public record Product(String code) {

    /** Intraday ({@code MIS}). */
    public static final Product MIS = new Product("MIS");
    /** Cash and carry, delivery ({@code CNC}). */
    public static final Product CNC = new Product("CNC");
    /** Normal, for derivatives carried overnight ({@code NRML}). */
    public static final Product NRML = new Product("NRML");
    /** Cover order ({@code CO}). */
    public static final Product CO = new Product("CO");
    /** Bracket order ({@code BO}). */
    public static final Product BO = new Product("BO");

    /** The codes Samco documents. */
    public static final List<Product> KNOWN = List.of(MIS, CNC, NRML, CO, BO);

    /**
     * Checks the code; {@link #of(String)} says what is wrong with one instead of throwing.
     *
     * @param code the product's code, e.g. {@code CNC}
     */
    public Product {
        if (!MarketCodes.valid(code)) {
            throw new IllegalArgumentException("not a code; use Product.of");
        }
    }

    /**
     * Trims; any non-blank code of up to 32 printable characters, known or not.
     *
     * @param raw the code as Samco sent it
     * @return the product, or why {@code raw} is not a code
     */
    public static Either<DomainError, Product> of(String raw) {
        return MarketCodes.parse(raw, "product").map(Product::new);
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
