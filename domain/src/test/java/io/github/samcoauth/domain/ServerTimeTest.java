package io.github.samcoauth.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** The hand-written reading of {@code dd/MM/yy HH:mm:ss} agrees with the JDK's strict formatter. */
class ServerTimeTest {

    private static final DateTimeFormatter STRICT =
            DateTimeFormatter.ofPattern("dd/MM/uu HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    private static Option<Instant> byFormatter(String text) {
        return Try.of(() -> LocalDateTime.parse(text, STRICT))
                .map(local -> local.atZone(SessionLifetime.INDIA).toInstant())
                .toOption();
    }

    /** India's years 2000 to 2099: what two digits of year can say. */
    @Property(tries = 2000)
    void givenAnyTimeSamcoCanWrite_whenParsed_thenTheSameInstant(
            @ForAll @LongRange(min = 946_665_000L, max = 4_102_424_999L) long epochSecond) {
        var instant = Instant.ofEpochSecond(epochSecond);
        var written = ServerTime.of(instant).raw();
        assertThat(ServerTime.parse(written).instant()).isEqualTo(Option.some(instant));
    }

    @Property(tries = 5000)
    void givenTextOfTheRightShapeOrNearly_whenParsed_thenTheFormattersAnswer(@ForAll("nearlyTimes") String text) {
        assertThat(ServerTime.parse(text).instant()).isEqualTo(byFormatter(text));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "x3/01/25 10:10:40",
                "13/0-/25 10:10:40",
                "13/01/x5 10:10:40",
                "13/01/2- 10:10:40",
                "13/01/25 1+:10:40",
                "13/01/25 10:1 :40",
                "13/01/25 10:10:4x",
                "13/01/25 10:10:/0",
                "00/01/25 10:10:40",
                "13/13/25 10:10:40",
                "13/01/25 24:00:00",
                "29/02/25 10:10:40",
                "13-01-25 10:10:40",
                "13/01/25T10:10:40",
                "13/01/25 10.10.40"
            })
    void givenOneFieldOrSeparatorWrong_whenParsed_thenTextOnly(String text) {
        assertThat(ServerTime.parse(text).instant()).isEqualTo(Option.none());
        assertThat(byFormatter(text)).isEqualTo(Option.none());
        assertThat(ServerTime.parse(text).raw()).isEqualTo(text);
    }

    @org.junit.jupiter.api.Test
    void givenTheSampleAndALeapDay_whenParsed_thenIndiaTime() {
        assertThat(ServerTime.parse("13/01/25 10:10:40").instant())
                .isEqualTo(Option.some(Instant.parse("2025-01-13T04:40:40Z")));
        assertThat(ServerTime.parse("29/02/24 00:00:00").instant())
                .isEqualTo(Option.some(Instant.parse("2024-02-28T18:30:00Z")));
        assertThat(ServerTime.parse("31/12/99 23:59:59").instant())
                .isEqualTo(Option.some(Instant.parse("2099-12-31T18:29:59Z")));
        assertThat(ServerTime.parse("01/01/00 00:00:00").instant())
                .isEqualTo(Option.some(Instant.parse("1999-12-31T18:30:00Z")));
    }

    @Provide
    Arbitrary<String> nearlyTimes() {
        return Arbitraries.oneOf(
                Arbitraries.strings()
                        .withChars('0', '1', '2', '3', '9', '/', ':', ' ')
                        .ofMinLength(15)
                        .ofMaxLength(19),
                Arbitraries.strings()
                        .withChars('0', '1', '2', '3', '5', '9')
                        .ofLength(12)
                        .map(d -> d.substring(0, 2) + "/" + d.substring(2, 4) + "/" + d.substring(4, 6) + " "
                                + d.substring(6, 8) + ":" + d.substring(8, 10) + ":" + d.substring(10, 12)),
                Arbitraries.strings().ofLength(17).withChars('0', '1', '2', '9', '/', ':', ' ', 'x', '-', '+'));
    }
}
