package io.github.samcoauth.domain;

import io.vavr.collection.List;
import io.vavr.control.Either;

/**
 * A product the account may trade ({@code CNC} cash-and-carry, {@code MIS} intraday, …). Samco adds codes over time, so this is an open set: the codes
 * its documentation names are constants, any other code is kept as itself.
 */
public record Product(String code) {

    public static final Product MIS = new Product("MIS");
    public static final Product CNC = new Product("CNC");
    public static final Product NRML = new Product("NRML");
    public static final Product CO = new Product("CO");
    public static final Product BO = new Product("BO");

    /** The codes Samco documents. */
    public static final List<Product> KNOWN = List.of(MIS, CNC, NRML, CO, BO);

    public Product {
        if (!MarketCodes.valid(code)) {
            throw new IllegalArgumentException("not a code; use Product.of");
        }
    }

    /** Trims; any non-blank code of up to 32 printable characters, known or not. */
    public static Either<DomainError, Product> of(String raw) {
        return MarketCodes.parse(raw, "product").map(Product::new);
    }

    /** Whether Samco's documentation names this code. */
    public boolean isKnown() {
        return KNOWN.contains(this);
    }

    @Override
    public String toString() {
        return code;
    }
}
