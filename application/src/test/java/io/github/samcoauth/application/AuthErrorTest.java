package io.github.samcoauth.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.DomainError;
import io.github.samcoauth.domain.ServerTime;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class AuthErrorTest {

    @Test
    void givenEachError_whenCodeAndMessage_thenStableAndReadable() {
        var account = AccountId.of("DV99999").get();
        assertThat(List.of(
                                new AuthError.InvalidInput(new DomainError.Blank("uid")),
                                new AuthError.Rejected(
                                        "Failure",
                                        List.of("OTP expired. Please enter valid OTP."),
                                        Option.none(),
                                        Option.none(),
                                        Option.some(ServerTime.parse("13/01/25 15:00:29")),
                                        200),
                                new AuthError.Rejected(
                                        "Error",
                                        List.empty(),
                                        Option.some("EOAUTH001"),
                                        Option.none(),
                                        Option.none(),
                                        401),
                                new AuthError.Unavailable("Samco answered 502 Bad Gateway"),
                                new AuthError.UnexpectedResponse("the body is not JSON"),
                                new AuthError.NoSession(Option.some(account)),
                                new AuthError.NoSession(Option.none()),
                                new AuthError.AccountRequired(List.of(
                                        account, AccountId.of("RM3XXXXX").get())),
                                new AuthError.StorageFailure(
                                        "cannot write the session file", Option.some("/tmp/x.json")))
                        .map(e -> e.code() + " | " + e.message()))
                .containsExactly(
                        "invalid-input | uid is required",
                        "rejected | Samco rejected the request (Failure): OTP expired. Please enter valid OTP.",
                        "rejected | Samco rejected the request (Error, EOAUTH001): no reason given",
                        "unavailable | Samco is unavailable: Samco answered 502 Bad Gateway",
                        "unexpected-response | Unexpected response from Samco: the body is not JSON",
                        "no-session | No valid session for DV99999",
                        "no-session | No valid session is stored",
                        "account-required | Several accounts have a valid session (DV99999, RM3XXXXX): name one",
                        "storage-failure | cannot write the session file (/tmp/x.json)");
    }

    private static AuthError.Rejected refused(int status, Option<String> code, String... messages) {
        return new AuthError.Rejected("Failure", List.of(messages), code, Option.none(), Option.none(), status);
    }

    @Test
    void givenA403ThatSpeaksOfTheStaticIp_whenClassified_thenIpNotRegisteredWithStatusCodeAndWords() {
        var byCode = AuthError.IpNotRegistered.classify(refused(403, Option.some("EOAUTH009")));
        assertThat(byCode).isInstanceOf(AuthError.IpNotRegistered.class);
        assertThat(byCode.code()).isEqualTo("ip-not-registered");
        assertThat(byCode.message())
                .isEqualTo("Samco refused this machine's IP address: it is not the app's registered static IP"
                        + " (403, EOAUTH009)");
        for (var words :
                List.of("The IP is not the registered static IP", "Not a Registered IP", "ip is not allowed")) {
            var byWords = AuthError.IpNotRegistered.classify(refused(403, Option.none(), words));
            assertThat(byWords).as(words).isInstanceOf(AuthError.IpNotRegistered.class);
            assertThat(byWords.message()).endsWith("(403): " + words);
        }
        var two = AuthError.IpNotRegistered.classify(refused(403, Option.some("EOAUTH009"), "one", "two"));
        assertThat(two.message()).endsWith("(403, EOAUTH009): one; two");
    }

    @Test
    void givenOtherRefusals_whenClassified_thenLeftAsTheyAre() {
        var not403 = refused(401, Option.some("EOAUTH009"), "The IP is not the registered static IP");
        assertThat(AuthError.IpNotRegistered.classify(not403)).isSameAs(not403);
        var otherWords = refused(403, Option.some("EOAUTH001"), "Invalid API key");
        assertThat(AuthError.IpNotRegistered.classify(otherWords)).isSameAs(otherWords);
        var none = refused(403, Option.none());
        assertThat(AuthError.IpNotRegistered.classify(none)).isSameAs(none);
    }

    @Test
    void givenNoCallback_whenSaid_thenItsCodeAndHowLongItWaited() {
        var error = new AuthError.NoCallback(java.time.Duration.ofSeconds(300));
        assertThat(error.code()).isEqualTo("no-callback");
        assertThat(error.message())
                .isEqualTo("The browser did not come back from Samco's consent page within 300 s; nothing was sent"
                        + " to Samco");
    }
}
