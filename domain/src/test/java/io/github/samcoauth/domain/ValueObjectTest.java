package io.github.samcoauth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.vavr.api.VavrAssertions.assertThat;

import io.vavr.control.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueObjectTest {

    @Test
    void givenLowerCaseUidWithSpaces_whenOf_thenTrimmedAndUpperCased() {
        assertThat(Uid.of("  dv99999 ")).isEqualTo(Either.right(new Uid("DV99999")));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n"})
    void givenBlankUid_whenOf_thenBlank(String raw) {
        assertThat(Uid.of(raw)).isEqualTo(Either.left(new DomainError.Blank("uid")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DV", "DV-9999", "DV 9999", "DV99999999999999X", "ДВ99999", "DV9999\u0000"})
    void givenMalformedUid_whenOf_thenMalformed(String raw) {
        assertThat(Uid.of(raw)).isEqualTo(Either.left(new DomainError.Malformed("uid", "3 to 16 letters or digits")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DV9", "DV99999", "RM3XXXXX", "ABCDEFGHIJ123456"})
    void givenValidUid_whenOf_thenRight(String raw) {
        assertThat(Uid.of(raw).map(Uid::value)).isEqualTo(Either.right(raw));
    }

    @Test
    void givenInvalidValue_whenConstructorCalledDirectly_thenRefused() {
        assertThatThrownBy(() -> new Uid("x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Otp(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionToken("has space inside")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccountId("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Exchange(" NSE")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenUid_whenAsAccountId_thenSameCode() {
        assertThat(Uid.of("dv99999").get().asAccountId())
                .isEqualTo(AccountId.of("DV99999").get());
    }

    @Test
    void givenAccountIds_whenCompared_thenByCode() {
        assertThat(AccountId.of("AB123").get())
                .isLessThan(AccountId.of("DV99999").get());
        assertThat(AccountId.of("rm3xxxxx").get().toString()).isEqualTo("RM3XXXXX");
    }

    @Test
    void givenMixedCaseCode_whenOtpOf_thenUpperCasedAsSamcoIssuesThem() {
        assertThat(Otp.of(" NuWl3586 ").map(Otp::value)).isEqualTo(Either.right("NUWL3586"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "NUWL-3586", "12345678901234567", "NUWL358é"})
    void givenMalformedCode_whenOtpOf_thenMalformed(String raw) {
        assertThat(Otp.of(raw))
                .isEqualTo(Either.left(new DomainError.Malformed("login code", "4 to 16 letters or digits")));
    }

    @Test
    void givenCodeTypedInTwoGroups_whenOtpOf_thenTheSpaceIsNamed() {
        assertThat(Otp.of(" KJL7 NHDQ ").getLeft().message())
                .isEqualTo("login code is malformed: expected 4 to 16 letters or digits in one word, without the"
                        + " space it has (type KJL7 NHDQ as KJL7NHDQ)");
    }

    @Test
    void givenOtp_whenToString_thenHidden() {
        assertThat(Otp.of("NUWL3586").get().toString()).isEqualTo("Otp[***]");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "f4b8ec1dcc1e9486f723cb5fcba16859",
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJEVjk5OTk5In0.abc-_+/=",
                "12345678"
            })
    void givenTokenShapes_whenSessionTokenOf_thenKeptExactly(String raw) {
        assertThat(SessionToken.of(raw).map(SessionToken::value)).isEqualTo(Either.right(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567", "abc def ghi jkl", "tökenwithümlaut", "tab\tinside-token"})
    void givenBadToken_whenSessionTokenOf_thenMalformed(String raw) {
        assertThat(SessionToken.of(raw).getLeft().code()).isEqualTo("malformed");
    }

    @Test
    void givenLongestAllowedToken_whenOf_thenRightAndOneMoreIsLeft() {
        assertThat(SessionToken.of("a".repeat(4096))).isRight();
        assertThat(SessionToken.of("a".repeat(4097))).isLeft();
    }

    @Test
    void givenToken_whenToString_thenHidden() {
        assertThat(SessionToken.of("f4b8ec1dcc1e9486f723cb5fcba16859").get().toString())
                .isEqualTo("SessionToken[***]");
    }

    @Test
    void givenErrors_whenMessage_thenNamesFieldNotValue() {
        assertThat(Otp.of("NUWL-3586").getLeft().message())
                .isEqualTo("login code is malformed: expected 4 to 16 letters or digits");
        assertThat(new DomainError.Blank("uid").message()).isEqualTo("uid is required");
        assertThat(new DomainError.Inconsistent("expires at", "too early").message())
                .isEqualTo("expires at is inconsistent: too early");
        assertThat(new DomainError.Inconsistent("x", "y").code()).isEqualTo("inconsistent");
        assertThat(new DomainError.Blank("x").code()).isEqualTo("blank");
    }

    @Test
    void givenKnownCodes_whenOf_thenEqualToConstantsAndKnown() {
        assertThat(Exchange.of("NSE")).isEqualTo(Either.right(Exchange.NSE));
        assertThat(OrderType.of("SL-M")).isEqualTo(Either.right(OrderType.STOP_LOSS_MARKET));
        assertThat(Product.of(" CNC ")).isEqualTo(Either.right(Product.CNC));
        assertThat(Exchange.NSE.isKnown()).isTrue();
        assertThat(OrderType.LIMIT.isKnown()).isTrue();
        assertThat(Product.BO.isKnown()).isTrue();
    }

    @Test
    void givenUnknownCodes_whenOf_thenKeptAsThemselves() {
        assertThat(Exchange.of("NCDEX").map(e -> e.code() + ":" + e.isKnown())).isEqualTo(Either.right("NCDEX:false"));
        assertThat(OrderType.of("ICEBERG").map(OrderType::isKnown)).isEqualTo(Either.right(false));
        assertThat(Product.of("MTF").map(Product::toString)).isEqualTo(Either.right("MTF"));
        assertThat(Product.of("MTF").map(Product::isKnown)).isEqualTo(Either.right(false));
        assertThat(Exchange.NSE.toString()
                        + OrderType.STOP_LOSS_MARKET
                        + Uid.of("dv99999").get())
                .isEqualTo("NSESL-MDV99999");
    }

    @Test
    void givenBadCodes_whenOf_thenTypedErrors() {
        assertThat(Exchange.of(" ")).isEqualTo(Either.left(new DomainError.Blank("exchange")));
        assertThat(Product.of("X".repeat(33)).getLeft().code()).isEqualTo("malformed");
        assertThat(OrderType.of("S\u0007L").getLeft().code()).isEqualTo("malformed");
        assertThat(Exchange.of("X".repeat(32))).isRight();
    }
}
