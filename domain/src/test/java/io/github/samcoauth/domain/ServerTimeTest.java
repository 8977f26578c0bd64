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
