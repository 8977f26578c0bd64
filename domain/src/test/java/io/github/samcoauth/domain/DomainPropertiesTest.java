package io.github.samcoauth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.vavr.api.VavrAssertions.assertThat;

import io.vavr.control.Either;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties over arbitrary strings: factories never throw, secrets never show. */
class DomainPropertiesTest {

    private static final List<Function<String, Either<DomainError, ?>>> FACTORIES = List.of(
            Uid::of,
            AccountId::of,
            Otp::of,
            SessionToken::of,
            ApiKey::of,
            ApiSecret::of,
            LoginMethod::of,
            Exchange::of,
            OrderType::of,
            Product::of,
            raw -> AccountProfile.of(raw, raw, List.of(raw), List.of(raw), List.of(raw))
                    .mapLeft(e -> e.head()));

    @Provide
    Arbitrary<String> anything() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(5000),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(40),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20),
                Arbitraries.of("", " ", "\u0000", "\uD800", "NUWL3586", "dv99999 ", "SL-M"));
    }

    @Property(tries = 2000)
    void everyFactoryReturnsAValueAndNeverThrows(@ForAll("anything") String raw) {
        for (var factory : FACTORIES) {
            var result = factory.apply(raw);
            assertThat(result).isNotNull();
            assertThat(result.fold(DomainError::message, Object::toString)).isNotNull();
        }
        assertThat(ServerTime.parse(raw).raw()).isNotNull();
    }

    @Property(tries = 1000)
    void anOtpNeverShowsItself(@ForAll("codes") String raw) {
        var otp = Otp.of(raw);
        assertThat(otp).isRight();
        assertThat(otp.get().toString()).doesNotContain(raw);
        assertThat(Otp.of(raw + "!").toString()).doesNotContain(raw);
    }

    @Property(tries = 1000)
    void aTokenNeverShowsItself(@ForAll("tokens") String raw) {
        Assume.that(!"SessionToken[***]".contains(raw) && !"Session[account=DV99999, token=***]".contains(raw));
        var token = SessionToken.of(raw).get();
        assertThat(token.toString()).doesNotContain(raw);
        var profile = AccountProfile.of("DV99999", "N", List.of(), List.of(), List.of())
                .get();
        var session = Session.issue(token, profile, java.time.Instant.EPOCH);
        assertThat(session.toString()).doesNotContain(raw);
        assertThat(SessionToken.of(raw + " x").toString()).doesNotContain(raw);
    }

    @Provide
    Arbitrary<String> codes() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(4).ofMaxLength(16);
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(8).ofMaxLength(600);
    }
}
