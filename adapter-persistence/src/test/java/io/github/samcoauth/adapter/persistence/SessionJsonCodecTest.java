package io.github.samcoauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.LoginMethod;
import io.github.samcoauth.domain.Origin;
import io.github.samcoauth.domain.RefreshGrant;
import io.github.samcoauth.domain.RefreshToken;
import io.github.samcoauth.domain.Session;
import io.github.samcoauth.testkit.Sessions;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The session's JSON: every field kept, every older form read, every broken one told apart. */
class SessionJsonCodecTest {

    private static final AccountId DV = new AccountId("DV99999");
    private final SessionJsonCodec codec = new SessionJsonCodec();

    private Either<SessionJsonCodec.Problem, Session> decode(String json) {
        return codec.decode(DV, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(String issuedAt, String refresh) {
        return """
                {"format":2,"accountId":"DV99999","accountName":"Desk","exchanges":["NSE"],"orderTypes":["L"],\
                "products":["CNC"],"sessionToken":"0123456789abcdef0123456789abcdef","issuedAt":%s,\
                "expiresAt":"2025-01-14T02:30:00Z","method":"oauth"%s}""".formatted(issuedAt, refresh);
    }

    @Test
    void givenAnOAuthSessionAtAnOrigin_whenEncodedAndDecoded_thenEveryFieldIsKept() throws Exception {
        var session = new Session(
                        Sessions.token("0123456789abcdef0123456789abcdef"),
                        Sessions.profile("DV99999"),
                        Sessions.ISSUED,
                        Sessions.ISSUED.plus(Duration.ofHours(1)),
                        LoginMethod.OAUTH,
                        Option.some(new RefreshGrant(
                                RefreshToken.of("r".repeat(40)).get(), Sessions.ISSUED.plus(Duration.ofDays(30)))))
                .at(Origin.of("http://127.0.0.1:41234").get());
        var bytes = codec.encode(session);
        var text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text)
                .contains("\"refreshToken\":\"" + "r".repeat(40) + "\"")
                .contains("\"refreshExpiresAt\":\"2025-02-12T04:40:40Z\"")
                .contains("\"origin\":\"http://127.0.0.1:41234\"");
        assertThat(codec.decode(DV, bytes)).isEqualTo(Either.right(session));
    }

    @Test
    void givenTheFirstFormatWithoutMethodOrOrigin_whenDecoded_thenALoginCodeSessionForProduction() {
        var decoded = decode(json("\"2025-01-13T04:40:40Z\"", "").replace("\"format\":2", "\"format\":1"));
        assertThat(decoded.get().method()).isEqualTo(LoginMethod.LOGIN_CODE);
        assertThat(decoded.get().origin()).isEqualTo(Origin.DEFAULT);
        assertThat(decoded.get().refresh()).isEmpty();
    }

    @Test
    void givenBrokenForms_whenDecoded_thenEachSaysWhatIsWrong() {
        assertThat(decode("").getLeft()).isEqualTo(new SessionJsonCodec.Problem("empty", false));
        assertThat(decode("{not json").getLeft().what()).isEqualTo("not valid JSON");
        assertThat(decode("[1]").getLeft().what()).isEqualTo("not a session file");
        assertThat(decode("{\"format\":3}").getLeft())
                .isEqualTo(new SessionJsonCodec.Problem("written by a newer samco-auth (format 3)", true));
        assertThat(decode("{\"format\":0}").getLeft().what()).isEqualTo("of an unknown format 0");
        assertThat(decode("{\"format\":2,\"exchanges\":{}}").getLeft().what()).isEqualTo("not a session file");
        assertThat(decode(json("null", "")).getLeft().what())
                .contains("invalid")
                .contains("issued at");
        assertThat(decode(json("\"yesterday\"", "")).getLeft().what())
                .contains("invalid")
                .contains("issued at")
                .contains("ISO-8601");
        assertThat(decode(json("\"2025-01-13T04:40:40Z\"", ",\"refreshToken\":\"" + "r".repeat(40) + "\""))
                        .getLeft()
                        .what())
                .contains("refresh expires at");
        assertThat(decode(json("\"2025-01-13T04:40:40Z\"", ",\"origin\":\"ftp://x\""))
                        .getLeft()
                        .what())
                .startsWith("invalid");
        assertThat(codec.decode(
                                new AccountId("RM3XXXXX"),
                                json("\"2025-01-13T04:40:40Z\"", "")
                                        .replace("\"oauth\"", "\"api-key\"")
                                        .getBytes(StandardCharsets.UTF_8))
                        .getLeft()
                        .what())
                .isEqualTo("the session of another account");
    }

    @Test
    void givenAStoredForm_whenPrinted_thenNoTokenIsShown() {
        var stored = new SessionJson(
                2,
                "DV99999",
                "Desk",
                java.util.List.of(),
                java.util.List.of(),
                java.util.List.of(),
                "0123456789abcdef0123456789abcdef",
                "a",
                "b",
                "oauth",
                "r".repeat(40),
                "c",
                null);
        assertThat(stored.toString())
                .isEqualTo("SessionJson[accountId=DV99999, sessionToken=***, refreshToken=***]")
                .doesNotContain("0123456789abcdef");
    }
}
