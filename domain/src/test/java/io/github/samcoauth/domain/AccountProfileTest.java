package io.github.samcoauth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.vavr.api.VavrAssertions.assertThat;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

class AccountProfileTest {

    @Test
    void givenSampleFromDocs_whenOf_thenProfileKeepsOrderAndUnknownCodes() {
        var profile = AccountProfile.of(
                        "RM3XXXXX",
                        " MXXXXXAD AXXX ",
                        java.util.List.of("BFO", "BSE", "NEWX"),
                        java.util.List.of("MKT", "L"),
                        java.util.List.of("MIS", "MTF"))
                .get();
        assertThat(profile)
                .isEqualTo(new AccountProfile(
                        new AccountId("RM3XXXXX"),
                        "MXXXXXAD AXXX",
                        List.of(Exchange.BFO, Exchange.BSE, new Exchange("NEWX")),
                        List.of(OrderType.MARKET, OrderType.LIMIT),
                        List.of(Product.MIS, new Product("MTF"))));
    }

    @Test
    void givenEveryFieldBad_whenOf_thenEveryErrorReported() {
        var errors = AccountProfile.of("x", null, java.util.List.of("", "NSE"), null, java.util.List.of("B\u0000O"))
                .getLeft();
        assertThat(errors.map(DomainError::field))
                .containsExactly("account id", "account name", "exchange", "order types", "product");
    }

    @Test
    void givenEmptyListsAndEmptyName_whenOf_thenAccepted() {
        var profile = AccountProfile.of("DV99999", "", java.util.List.of(), java.util.List.of(), java.util.List.of());
        assertThat(profile.map(AccountProfile::accountName).get()).isEmpty();
    }

    @Test
    void givenNameWithControlCharacterOrTooLong_whenOf_thenMalformed() {
        var none = java.util.List.<String>of();
        assertThat(AccountProfile.of("DV99999", "A\nB", none, none, none)
                        .getLeft()
                        .head()
                        .code())
                .isEqualTo("malformed");
        assertThat(AccountProfile.of("DV99999", "A".repeat(201), none, none, none))
                .isLeft();
        assertThat(AccountProfile.of("DV99999", "A".repeat(200), none, none, none))
                .isRight();
    }

    @Test
    void givenNullParts_whenConstructed_thenRefused() {
        assertThatThrownBy(() ->
                        new AccountProfile(new AccountId("DV99999"), null, List.empty(), List.empty(), List.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccountProfile(null, "", List.empty(), List.empty(), List.empty()))
                .isInstanceOf(NullPointerException.class);
    }
}
